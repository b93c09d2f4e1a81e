import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import { arbSpace } from '@archspace/mutables/testing';
import { Anneal } from './anneal.js';
import { GridSearch } from './grid-search.js';
import { NaiveEvolution } from './naive-evolution.js';
import { Random } from './random.js';
import { LocalSearch } from './local-search.js';
import { NSGA2 } from './nsga2.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { TPE } from './tpe.js';
import { BOHB } from './bohb.js';
import { Hyperband } from './hyperband.js';
import { sampleKey } from './sample-key.js';
import type { Strategy } from './strategy.js';
import { minimumProposals } from './test-support/minimum-proposals.js';
import { sampleHash } from './test-support/session-helpers.js';

function run(strategy: Strategy, space: Parameters<Strategy['start']>[0]['space'], seed: number): string[] {
  const session = strategy.start({ space, rng: createRng(seed), direction: 'maximize' });
  const out: string[] = [];
  for (let i = 0; i < 25; i++) {
    const p = session.ask();
    if (!p) break;
    const key = sampleKey(p.sample);
    out.push(key);
    // A deterministic score of the sample: same sample, same score.
    session.tell(p.id, { status: 'succeeded', value: sampleHash(p.sample) });
  }
  // Two empty runs are equal too: the strategy must have made the proposals it owes.
  expect(out.length).toBeGreaterThanOrEqual(minimumProposals(space, 25));
  return out;
}

it('same seed and same scores give the same proposals', () => {
  fc.assert(
    fc.property(arbSpace(), fc.integer(), (space, seed) => {
      const strategies = [
        () => new Random(),
        () => new GridSearch({ shuffle: true }),
        () => new RegularizedEvolution({ populationSize: 6, sampleSize: 3, mutationProb: 0.3 }),
        () => new LocalSearch({ initialSamples: 3 }),
        () => new LocalSearch({ initialSamples: 3, restartDistance: 2 }),
        () => new LocalSearch({ initialSamples: 4, balancedStart: true }),
        () => new NSGA2({ populationSize: 4 }),
        () => new TPE({ nStartupJobs: 5 }),
        () => new Hyperband({ minBudget: 1, maxBudget: 9 }),
        () => new BOHB({ minBudget: 1, maxBudget: 9, minPointsInModel: 3 }),
        () => new Anneal(),
        () => new NaiveEvolution({ populationSize: 4 }),
      ];
      for (const make of strategies) {
        expect(run(make(), space, seed)).toEqual(run(make(), space, seed));
      }
    }),
    { numRuns: 60 },
  );
});
