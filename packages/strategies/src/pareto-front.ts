/**
 * Pareto dominance over several objectives, each maximized or minimized: what the non-dominated set
 * of a multi-objective search is made of.
 */
import type { Direction } from './strategy.js';

/** Throws a RangeError unless `values` has one finite number per direction; `what` names the point. */
export function checkObjectiveValues(values: readonly number[], directions: readonly Direction[], what: string): void {
  if (!Array.isArray(values) || values.length !== directions.length) {
    throw new RangeError(`${what}: expected ${directions.length} objective values, got ${Array.isArray(values) ? values.length : typeof values}`);
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${what}: objective ${i} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Whether `a` dominates `b`: at least as good in every objective and better in one. Both must have
 * one value per direction.
 */
export function dominates(a: readonly number[], b: readonly number[], directions: readonly Direction[]): boolean {
  let better = false;
  for (let i = 0; i < directions.length; i++) {
    const sign = directions[i] === 'maximize' ? 1 : -1;
    const difference = sign * (a[i]! - b[i]!);
    if (difference < 0) return false;
    if (difference > 0) better = true;
  }
  return better;
}

/**
 * The items no other item dominates, in their input order (items with equal values are all kept).
 * `valuesOf` gives an item's objective values, one finite number per direction.
 *
 * @example
 * ```ts
 * paretoFront([[0.9, 50], [0.8, 20], [0.7, 30]], (p) => p, ['maximize', 'minimize']); // [[0.9, 50], [0.8, 20]]
 * ```
 */
export function paretoFront<T>(items: readonly T[], valuesOf: (item: T) => readonly number[], directions: readonly Direction[]): T[] {
  const values = items.map((item, i) => {
    const v = valuesOf(item);
    checkObjectiveValues(v, directions, `paretoFront: item ${i}`);
    return v;
  });
  const front: T[] = [];
  for (let i = 0; i < items.length; i++) {
    let dominated = false;
    for (let j = 0; j < items.length && !dominated; j++) dominated = j !== i && dominates(values[j]!, values[i]!, directions);
    if (!dominated) front.push(items[i]!);
  }
  return front;
}
