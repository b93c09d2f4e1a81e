/**
 * Reads config text — YAML, or JSON, which YAML 1.2 contains — into plain data, and finds where a
 * key path is written so that errors can name the line. The text is held to {@link ConfigLimits}
 * step by step: its size before it is parsed, its nesting and number of values before it is composed
 * (see `compose-yaml.ts`), and the size its aliases expand to before it is converted to plain data.
 * Internal: not exported from the package.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { composeYaml } from './compose-yaml.js';
import { ConfigError, type SourceLocation } from './config-error.js';
import { type ConfigLimits, DEFAULT_CONFIG_LIMITS, raiseLimitHint } from './config-limits.js';
import { findSizeViolation, sizeViolationError, YAML_NODE_SHAPE } from './config-size.js';
import { inlineAliases } from './yaml-aliases.js';
import { findBadKey } from './yaml-keys.js';

/** Parsed config text: the data, and where each key path is written. */
export interface ConfigText {
  readonly value: unknown;
  /** Where `path` (or the nearest part of it that exists) is written. */
  locate(path: readonly PropertyKey[]): SourceLocation | undefined;
}

/**
 * Parses YAML or JSON text held to `limits`. Throws {@link ConfigError}: `"config-syntax"` with the
 * line of the first syntax error (duplicate keys included); `"config-too-large"` for text longer than
 * `limits.maxBytes` or whose aliases expand past `limits`; `"config-too-deep"` with the line of the
 * first list or mapping nested deeper than `limits.maxDepth`.
 */
export function readConfigText(text: string, file?: string, limits: ConfigLimits = DEFAULT_CONFIG_LIMITS): ConfigText {
  const subject = file !== undefined ? `the file "${file}"` : 'the config';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new ConfigError({ code: 'config-too-large', message: `${subject} holds ${bytes} bytes, more than the limit: ${raiseLimitHint(limits, 'maxBytes')}` });
  }
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1)) lineCounter.addNewLine(end + 1);
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { ...(file !== undefined ? { file } : {}), line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  const doc = composeYaml(text, subject, limits, where);
  const badKey = findBadKey(doc);
  if (badKey !== undefined) {
    const range = (badKey.node ?? badKey.map).range;
    throw new ConfigError({
      code: 'config-syntax',
      message:
        badKey.problem === 'duplicate'
          ? `${subject} is not valid YAML or JSON: the key "${badKey.key}" is written twice in one mapping`
          : `${subject} uses a list, a mapping or an alias as a key: keys must be plain strings`,
      ...(range ? { location: where(range[0]) } : {}),
    });
  }
  const aliases = inlineAliases(doc, where);
  const violation = findSizeViolation(doc.contents, YAML_NODE_SHAPE, limits);
  if (violation !== undefined) throw sizeViolationError(violation, limits, subject, aliases > 0);
  let value: unknown;
  try {
    // Aliases that are left have no anchor before them: toJS refuses them.
    value = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    throw new ConfigError({ code: 'config-syntax', message: `${subject} cannot be read: ${(error as Error).message}` });
  }
  const locate = (path: readonly PropertyKey[]): SourceLocation | undefined => {
    let node: unknown = doc.contents;
    let range: readonly number[] | null | undefined = path.length === 0 ? (node as Node | null)?.range : undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair === undefined) break;
        range = (pair.key as Node).range;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        range = (node as Node).range;
      } else {
        break;
      }
    }
    return range ? where(range[0]!) : undefined;
  };
  return { value, locate };
}
