/**
 * How much of a set's hypervolume each point holds alone: the volume lost when that point is taken
 * away (its exclusive contribution). Pareto local search explores around the points that hold most.
 */
import { hypervolume } from './hypervolume.js';
import type { Direction } from './strategy.js';

/**
 * The exclusive hypervolume contribution of each of `points` against `reference`, under `directions`
 * (as {@link hypervolume} takes them): 0 for a point another point dominates or equals.
 *
 * @example
 * ```ts
 * hypervolumeContributions([[0.9, 50], [0.8, 20]], [0, 100], ['maximize', 'minimize']); // [0.1·50, 0.8·30] = [5, 24]
 * ```
 */
export function hypervolumeContributions(points: readonly (readonly number[])[], reference: readonly number[], directions: readonly Direction[]): number[] {
  const whole = hypervolume(points, reference, directions);
  return points.map((_, i) => Math.max(0, whole - hypervolume(points.filter((__, k) => k !== i), reference, directions)));
}
