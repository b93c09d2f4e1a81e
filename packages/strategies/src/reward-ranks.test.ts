/**
 * Rank-based fitness shaping: each reward becomes its quantile among the rewards before it (ties
 * counting half), whatever their spread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RewardRanks } from './reward-ranks.js';

describe('RewardRanks', () => {
  it('gives 0.5 to the first reward, then the share of earlier rewards beaten, ties counting half', () => {
    const ranks = new RewardRanks();
    expect([80, 90, 10, 80, 95, 10].map((r) => ranks.rank(r))).toEqual([0.5, 1, 0, 0.5, 1, 0.1]);
  });

  it('agrees with counting, and depends on the order of the rewards only', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (rewards) => {
        const ranks = new RewardRanks();
        const shifted = new RewardRanks();
        rewards.forEach((reward, i) => {
          const before = rewards.slice(0, i);
          const expected = i === 0 ? 0.5 : (before.filter((r) => r < reward).length + before.filter((r) => r === reward).length / 2) / i;
          expect(ranks.rank(reward)).toBeCloseTo(expected, 12);
          expect(shifted.rank(Math.exp(reward) * 1000 - 3)).toBeCloseTo(expected, 12);
        });
      }),
      { numRuns: 200 },
    );
  });
});
