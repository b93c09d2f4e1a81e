import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
import type { Strategy } from './strategy.js';
import { minimumProposals } from './test-support/minimum-proposals.js';

const STRATEGIES: (() => Strategy)[] = [
  () => new Random(),
  () => new GridSearch(),
  () => new GridSearch({ shuffle: true }),
  () => new RegularizedEvolution({ populationSize: 5, sampleSize: 2, mutationProb: 0.5 }),
  () => new RegularizedEvolution({ populationSize: 4, sampleSize: 4, crossover: true, alwaysMutate: true }),
  () => new TPE({ nStartupJobs: 5 }),
  () => new LocalSearch({ initialSamples: 3 }),
  () => new NSGA2({ populationSize: 4 }),
  () => new LocalSearch({ initialSamples: 1, kickSizes: [1, 4], redraws: 2 }),
  () => new LocalSearch({ initialSamples: 4, restartDistance: 2 }),
  () => new LocalSearch({ initialSamples: 6, balancedStart: true }),
  () => new Hyperband({ minBudget: 1, maxBudget: 9 }),
  () => new BOHB({ minBudget: 1, maxBudget: 9, minPointsInModel: 3 }),
  () => new Anneal(),
  () => new Anneal({ avgBestIdx: 1, shrinkCoef: 2 }),
  () => new NaiveEvolution({ populationSize: 4 }),
];

describe('strategies never propose an invalid sample', () => {
  it.each(STRATEGIES.map((make) => [make().name, make] as const))('%s, on random spaces of every primitive', (_name, make) => {
    fc.assert(
      fc.property(arbSpace(), fc.integer(), (space, seed) => {
        const session = make().start({ space, rng: createRng(seed), direction: 'maximize' });
        const rng = createRng(seed + 1);
        let proposed = 0;
        for (let i = 0; i < 30; i++) {
          const proposal = session.ask();
          if (proposal === undefined) break;
          proposed++;
          expect(space.checkContains(proposal.sample)).toBeUndefined();
          session.tell(proposal.id, rng.next() < 0.2 ? { status: 'failed', error: 'boom' } : { status: 'succeeded', value: rng.next() });
        }
        // Stopping early is allowed only once the space has no new sample left.
        expect(proposed).toBeGreaterThanOrEqual(minimumProposals(space, 30));
      }),
      { numRuns: 60 },
    );
  });
});
