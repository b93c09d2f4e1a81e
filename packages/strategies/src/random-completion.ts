/**
 * Completing a partly fixed sample at random, for strategies that build children or neighbours from
 * the decisions of earlier samples: when the fixed decisions leave no way to satisfy the space's
 * constraints, the strategy tries another candidate instead of failing the search.
 */
import { ConstraintViolation } from '@archspace/ir';
import type { Mutable, Rng, Sample } from '@archspace/mutables';

/** `space.random(rng, memo)`, or `undefined` when no completion of `memo` satisfies the constraints. */
export function randomCompletion(space: Mutable, rng: Rng, memo: Sample): Sample | undefined {
  try {
    return space.random(rng, memo);
  } catch (error) {
    if (error instanceof ConstraintViolation) return undefined;
    throw error;
  }
}
