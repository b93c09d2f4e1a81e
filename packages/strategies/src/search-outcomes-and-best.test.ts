/**
 * The `search()` loop's records: what outcome each evaluation becomes (numbers succeed, anything else
 * fails with a message, thrown errors fail, `TrialStopped` stops) with the intermediate results it
 * reported; the assessor's view of the other trials; the time budget; trials returned in proposal
 * order; and how `bestTrial` ranks trials (largest budget, then best value, ties keep the earliest).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Categorical, MutableDict } from '@archspace/mutables';
import type { Assessor } from './assessor.js';
import { GridSearch } from './grid-search.js';
import { type SearchTrial, TrialStopped, bestTrial, search } from './search.js';
import type { Outcome } from './strategy.js';

const space = new MutableDict({ x: new Categorical([0, 1, 2, 3, 4, 5], { label: 'x' }) });
const x = (s: Record<string, unknown>): number => s['x'] as number;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('search(): outcomes', () => {
  it('records the intermediate results with a succeeded value', async () => {
    const result = await search(space, (s, trial) => {
      trial.report(10);
      trial.report(20);
      return x(s);
    }, new GridSearch(), { maxTrials: 1 });
    expect(result.trials[0]!.outcome).toStrictEqual({ status: 'succeeded', value: 0, intermediates: [10, 20] });
  });

  it.each([
    [Number.NaN, 'NaN'],
    ['3', '3'],
    [undefined, 'undefined'],
  ])('fails a trial whose evaluator returned %o, keeping its intermediate results', async (value, text) => {
    const result = await search(space, (_s, trial) => {
      trial.report(1);
      return value as unknown as number;
    }, new GridSearch(), { maxTrials: 1 });
    expect(result.trials[0]!.outcome).toStrictEqual({ status: 'failed', error: `the evaluator returned ${text}, not a number`, intermediates: [1] });
    expect(result.best).toBeUndefined();
  });

  it('fails a trial whose evaluator threw, keeping its intermediate results', async () => {
    const result = await search(space, (_s, trial) => {
      trial.report(7);
      throw new Error('diverged');
    }, new GridSearch(), { maxTrials: 1 });
    expect(result.trials[0]!.outcome).toStrictEqual({ status: 'failed', error: 'diverged', intermediates: [7] });
  });

  it('records a trial stopped before any report without a value', async () => {
    const result = await search(space, (_s, trial) => {
      throw new TrialStopped(trial.id);
    }, new GridSearch(), { maxTrials: 1 });
    expect(result.trials[0]!.outcome).toStrictEqual({ status: 'stopped', intermediates: [] });
  });

  it('lets report() run without an assessor', async () => {
    const result = await search(space, (s, trial) => {
      trial.report(1);
      return x(s);
    }, new GridSearch(), { maxTrials: 3 });
    expect(result.trials.map((t) => t.outcome.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('shows the assessor every other trial started so far, never the one it judges', async () => {
    const seen: [number, number[]][] = [];
    const assessor: Assessor = { name: 'spy', assess: (trial, others) => (seen.push([trial.id, others.map((o) => o.id)]), 'continue') };
    await search(space, (s, trial) => {
      trial.report(x(s));
      return x(s);
    }, new GridSearch(), { maxTrials: 3 }, { assessor });
    expect(seen).toEqual([[0, []], [1, [0]], [2, [0, 1]]]);
  });
});

describe('search(): budgets and order', () => {
  it('starts trials only while the clock is before the deadline', async () => {
    let now = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const result = await search(space, (s) => {
      now += 10;
      return x(s);
    }, new GridSearch(), { maxTimeMs: 30 });
    expect(result.trials).toHaveLength(3);
  });

  it('returns the trials in proposal order, whatever order they finish in', async () => {
    const result = await search(space, async (s) => {
      await new Promise((r) => setTimeout(r, 2 * (6 - x(s))));
      return x(s);
    }, new GridSearch(), { maxTrials: 6, concurrency: 6 });
    expect(result.trials.map((t) => t.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports the best trial when minimizing', async () => {
    const result = await search(space, (s) => (x(s) - 3) ** 2, new GridSearch(), { maxTrials: 6 }, { direction: 'minimize' });
    expect(result.best?.sample).toEqual({ x: 3 });
  });
});

describe('bestTrial', () => {
  const trial = (id: number, outcome: Outcome, budget?: number): SearchTrial => ({ id, sample: { x: id }, budget, outcome });
  const ok = (value: number): Outcome => ({ status: 'succeeded', value });

  it('keeps the earliest of trials tied for the best value', () => {
    const trials = [trial(0, ok(1)), trial(1, ok(5)), trial(2, ok(5)), trial(3, ok(2))];
    expect(bestTrial(trials, 'maximize')?.id).toBe(1);
    expect(bestTrial([trial(0, ok(3)), trial(1, ok(1)), trial(2, ok(1))], 'minimize')?.id).toBe(1);
  });

  it('ignores failed and stopped trials, whatever their values', () => {
    const trials = [trial(0, { status: 'failed', error: 'x' }), trial(1, { status: 'stopped', value: 99, intermediates: [99] }), trial(2, ok(1))];
    expect(bestTrial(trials, 'maximize')?.id).toBe(2);
    expect(bestTrial(trials.slice(0, 2), 'maximize')).toBeUndefined();
  });

  it('prefers the largest budget over a better value at a smaller one (no budget counts as full)', () => {
    expect(bestTrial([trial(0, ok(1), 10), trial(1, ok(9), 5)], 'maximize')?.id).toBe(0);
    expect(bestTrial([trial(0, ok(1)), trial(1, ok(9), 5)], 'maximize')?.id).toBe(0);
    expect(bestTrial([trial(0, ok(1), 5), trial(1, ok(0), 10)], 'maximize')?.id).toBe(1);
  });
});
