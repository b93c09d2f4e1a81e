/** Checks of the probability weights that choices accept. */
import { SearchSpaceError } from '@archspace/ir';

/** Tolerance on the sum of weights, as the reference's. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/**
 * Validates weights for `count` values: non-negative finite numbers summing to 1. Returns a frozen
 * copy, or `undefined` when no weights were given.
 */
export function checkWeights(
  weights: readonly number[] | undefined,
  count: number,
  what: string,
): readonly number[] | undefined {
  if (weights === undefined) return undefined;
  if (!Array.isArray(weights) || weights.length !== count) {
    throw new SearchSpaceError({
      code: 'invalid-weights',
      path: [what],
      expected: `${count} weights, one per value`,
      received: weights,
    });
  }
  let sum = 0;
  for (const w of weights) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new SearchSpaceError({ code: 'invalid-weights', path: [what], expected: 'finite non-negative weights', received: weights });
    }
    sum += w;
  }
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new SearchSpaceError({ code: 'invalid-weights', path: [what], expected: `weights summing to 1 (they sum to ${sum})`, received: weights });
  }
  return Object.freeze([...weights]);
}

/** Whether all weights are equal (then order and sampling are uniform). */
export function isUniform(weights: readonly number[] | undefined): boolean {
  return weights === undefined || weights.every((w) => Math.abs(w - weights[0]!) < 1e-12);
}
