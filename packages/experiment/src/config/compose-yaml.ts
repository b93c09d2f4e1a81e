/**
 * Composes YAML text into the `yaml` package's document, with the text's nesting and its number of
 * values held to {@link ConfigLimits} before each costly step: the lexer's count first, then the
 * parser's syntax tree, and only then the composer, which recurses once per level of nesting.
 * Internal: not exported from the package.
 */
import { Composer, type Document, Parser } from 'yaml';
import { ConfigError, type SourceLocation } from './config-error.js';
import { type ConfigLimits, raiseLimitHint } from './config-limits.js';
import { sizeViolationError } from './config-size.js';
import { firstTooDeepOffset } from './yaml-nesting-depth.js';
import { takeTokenCensus } from './yaml-token-census.js';

/**
 * The one document of `text`. Throws {@link ConfigError}: `"config-too-deep"` located at the first
 * list or mapping nested deeper than `limits.maxDepth`; `"config-too-large"` for text that holds more
 * than `limits.maxExpandedNodes` values on its face; `"config-syntax"` located at the first syntax
 * error, or at a second document. `subject` names the text in messages ("the config").
 */
export function composeYaml(text: string, subject: string, limits: ConfigLimits, where: (offset: number) => SourceLocation): Document.Parsed {
  const tooDeep = (offset: number): ConfigError =>
    new ConfigError({
      code: 'config-too-deep',
      message: `${subject} nests lists and mappings more than ${limits.maxDepth} deep: ${raiseLimitHint(limits, 'maxDepth')}`,
      location: where(offset),
    });
  const census = takeTokenCensus(text, limits.maxDepth);
  if (census.tooDeepOffset !== undefined) throw tooDeep(census.tooDeepOffset);
  if (census.minValues > limits.maxExpandedNodes) throw sizeViolationError({ kind: 'nodes', count: census.minValues, exact: false }, limits, subject, false);
  const tokens = [...new Parser().parse(text)];
  const tooDeepOffset = firstTooDeepOffset(tokens, limits.maxDepth);
  if (tooDeepOffset !== undefined) throw tooDeep(tooDeepOffset);
  // Keys are checked for duplicates afterwards, in linear time (see yaml-keys.ts).
  const [doc, second] = new Composer({ uniqueKeys: false, strict: true }).compose(tokens, true, text.length);
  const first = doc?.errors[0];
  if (doc === undefined || first !== undefined || second !== undefined) {
    const message = first?.message.split('\n')[0] ?? 'it holds more than one document (a line "---" or "..." ends the first)';
    throw new ConfigError({ code: 'config-syntax', message: `${subject} is not valid YAML or JSON: ${message}`, location: where(first?.pos[0] ?? second?.range[0] ?? 0) });
  }
  return doc;
}
