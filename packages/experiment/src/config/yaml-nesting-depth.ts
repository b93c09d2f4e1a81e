/**
 * How deep YAML text nests, read from the concrete syntax tree the `yaml` package's `Parser` builds
 * without recursion — before its `Composer`, which recurses once per level (and at about 20,000
 * levels runs out of stack inside a regular expression, which kills the process). Internal: not
 * exported from the package.
 */
import { CST } from 'yaml';

type Entry = { readonly token: CST.Token; readonly depth: number };

/** The tokens inside `token`: a document's value, a collection's keys and values, and any others. */
function innerTokens(token: CST.Token): CST.Token[] {
  const inner: CST.Token[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) add(item);
    else if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') inner.push(value as CST.Token);
  };
  for (const [field, value] of Object.entries(token)) {
    if (field === 'items') for (const item of value as CST.CollectionItem[]) for (const part of Object.values(item)) add(part);
    else add(value);
  }
  return inner;
}

/**
 * The offset of the first list or mapping nested more than `maxDepth` deep in `tokens` (what
 * `new Parser().parse(text)` gives), or `undefined` if none is. `{ a: [1] }` is 2 deep.
 *
 * @example
 * ```ts
 * firstTooDeepOffset([...new Parser().parse('a: [[1]]')], 2); // 4, where "[1]" starts
 * ```
 */
export function firstTooDeepOffset(tokens: readonly CST.Token[], maxDepth: number): number | undefined {
  const stack: Entry[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const depth = entry.depth + (CST.isCollection(entry.token) ? 1 : 0);
    if (depth > maxDepth) return entry.token.offset;
    const inner = innerTokens(entry.token);
    for (let i = inner.length - 1; i >= 0; i--) stack.push({ token: inner[i]!, depth });
  }
  return undefined;
}
