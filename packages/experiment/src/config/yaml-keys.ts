/**
 * Checks the keys of a composed YAML document in one pass: each must be a plain scalar (a list or a
 * mapping as a key has no JSON form), and no mapping may hold a key twice. The `yaml` package's own
 * `uniqueKeys` check compares each key with every key before it — 70,000 keys take over two minutes.
 * Internal: not exported from the package.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/** A key that breaks the rules: where it is written, and which rule. */
export interface BadKey {
  /** The key's node; `null` for an empty key. */
  readonly node: Node | null;
  /** The mapping holding it, for the location of an empty key. */
  readonly map: Node;
  readonly problem: 'not-a-scalar' | 'duplicate';
  /** The key as the plain object will have it, for a duplicate. */
  readonly key?: string;
}

/** The property name the key `node` becomes once converted, as the `yaml` package names it. */
function propertyName(node: unknown): string {
  const value = isScalar(node) ? node.value : null;
  return value === null || value === undefined ? '' : String(value);
}

/**
 * A key of `doc` that is not a scalar or repeats a key of its mapping — compared as property names,
 * so `1` and `"1"` are the same key — or `undefined`. Outer mappings are checked before inner ones.
 */
export function findBadKey(doc: Document): BadKey | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key)) return { node: key, map: node, problem: 'not-a-scalar' };
        const name = propertyName(key);
        if (seen.has(name)) return { node: key, map: node, problem: 'duplicate', key: name };
        seen.add(name);
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value);
    } else if (isPair(node)) {
      stack.push(node.value);
    }
  }
  return undefined;
}
