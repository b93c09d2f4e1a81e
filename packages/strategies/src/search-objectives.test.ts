/**
 * `search()` with named objectives and metric constraints: the result's Pareto front is exactly the
 * non-dominated feasible trials, an infeasible trial is never best, a trial whose metrics are
 * missing or not numbers fails naming the metric (and the search goes on), and bad objectives or a
 * single-objective strategy with several objectives are refused by name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample } from '@archspace/mutables';
import { NSGA2 } from './nsga2.js';
import { dominates } from './pareto-front.js';
import { Random } from './random.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { search } from './search.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const space = new MutableDict({ a: new Categorical([0, 1, 2, 3, 4, 5], { label: 'a' }), b: new Categorical([0, 1, 2, 3, 4, 5], { label: 'b' }) });
const metrics = (s: Sample) => ({ accuracy: (s['a'] as number) + (s['b'] as number) / 2, flops: (s['a'] as number) * 3 + (s['b'] as number) });
const objectives = [
  { name: 'accuracy', direction: 'maximize' as const },
  { name: 'flops', direction: 'minimize' as const },
];

describe('search() with objectives', () => {
  it('returns as Pareto front exactly the feasible succeeded trials no other one dominates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 3, max: 20 }), async (seed, maxFlops) => {
        const result = await search(space, metrics, new NSGA2({ populationSize: 6 }), { maxTrials: 30 }, { seed, progress: false, objectives, constraints: [{ name: 'flops', max: maxFlops }] });
        const feasible = result.trials.filter((t) => metrics(t.sample).flops <= maxFlops);
        const values = (t: (typeof feasible)[number]) => [metrics(t.sample).accuracy, metrics(t.sample).flops];
        const expected = feasible.filter((t) => !feasible.some((u) => dominates(values(u), values(t), ['maximize', 'minimize'])));
        expect(result.paretoFront!.map((t) => t.id)).toEqual(expected.map((t) => t.id));
        // The best is the most accurate feasible trial; an infeasible one never is.
        if (result.best !== undefined) expect(metrics(result.best.sample).flops).toBeLessThanOrEqual(maxFlops);
        const top = Math.max(...feasible.map((t) => metrics(t.sample).accuracy));
        if (feasible.length > 0) expect(metrics(result.best!.sample).accuracy).toBe(top);
        for (const t of result.trials) if (metrics(t.sample).flops > maxFlops) expect((t.outcome as { violation?: number }).violation).toBeCloseTo((metrics(t.sample).flops - maxFlops) / maxFlops, 12);
      }),
      { numRuns: 40 },
    );
  });

  it('fails a trial whose metrics are missing or not numbers, naming the metric, and goes on', async () => {
    let call = 0;
    const evaluate = (s: Sample) => {
      call++;
      if (call === 2) return { accuracy: 1 };
      if (call === 3) return { accuracy: Number.NaN, flops: 1 };
      if (call === 4) return 0.5;
      return metrics(s);
    };
    const result = await search(space, evaluate, new Random(), { maxTrials: 6 }, { progress: false, objectives });
    const errors = result.trials.map((t) => (t.outcome.status === 'failed' ? t.outcome.error : t.outcome.status));
    expect(errors).toEqual([
      'succeeded',
      'the evaluator reported no metric "flops" (it reported "accuracy")',
      'the metric "accuracy" is NaN, not a finite number',
      'the evaluator returned 0.5, not a record of metrics',
      'succeeded',
      'succeeded',
    ]);
  });

  it('refuses bad objectives and constraints, and a one-value strategy given several objectives', async () => {
    const run = (options: object, strategy: Strategy = new Random()) => search(space, metrics, strategy, { maxTrials: 2 }, { progress: false, ...options });
    await expect(run({ objectives: [] })).rejects.toThrow('search(): objectives must be a non-empty list of { name, direction }');
    await expect(run({ objectives: [objectives[0], objectives[0]] })).rejects.toThrow('search(): the objective "accuracy" is named twice');
    await expect(run({ objectives: [{ name: 'accuracy', direction: 'up' }] })).rejects.toThrow('search(): objective "accuracy" has direction "up"; the directions are "maximize" and "minimize"');
    await expect(run({ objectives, constraints: [{ name: 'latency' }] })).rejects.toThrow('search(): constraint "latency" needs a min or a max');
    await expect(run({ objectives, constraints: [{ name: 'latency', min: 5, max: 1 }] })).rejects.toThrow('search(): constraint "latency" has min 5 above max 1');
    await expect(run({ constraints: [{ name: 'latency', max: 1 }] })).rejects.toThrow('search(): constraints bound reported metrics, so they need objectives');
    await expect(run({ objectives, direction: 'minimize' })).rejects.toThrow(/direction "minimize" disagrees with the first objective's "maximize"/);
    await expect(run({ objectives }, new RegularizedEvolution())).rejects.toThrow('search(): RegularizedEvolution searches one value, not 2 objectives; use NSGA2, TPE, LocalSearch, Random or GridSearch');
    // One objective needs no multi-objective strategy.
    const single = await search(space, metrics, new TPE(), { maxTrials: 5 }, { progress: false, objectives: [objectives[1]!] });
    expect(single.trials.every((t) => t.outcome.status === 'succeeded')).toBe(true);
  });
});
