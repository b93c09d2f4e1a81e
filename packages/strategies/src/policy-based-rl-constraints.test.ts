/**
 * PolicyBasedRL under metric constraints: a trial that breaks them is rewarded below every feasible
 * one (by rank with `rankRewards`, otherwise below the worst feasible score), so the policy learns the
 * best feasible value rather than the best value; and ranks put infeasible rewards below feasible ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng } from '@archspace/mutables';
import { PolicyBasedRL } from './policy-based-rl.js';
import { RewardRanks } from './reward-ranks.js';

describe('PolicyBasedRL under constraints', () => {
  it('learns the best feasible value, not the best infeasible one, with and without rankRewards', () => {
    // The value grows with x, but x ≥ 3 breaks the constraint (more for x = 4).
    const space = new MutableDict({ x: new Categorical([0, 1, 2, 3, 4], { label: 'x' }) });
    for (const rankRewards of [false, true]) {
      const session = new PolicyBasedRL({ rankRewards, learningRate: 0.2, dedup: false }).start({ space, rng: createRng(5), direction: 'maximize' });
      for (let i = 0; i < 300; i++) {
        const proposal = session.ask()!;
        const x = proposal.sample['x'] as number;
        session.tell(proposal.id, { status: 'succeeded', value: 10 * x, violation: Math.max(0, x - 2) / 10 });
      }
      const probability = (x: number) => session.distribution('x')!.find((e) => e.value === x)!.probability;
      expect(probability(2)).toBeGreaterThan(0.6);
      expect(probability(3) + probability(4)).toBeLessThan(0.2);
    }
  });

  it('keeps the baseline on the scale of the feasible scores when pruned trials are told with huge values', () => {
    const space = new MutableDict({ x: new Categorical([0, 1, 2], { label: 'x' }) });
    const session = new PolicyBasedRL({ dedup: false }).start({ space, rng: createRng(1), direction: 'maximize' });
    for (let i = 0; i < 50; i++) {
      const proposal = session.ask()!;
      const x = proposal.sample['x'] as number;
      session.tell(proposal.id, x === 0 ? { status: 'succeeded', value: -Number.MAX_VALUE, violation: 0.5 } : { status: 'succeeded', value: x });
    }
    expect(Math.abs(session.baseline!)).toBeLessThan(10);
  });
});

describe('RewardRanks with violations', () => {
  it('ranks an infeasible reward below, and a feasible one above, the share of infeasible rewards seen', () => {
    const entry = fc.record({ score: fc.double({ min: -1e6, max: 1e6, noNaN: true }), violation: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 10, noNaN: true })) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), entry, (history, next) => {
        const ranks = new RewardRanks();
        for (const { score, violation } of history) ranks.rank(score, violation);
        const infeasibleShare = history.filter((h) => h.violation > 0).length / history.length;
        const rank = ranks.rank(next.score, next.violation);
        expect(rank).toBeGreaterThanOrEqual(0);
        expect(rank).toBeLessThanOrEqual(1);
        if (next.violation > 0) expect(rank).toBeLessThanOrEqual(infeasibleShare);
        else expect(rank).toBeGreaterThanOrEqual(infeasibleShare);
      }),
    );
  });

  it('ranks less violation above more, whatever the scores', () => {
    const ranks = new RewardRanks();
    expect([ranks.rank(100, 0.5), ranks.rank(-100, 0.1), ranks.rank(0, 0.9), ranks.rank(-5)]).toEqual([0.5, 1, 0, 1]);
  });
});
