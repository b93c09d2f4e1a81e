import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical } from '@archspace/mutables';
import type { Assessor } from './assessor.js';
import { GridSearch } from './grid-search.js';
import { Random } from './random.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { search } from './search.js';

const space = new MutableDict({ x: new Categorical([1, 2, 3, 4, 5, 6, 7, 8], { label: 'x' }), y: new Categorical([1, 2, 3], { label: 'y' }) });
const score = (s: Record<string, unknown>) => -(((s['x'] as number) - 6) ** 2) - ((s['y'] as number) - 2) ** 2;

describe('search', () => {
  it('finds the optimum of a small space with grid search and stops when the grid is done', async () => {
    const result = await search(space, score, new GridSearch(), { maxTrials: 1000 });
    expect(result.trials).toHaveLength(24);
    expect(result.best?.sample).toEqual({ x: 6, y: 2 });
  });

  it('minimizes when asked', async () => {
    const result = await search(space, score, new GridSearch(), { maxTrials: 1000 }, { direction: 'minimize' });
    expect(result.best?.sample).toEqual({ x: 1, y: 1 });
  });

  it('records a throwing trial as failed and goes on', async () => {
    const result = await search(space, (s) => {
      if (s['x'] === 3) throw new Error('out of memory');
      return score(s);
    }, new GridSearch(), { maxTrials: 24 });
    const failed = result.trials.filter((t) => t.outcome.status === 'failed');
    expect(failed).toHaveLength(3);
    expect(failed[0]!.outcome).toMatchObject({ status: 'failed', error: 'out of memory' });
    expect(result.best?.sample).toEqual({ x: 6, y: 2 });
  });

  it('keeps several asynchronous evaluations in flight, never more than the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const result = await search(
      space,
      async (s) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        return score(s);
      },
      new Random(),
      { maxTrials: 12, concurrency: 4 },
      { seed: 3 },
    );
    expect(result.trials).toHaveLength(12);
    expect(peak).toBe(4);
  });

  it('stops at the time budget', async () => {
    const start = Date.now();
    const continuous = new MutableDict({ x: new Numerical({ low: 0, high: 1, label: 'x' }) });
    const result = await search(continuous, async () => new Promise<number>((r) => setTimeout(() => r(1), 5)), new Random(), { maxTimeMs: 60 });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(result.trials.length).toBeGreaterThan(2);
    expect(result.trials.length).toBeLessThan(30);
  });

  it('lets an assessor stop a trial through report()', async () => {
    const stopAfterTwo: Assessor = { name: 'two', assess: (trial) => (trial.intermediates.length >= 2 ? 'stop' : 'continue') };
    const result = await search(
      space,
      (s, trial) => {
        for (let epoch = 0; epoch < 5; epoch++) trial.report(epoch);
        return score(s);
      },
      new Random(),
      { maxTrials: 3 },
      { assessor: stopAfterTwo },
    );
    expect(result.trials.every((t) => t.outcome.status === 'stopped')).toBe(true);
    expect(result.trials[0]!.outcome).toMatchObject({ status: 'stopped', value: 1, intermediates: [0, 1] });
  });

  it('repeats exactly with the same seed', async () => {
    const run = () => search(space, score, new RegularizedEvolution({ populationSize: 5, sampleSize: 2, mutationProb: 0.5 }), { maxTrials: 20 }, { seed: 9 });
    expect((await run()).trials.map((t) => t.sample)).toEqual((await run()).trials.map((t) => t.sample));
  });

  it('refuses a search without a budget', async () => {
    await expect(search(space, score, new Random(), {})).rejects.toThrow(/budget/);
  });
});
