/**
 * Defaults that fit the budget: a search that knows its trial budget (`search()`'s `maxTrials`, an
 * experiment's `maxTrialNumber`) hands it to the strategy, and RegularizedEvolution sizes its
 * population and tournament to it unless they are given. With the reference's population of 100, a
 * 100-trial search was random search; with the budget's it evolves and beats random search on
 * NAS-Bench-201 (seeds the rule was never chosen on).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict } from '@archspace/mutables';
import { NasBench201Benchmark } from './nasbench201-benchmark.js';
import { Random } from './random.js';
import { budgetedPopulation, RegularizedEvolution } from './regularized-evolution.js';
import { search } from './search.js';
import type { Strategy, StrategyContext, StrategySession } from './strategy.js';
import { budgetedStartup, TPE } from './tpe.js';
import { sharedData } from './test-data.js';

describe('budgeted evolution settings', () => {
  it('give a fifth of the budget as the population and half of it as the tournament, within the reference’s sizes', () => {
    expect(budgetedPopulation(100)).toEqual({ populationSize: 20, sampleSize: 10 });
    expect(budgetedPopulation(20)).toEqual({ populationSize: 10, sampleSize: 5 });
    expect(budgetedPopulation(260)).toEqual({ populationSize: 52, sampleSize: 25 });
    expect(budgetedPopulation(500)).toEqual({ populationSize: 100, sampleSize: 25 });
    expect(budgetedPopulation(10_000)).toEqual({ populationSize: 100, sampleSize: 25 });
    expect(budgetedPopulation(100, 30)).toEqual({ populationSize: 30, sampleSize: 30 });
    expect(budgetedPopulation(100, 4)).toEqual({ populationSize: 20, sampleSize: 4 });
  });

  it('apply only to what the user left unset, and keep the reference’s defaults when the budget is unknown', () => {
    const defaults = new RegularizedEvolution();
    expect(defaults.settingsFor(undefined)).toMatchObject({ populationSize: 100, sampleSize: 25 });
    expect(defaults.settingsFor(100)).toMatchObject({ populationSize: 20, sampleSize: 10, mutationProb: 0.05 });
    expect(new RegularizedEvolution({ populationSize: 50 }).settingsFor(100)).toMatchObject({ populationSize: 50, sampleSize: 25 });
    expect(new RegularizedEvolution({ sampleSize: 3 }).settingsFor(100)).toMatchObject({ populationSize: 20, sampleSize: 3 });
    // A population smaller than the reference's tournament takes the whole population as the tournament.
    expect(new RegularizedEvolution({ populationSize: 10 }).options).toMatchObject({ populationSize: 10, sampleSize: 10 });
  });

  it('reach the strategy: search() passes its maxTrials, and nothing when it has only a time budget', async () => {
    const seen: (number | undefined)[] = [];
    const spy: Strategy = {
      name: 'spy',
      start(context: StrategyContext): StrategySession {
        seen.push(context.maxTrials);
        return new Random().start(context);
      },
    };
    const space = new MutableDict({ a: new Categorical([1, 2, 3], { label: 'a' }) });
    await search(space, () => 1, spy, { maxTrials: 3 }, { progress: false });
    await search(space, () => 1, spy, { maxTimeMs: 50 }, { progress: false });
    expect(seen).toEqual([3, undefined]);
  });
});

describe('budgeted TPE start-up', () => {
  it('is a fifth of the budget, 5 to the reference’s 20', () => {
    expect([10, 25, 30, 50, 99, 100, 1000].map(budgetedStartup)).toEqual([5, 5, 6, 10, 20, 20, 20]);
  });

  it('applies only when nStartupJobs is unset and the budget is known', () => {
    expect(new TPE().settingsFor(undefined).nStartupJobs).toBe(20);
    expect(new TPE().settingsFor(30).nStartupJobs).toBe(6);
    expect(new TPE({ nStartupJobs: 12 }).settingsFor(30).nStartupJobs).toBe(12);
    expect(new TPE({ nStartupJobs: 20 }).settingsFor(30).nStartupJobs).toBe(20);
  });

  it('hands the model the search from the first trial after the start-up', async () => {
    const space = new MutableDict({ a: new Categorical([1, 2, 3, 4, 5, 6, 7, 8], { label: 'a' }), b: new Categorical([1, 2, 3, 4, 5, 6, 7, 8], { label: 'b' }) });
    const fixed = await search(space, (s) => (s['a'] as number) + (s['b'] as number), new TPE({ nStartupJobs: 30 }), { maxTrials: 30 }, { seed: 4, progress: false });
    const budgeted = await search(space, (s) => (s['a'] as number) + (s['b'] as number), new TPE(), { maxTrials: 30 }, { seed: 4, progress: false });
    // The same seed draws the same first 6 samples; after them only the budgeted search follows its model.
    expect(budgeted.trials.slice(0, 6).map((t) => t.sample)).toEqual(fixed.trials.slice(0, 6).map((t) => t.sample));
    expect(budgeted.trials.slice(6).map((t) => t.sample)).not.toEqual(fixed.trials.slice(6).map((t) => t.sample));
  });
});

const nb201 = sharedData('nasbench201/nb201.csv');

describe.skipIf(!nb201.present)('RegularizedEvolution with its defaults on NAS-Bench-201 (skipped when ../shared/data/nasbench201 is absent)', () => {
  it('beats random search at 100 queries', async () => {
    const bench = NasBench201Benchmark.fromCsv(nb201.path);
    const ops = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
    const space = new MutableDict(Object.fromEntries(['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'].map((edge) => [edge, new Categorical(ops, { label: edge })])));
    const meanTest = async (strategy: () => Strategy) => {
      let total = 0;
      for (let seed = 2000; seed < 2060; seed++) {
        const result = await search(space, (s) => bench.query(s).signal, strategy(), { maxTrials: 100 }, { seed, progress: false });
        total += bench.query(result.best!.sample).test200.cifar10;
      }
      return total / 60;
    };
    // Seeds 1000–1299: defaults 94.13 ± 0.02 (standard error), random 93.71 ± 0.02 (test accuracy, %).
    expect(await meanTest(() => new RegularizedEvolution())).toBeGreaterThan((await meanTest(() => new Random())) + 0.2);
  });
});
