/**
 * What the `yaml` package's `Lexer` — a flat, fast token stream — tells about YAML text before its
 * `Parser` builds a syntax tree: how deep `[` and `{` nest, and how many values the text holds at
 * least. The parser needs about 1 GB and 15 s for a megabyte of `[`, and 500 MB for a megabyte-long
 * flat list; the lexer reads either in under a second, so text that is too deep or too large on its
 * face is refused before the parser sees it. Internal: not exported from the package.
 */
import { CST, Lexer } from 'yaml';

/** Lexer tokens that mark a mode or what follows, and stand for no text of their own. */
const MARKERS: ReadonlySet<string> = new Set([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END]);

/** What the tokens of some YAML text show. */
export interface TokenCensus {
  /** The offset of the first `[` or `{` nested more than `maxFlowDepth` deep, if any. */
  readonly tooDeepOffset: number | undefined;
  /**
   * A lower bound of the number of values the text stands for (aliases counted once): each `-`
   * item and each `key:` pair has a value of its own, and at most half of the scalars, aliases and
   * collections written are keys.
   */
  readonly minValues: number;
}

/**
 * Counts the tokens of `text`; stops at the first flow collection nested deeper than `maxFlowDepth`.
 *
 * @example
 * ```ts
 * takeTokenCensus('a: [1, [2]]', 64); // { tooDeepOffset: undefined, minValues: 3 } (it holds 5)
 * ```
 */
export function takeTokenCensus(text: string, maxFlowDepth: number): TokenCensus {
  let offset = 0;
  let flowDepth = 0;
  let indicators = 0;
  let keysOrValues = 0;
  for (const source of new Lexer().lex(text)) {
    switch (CST.tokenType(source)) {
      case 'flow-seq-start':
      case 'flow-map-start':
        if (++flowDepth > maxFlowDepth) return { tooDeepOffset: offset, minValues: Math.max(indicators, Math.ceil(keysOrValues / 2)) };
        keysOrValues++;
        break;
      case 'flow-seq-end':
      case 'flow-map-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case 'flow-error-end':
      case 'doc-start':
      case 'doc-end':
        flowDepth = 0;
        break;
      case 'seq-item-ind':
      case 'map-value-ind':
        indicators++;
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar-header':
      case 'alias':
        keysOrValues++;
        break;
      default:
    }
    if (!MARKERS.has(source)) offset += source.length;
  }
  return { tooDeepOffset: undefined, minValues: Math.max(indicators, Math.ceil(keysOrValues / 2)) };
}
