/**
 * Properties of `search()` with `costs`, over random cost tables, bounds, strategies and budgets:
 * the pruned trials are exactly those whose costs break a constraint on a cost metric, `evaluate`
 * runs on every other trial and on no pruned one, the best is never infeasible, the budgets hold;
 * and a seeded search repeats itself, whether `costs` answers at once or in a promise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample } from '@archspace/mutables';
import { LocalSearch } from './local-search.js';
import { NSGA2 } from './nsga2.js';
import { Random } from './random.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { search } from './search.js';
import type { MetricConstraint } from './search-objectives.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const SIDE = 6;
const space = new MutableDict({
  x: new Categorical(Array.from({ length: SIDE }, (_, i) => i), { label: 'x' }),
  y: new Categorical(Array.from({ length: SIDE }, (_, i) => i), { label: 'y' }),
});
const cell = (s: Sample) => (s['x'] as number) * SIDE + (s['y'] as number);
const STRATEGIES: Record<string, () => Strategy> = {
  Random: () => new Random(),
  RegularizedEvolution: () => new RegularizedEvolution({ populationSize: 6, sampleSize: 3 }),
  TPE: () => new TPE({ nStartupJobs: 4 }),
  // Strategies see only synchronous costs before proposing (LocalSearch's costOrder): off here, so
  // sync and async costs give the same search; cost-guided-search.test.ts covers it.
  LocalSearch: () => new LocalSearch({ initialSamples: 3, costOrder: false }),
  NSGA2: () => new NSGA2({ populationSize: 6 }),
};

/** Whether `value` keeps `constraint`. */
const keeps = (constraint: MetricConstraint, value: number) => (constraint.min === undefined || value >= constraint.min) && (constraint.max === undefined || value <= constraint.max);

const bound = fc.record({ min: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), max: fc.option(fc.integer({ min: 10, max: 20 }), { nil: undefined }) }).filter((b) => b.min !== undefined || b.max !== undefined);

describe('search() with costs (properties)', () => {
  it('prunes exactly the trials whose costs break a cost constraint, evaluates all others, and never picks an infeasible best', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: SIDE * SIDE, maxLength: SIDE * SIDE }),
        bound,
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        fc.constantFrom(...Object.keys(STRATEGIES)),
        fc.integer({ min: 1, max: 15 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        fc.integer({ min: 0, max: 1000 }),
        async (table, costBound, scoreMax, name, maxTrials, maxPruned, seed) => {
          const costConstraint: MetricConstraint = { name: 'area', ...(costBound.min !== undefined ? { min: costBound.min } : {}), ...(costBound.max !== undefined ? { max: costBound.max } : {}) };
          const constraints = [costConstraint, ...(scoreMax !== undefined ? [{ name: 'score', max: scoreMax }] : [])];
          const score = (s: Sample) => cell(s) - table[cell(s)]! / 2;
          const evaluatedIds: number[] = [];
          const result = await search(
            space,
            (s, trial) => (evaluatedIds.push(trial.id), { score: score(s) }),
            STRATEGIES[name]!(),
            { maxTrials, ...(maxPruned !== undefined ? { maxPruned } : {}) },
            { seed, progress: false, objectives: [{ name: 'score', direction: 'maximize' }], constraints, costs: (s) => ({ area: table[cell(s)]! }) },
          );
          const pruned = result.trials.filter((t) => t.outcome.status === 'pruned');
          for (const trial of result.trials) expect(trial.outcome.status === 'pruned').toBe(!keeps(costConstraint, table[cell(trial.sample)]!));
          expect(evaluatedIds.sort((a, b) => a - b)).toEqual(result.trials.filter((t) => t.outcome.status !== 'pruned').map((t) => t.id));
          expect(evaluatedIds.length).toBeLessThanOrEqual(maxTrials);
          expect(pruned.length).toBeLessThanOrEqual(maxPruned ?? 10 * maxTrials);
          if (result.stopMessage !== undefined) expect(pruned.length).toBe(maxPruned ?? 10 * maxTrials);
          if (result.best !== undefined) {
            expect(keeps(costConstraint, table[cell(result.best.sample)]!)).toBe(true);
            if (scoreMax !== undefined) expect(score(result.best.sample)).toBeLessThanOrEqual(scoreMax);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each(Object.keys(STRATEGIES))('%s repeats a seeded search with costs, sync or async', async (name) => {
    const run = (asyncCosts: boolean) =>
      search(space, (s) => ({ score: cell(s) }), STRATEGIES[name]!(), { maxTrials: 12 }, {
        seed: 7,
        progress: false,
        objectives: [{ name: 'score', direction: 'maximize' }],
        constraints: [{ name: 'area', max: 3 }],
        costs: asyncCosts ? async (s) => ({ area: s['x'] as number }) : (s) => ({ area: s['x'] as number }),
      });
    const shown = (result: Awaited<ReturnType<typeof run>>) => JSON.stringify(result.trials);
    const first = await run(false);
    expect(first.trials.some((t) => t.outcome.status === 'pruned')).toBe(true);
    expect(shown(await run(false))).toBe(shown(first));
    expect(shown(await run(true))).toBe(shown(first));
  });
});
