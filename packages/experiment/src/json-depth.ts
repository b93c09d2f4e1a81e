/**
 * How deep a parsed JSON value nests, measured without recursion, so that a hostile body or row 10^4
 * levels deep is refused with a typed error before recursive code (JSON.stringify, deep equality,
 * schema checks) can overflow the stack on it. Internal: not exported from the package.
 */

/** The deepest JSON a REST body may be (a profile with a search space is a few levels deep). */
export const MAX_BODY_DEPTH = 64;

/** The deepest JSON a store keeps (parameters of a NAS trial carry a model IR). */
export const MAX_STORED_DEPTH = 512;

/**
 * Whether `value` nests arrays and objects deeper than `limit` (a bare value has depth 0, `[1]` 1).
 * Stops as soon as the limit is passed, so its cost is bounded by the value's size.
 */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
