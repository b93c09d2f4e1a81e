/**
 * Reads config text — YAML, or JSON, which YAML 1.2 contains — into plain data, and finds where a
 * key path is written so that errors can name the line. Internal: not exported from the package.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { ConfigError, type SourceLocation } from './config-error.js';

/** Parsed config text: the data, and where each key path is written. */
export interface ConfigText {
  readonly value: unknown;
  /** Where `path` (or the nearest part of it that exists) is written. */
  locate(path: readonly PropertyKey[]): SourceLocation | undefined;
}

/** The most aliases a document may expand (a defence against "billion laughs" documents). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML or JSON text. Throws {@link ConfigError} with code `"config-syntax"` and the line of
 * the first syntax error (duplicate keys included).
 */
export function readConfigText(text: string, file?: string): ConfigText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { ...(file !== undefined ? { file } : {}), line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  const first = doc.errors[0];
  if (first !== undefined) {
    throw new ConfigError({
      code: 'config-syntax',
      message: `the config is not valid YAML or JSON: ${first.message.split('\n')[0]}`,
      location: where(first.pos[0]),
    });
  }
  // A key must be a plain scalar: a list or a mapping as a key ("? [a, b]: c") has no JSON form.
  let complexKey: Node | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        complexKey = pair.key as Node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (complexKey !== undefined) {
    throw new ConfigError({
      code: 'config-syntax',
      message: 'the config uses a list, a mapping or an alias as a key: keys must be plain strings',
      ...(complexKey.range ? { location: where(complexKey.range[0]) } : {}),
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError({ code: 'config-syntax', message: `the config cannot be read: ${(error as Error).message}` });
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
