/**
 * NSGA-II's ranking of a population (Deb et al., 2002): fronts by non-domination (front 0 is the
 * Pareto front, front 1 the front once front 0 is taken away, …), and within a front the crowding
 * distance, which prefers points in sparse parts of the front. Constraint-domination puts every
 * feasible point before every infeasible one, and infeasible ones by their total violation.
 */
import { checkObjectiveValues, dominates } from './pareto-front.js';
import type { Direction } from './strategy.js';

/** A point to rank: its objective values, and how much it breaks the constraints (0 or absent: feasible). */
export interface RankedPoint {
  readonly values: readonly number[];
  readonly violation?: number;
}

/** Whether `a` constraint-dominates `b`: feasible beats infeasible, less violation beats more, else Pareto dominance. */
export function constraintDominates(a: RankedPoint, b: RankedPoint, directions: readonly Direction[]): boolean {
  const va = a.violation ?? 0;
  const vb = b.violation ?? 0;
  if (va > 0 || vb > 0) return va < vb;
  return dominates(a.values, b.values, directions);
}

/**
 * The fronts of `points` as lists of indices, best front first (each index in exactly one front,
 * ascending within a front), under constraint-domination. O(n² · objectives).
 */
export function nonDominatedFronts(points: readonly RankedPoint[], directions: readonly Direction[]): number[][] {
  points.forEach((p, i) => {
    checkObjectiveValues(p.values, directions, `nonDominatedFronts: point ${i}`);
    if (p.violation !== undefined && !(p.violation >= 0)) throw new RangeError(`nonDominatedFronts: point ${i}: violation must be a number ≥ 0, got ${String(p.violation)}`);
  });
  const n = points.length;
  const dominatedBy = new Array<number>(n).fill(0);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (constraintDominates(points[i]!, points[j]!, directions)) {
        dominating[i]!.push(j);
        dominatedBy[j]!++;
      } else if (constraintDominates(points[j]!, points[i]!, directions)) {
        dominating[j]!.push(i);
        dominatedBy[i]!++;
      }
    }
  }
  const fronts: number[][] = [];
  let current = dominatedBy.flatMap((count, i) => (count === 0 ? [i] : []));
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of dominating[i]!) if (--dominatedBy[j]! === 0) next.push(j);
    }
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/**
 * The crowding distance of each point of one front (`front` lists indices into `points`), in the
 * front's order: per objective, the gap between a point's two neighbours over the objective's range,
 * summed; the extremes of every objective get `Infinity`.
 */
export function crowdingDistances(points: readonly RankedPoint[], front: readonly number[]): number[] {
  const distance = new Map<number, number>(front.map((i) => [i, 0]));
  const objectives = front.length === 0 ? 0 : points[front[0]!]!.values.length;
  for (let k = 0; k < objectives; k++) {
    const sorted = [...front].sort((a, b) => points[a]!.values[k]! - points[b]!.values[k]! || a - b);
    const low = points[sorted[0]!]!.values[k]!;
    const high = points[sorted[sorted.length - 1]!]!.values[k]!;
    distance.set(sorted[0]!, Infinity);
    distance.set(sorted[sorted.length - 1]!, Infinity);
    if (high === low) continue;
    for (let s = 1; s + 1 < sorted.length; s++) {
      const i = sorted[s]!;
      const gap = (points[sorted[s + 1]!]!.values[k]! - points[sorted[s - 1]!]!.values[k]!) / (high - low);
      distance.set(i, distance.get(i)! + gap);
    }
  }
  return front.map((i) => distance.get(i)!);
}
