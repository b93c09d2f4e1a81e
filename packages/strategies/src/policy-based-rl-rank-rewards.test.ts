/**
 * PolicyBasedRL with `rankRewards`: it learns from the quantile of each reward among the earlier
 * ones, so seeded runs repeat, any increasing transform of the values gives the same search, proposals
 * stay valid (failed trials mixed in, with or without `rewardForInvalid`), and it still learns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Mutable, NasBench201Space, type Sample, createRng, fromSearchSpaceJson } from '@archspace/mutables';
import { PolicyBasedRL, type PolicyBasedRLOptions } from './policy-based-rl.js';
import { sampleKey } from './sample-key.js';
import { hashScore } from './test-support/session-helpers.js';

/** The keys of the first `n` proposals of a seeded run whose trials score `value(sample)` (failing every fifth). */
function run(space: Mutable, options: PolicyBasedRLOptions, seed: number, value: (sample: Sample) => number, n = 40): string[] {
  const session = new PolicyBasedRL(options).start({ space, rng: createRng(seed), direction: 'maximize' });
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const proposal = session.ask();
    if (proposal === undefined) break;
    expect(space.checkContains(proposal.sample)).toBeUndefined();
    keys.push(sampleKey(proposal.sample));
    session.tell(proposal.id, i % 5 === 4 ? { status: 'failed', error: 'boom' } : { status: 'succeeded', value: value(proposal.sample) });
  }
  return keys;
}

const nested = () =>
  new MutableDict({
    branch: fromSearchSpaceJson({
      kind: { _type: 'choice', _value: [{ _name: 'small', width: { _type: 'choice', _value: [8, 16, 32] } }, { _name: 'large', depth: { _type: 'randint', _value: [1, 5] } }] },
      act: { _type: 'choice', _value: ['relu', 'gelu', 'tanh'] },
    }),
  });

describe('PolicyBasedRL with rankRewards', () => {
  it('is off by default and on when asked', () => {
    expect(new PolicyBasedRL().options.rankRewards).toBe(false);
    expect(new PolicyBasedRL({ rankRewards: true }).options.rankRewards).toBe(true);
  });

  it('repeats a seeded run, proposes valid samples, and searches the same under any increasing transform of the values', () => {
    fc.assert(
      fc.property(fc.constantFrom(NasBench201Space.create(), nested()), fc.integer(), fc.boolean(), fc.option(fc.double({ min: -2, max: 2, noNaN: true })), (space, seed, dedup, rewardForInvalid) => {
        const options: PolicyBasedRLOptions = { rankRewards: true, learningRate: 0.3, entropyWeight: 0.1, dedup, ...(rewardForInvalid !== null ? { rewardForInvalid } : {}) };
        const keys = run(space, options, seed, hashScore);
        expect(keys.length).toBeGreaterThan(0);
        if (dedup) expect(new Set(keys).size).toBe(keys.length);
        expect(run(space, options, seed, hashScore)).toEqual(keys);
        // x ↦ 100·x + 7 is increasing: every rank, hence every update, is the same (rewardForInvalid moved alike).
        const moved = { ...options, ...(rewardForInvalid !== null ? { rewardForInvalid: 100 * rewardForInvalid + 7 } : {}) };
        expect(run(space, moved, seed, (s) => 100 * hashScore(s) + 7)).toEqual(keys);
      }),
      { numRuns: 40 },
    );
  });

  it('learns the best value of a decision, and ignores how far apart the rewards are', () => {
    const space = new MutableDict({ x: new Categorical([0, 1, 2, 3, 4], { label: 'x' }) });
    for (const reward of [(x: number) => x, (x: number) => (x === 2 ? 1000 : x)]) {
      const session = new PolicyBasedRL({ rankRewards: true, learningRate: 0.2, dedup: false }).start({ space, rng: createRng(3), direction: 'maximize' });
      for (let i = 0; i < 300; i++) {
        const proposal = session.ask()!;
        session.tell(proposal.id, { status: 'succeeded', value: reward(proposal.sample['x'] as number) });
      }
      const best = reward(2) > reward(4) ? 2 : 4;
      expect(session.distribution('x')!.find((e) => e.value === best)!.probability).toBeGreaterThan(0.8);
    }
  });
});
