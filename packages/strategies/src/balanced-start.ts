/**
 * A balanced set of starting samples, a Latin hypercube over categories (as McKay, Beckman and
 * Conover, 1979, stratify ranges): across `count` samples, each categorical decision takes every one
 * of its values ⌊count/k⌋ or ⌈count/k⌉ times, in an order shuffled for each decision on its own. Random
 * samples leave some values of a decision untried and repeat others; a balanced start covers the
 * space more evenly for the same number of trials.
 */
import { Categorical, type Mutable, type Rng, type Sample } from '@archspace/mutables';

/**
 * `count` partial samples fixing every categorical decision of `space` in balanced proportions, for
 * `space.random(rng, memo)` to complete (other decisions drawn at random; a fixed decision the sample
 * does not activate is ignored). Records have no prototype, so any label is an own key.
 */
export function balancedStart(space: Mutable, count: number, rng: Rng): Sample[] {
  const memos = Array.from({ length: count }, () => Object.create(null) as Sample);
  const decisions = space.simplify();
  for (const label of Object.keys(decisions)) {
    const decision = decisions[label];
    if (!(decision instanceof Categorical) || decision.values.length === 0) continue;
    const order = rng.shuffle(Array.from({ length: count }, (_, i) => i % decision.values.length));
    order.forEach((index, i) => (memos[i]![label] = decision.values[index]));
  }
  return memos;
}
