/**
 * The hypervolume indicator: the volume of objective space that a set of points dominates, bounded
 * by a reference point that every objective is worse at. Exact: a sweep in two objectives, and
 * slicing along the last objective for more (each slice one objective fewer, so the recursion is as
 * deep as the objectives are many, never as the points are many).
 */
import { checkObjectiveValues } from './pareto-front.js';
import type { Direction } from './strategy.js';

/** The most objectives {@link hypervolume} takes (slicing costs grow as points^(objectives − 1)). */
export const MAX_HYPERVOLUME_OBJECTIVES = 8;

/** Area dominated by `points` (minimized, each below `reference` in both) in two objectives. */
function sweep2d(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let area = 0;
  let lowestY = reference[1]!;
  for (const [x, y] of sorted as [number, number][]) {
    if (y < lowestY) {
      area += (reference[0]! - x) * (lowestY - y);
      lowestY = y;
    }
  }
  return area;
}

/** Volume dominated by `points` (minimized, each below `reference` everywhere) in `reference.length` objectives. */
function sliced(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const d = reference.length;
  if (points.length === 0) return 0;
  if (d === 1) return reference[0]! - points.reduce((lowest, p) => Math.min(lowest, p[0]!), Infinity);
  if (d === 2) return sweep2d(points, reference);
  const sorted = [...points].sort((a, b) => a[d - 1]! - b[d - 1]!);
  const lower = reference.slice(0, d - 1);
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const top = i + 1 < sorted.length ? sorted[i + 1]![d - 1]! : reference[d - 1]!;
    const depth = top - sorted[i]![d - 1]!;
    if (depth > 0) volume += depth * sliced(sorted.slice(0, i + 1).map((p) => p.slice(0, d - 1)), lower);
  }
  return volume;
}

/**
 * The hypervolume of `points` against `reference`, under `directions` (one per objective, at most
 * {@link MAX_HYPERVOLUME_OBJECTIVES}). Points that are not better than the reference in every
 * objective add nothing. Values must be finite numbers.
 *
 * @example
 * ```ts
 * hypervolume([[0.9, 50], [0.8, 20]], [0, 100], ['maximize', 'minimize']); // 0.9·50 + 0.8·30 = 69
 * ```
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[], directions: readonly Direction[]): number {
  if (directions.length < 1 || directions.length > MAX_HYPERVOLUME_OBJECTIVES) {
    throw new RangeError(`hypervolume: 1 to ${MAX_HYPERVOLUME_OBJECTIVES} objectives, got ${directions.length}`);
  }
  checkObjectiveValues(reference, directions, 'hypervolume: the reference point');
  const flip = (values: readonly number[]) => values.map((v, i) => (directions[i] === 'maximize' ? -v : v));
  const ref = flip(reference);
  const inside: number[][] = [];
  points.forEach((point, i) => {
    checkObjectiveValues(point, directions, `hypervolume: point ${i}`);
    const p = flip(point);
    if (p.every((v, k) => v < ref[k]!)) inside.push(p);
  });
  return sliced(inside, ref);
}
