/**
 * How TPE ranks trials when the search has several objectives, following the split of
 * multi-objective TPE (Ozaki, Tanigaki, Watanabe and Onishi, 2020): by non-domination, front after
 * front (constraint-domination: feasible trials first), and within a front by crowding distance, so
 * that the good group takes whole fronts and then the spread-out members of the next. Each trial gets
 * one number that orders it so; the single-objective machinery then splits on it unchanged.
 */
import { crowdingDistances, nonDominatedFronts, type RankedPoint } from './non-dominated-sort.js';
import type { Direction } from './strategy.js';

/**
 * A score per point (larger is better): minus its front index, plus up to 0.5 for its crowding
 * distance within the front (the extremes of the front get the full 0.5).
 */
export function frontScores(points: readonly RankedPoint[], directions: readonly Direction[]): Float64Array {
  const scores = new Float64Array(points.length);
  nonDominatedFronts(points, directions).forEach((front, f) => {
    const crowding = crowdingDistances(points, front);
    front.forEach((i, k) => {
      const c = crowding[k]!;
      scores[i] = -f + (c === Infinity ? 0.5 : (0.5 * c) / (1 + c));
    });
  });
  return scores;
}
