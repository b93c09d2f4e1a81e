/**
 * `search()` with `costs`: metrics known before training join the evaluated ones; a trial whose
 * costs break a constraint is pruned (never evaluated, told to the strategy as infeasible, recorded
 * as "pruned", not counted against maxTrials); the number of pruned trials is bounded; a failing or
 * malformed `costs` fails the trial naming the problem.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample } from '@archspace/mutables';
import { LocalSearch } from './local-search.js';
import { NSGA2 } from './nsga2.js';
import { Random } from './random.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { search } from './search.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const values = Array.from({ length: 20 }, (_, i) => i);
const space = new MutableDict({ x: new Categorical(values, { label: 'x' }), y: new Categorical(values, { label: 'y' }) });
const x = (s: Sample) => s['x'] as number;
const y = (s: Sample) => s['y'] as number;
const score = [{ name: 'score', direction: 'maximize' as const }];
/** The score grows with x + y; the cost is x, kept at most 4. */
const evaluateScore = (s: Sample) => ({ score: x(s) + y(s) });
const costs = (s: Sample) => ({ cost: x(s) });
const atMost4 = [{ name: 'cost', max: 4 }];

describe('search() with costs', () => {
  it('prunes the trials whose costs break a constraint: never evaluated, recorded as pruned, not counted', async () => {
    const evaluated: Sample[] = [];
    const result = await search(space, (s) => (evaluated.push(s), evaluateScore(s)), new Random(), { maxTrials: 10 }, { seed: 3, progress: false, objectives: score, constraints: atMost4, costs });
    const pruned = result.trials.filter((t) => t.outcome.status === 'pruned');
    expect(evaluated).toHaveLength(10);
    expect(pruned.length).toBeGreaterThan(10); // three quarters of the space costs too much
    expect(evaluated.every((s) => x(s) <= 4)).toBe(true);
    for (const trial of pruned) {
      expect(trial.outcome).toEqual({ status: 'pruned', violation: (x(trial.sample) - 4) / 4, costs: { cost: x(trial.sample) } });
    }
    expect(result.trials.map((t) => t.id)).toEqual(result.trials.map((_, i) => i));
    expect(result.stopMessage).toBeUndefined();
    // The strategy heard of the pruned trials as succeeded but infeasible, with the worst value.
    const told = result.session.trials.find((t) => t.proposal.id === pruned[0]!.id)!.outcome;
    expect(told).toEqual({ status: 'succeeded', value: -Number.MAX_VALUE, objectives: [-Number.MAX_VALUE], violation: pruned[0]!.outcome.status === 'pruned' ? pruned[0]!.outcome.violation : NaN });
  });

  it('merges the costs into the metrics, so an objective can be a cost', async () => {
    const objectives = [...score, { name: 'cost', direction: 'minimize' as const }];
    const result = await search(space, evaluateScore, new NSGA2({ populationSize: 8 }), { maxTrials: 30 }, { seed: 1, progress: false, objectives, constraints: atMost4, costs });
    for (const trial of result.trials) {
      if (trial.outcome.status === 'succeeded') expect(trial.outcome.objectives).toEqual([x(trial.sample) + y(trial.sample), x(trial.sample)]);
    }
    // Told to the strategy, a pruned trial keeps its known cost and gets the worst score.
    const pruned = result.session.trials.find((t) => x(t.proposal.sample) > 4)!.outcome!;
    expect(pruned).toMatchObject({ status: 'succeeded', objectives: [-Number.MAX_VALUE, expect.any(Number)] });
    expect(result.paretoFront!.every((t) => x(t.sample) <= 4)).toBe(true);
  });

  it('prunes only by constraints on cost metrics; a constraint on an evaluated metric is checked after evaluation', async () => {
    let calls = 0;
    const constraints = [...atMost4, { name: 'score', max: 10 }];
    const result = await search(space, (s) => (calls++, evaluateScore(s)), new Random(), { maxTrials: 20 }, { seed: 0, progress: false, objectives: score, constraints, costs });
    expect(calls).toBe(20);
    const infeasibleEvaluated = result.trials.filter((t) => t.outcome.status === 'succeeded' && t.outcome.violation! > 0);
    expect(infeasibleEvaluated.length).toBeGreaterThan(0);
    expect(infeasibleEvaluated.every((t) => x(t.sample) <= 4 && x(t.sample) + y(t.sample) > 10)).toBe(true);
    expect(x(result.best!.sample) + y(result.best!.sample)).toBeLessThanOrEqual(10);
  });

  it('stops after maxPruned pruned trials (default 10 × maxTrials) and says so', async () => {
    const never = (s: Sample) => ({ cost: 100 + x(s) });
    let calls = 0;
    const result = await search(space, () => (calls++, { score: 1 }), new Random(), { maxTrials: 3 }, { progress: false, objectives: score, constraints: atMost4, costs: never });
    expect(calls).toBe(0);
    expect(result.trials).toHaveLength(30);
    expect(result.best).toBeUndefined();
    expect(result.stopMessage).toBe('search(): stopped after pruning 30 trials (maxPruned 30) with 0 of 3 trials evaluated; the costs break the constraints almost everywhere the strategy looks');
    const bounded = await search(space, () => ({ score: 1 }), new Random(), { maxTrials: 3, maxPruned: 5 }, { progress: false, objectives: score, constraints: atMost4, costs: never });
    expect(bounded.trials).toHaveLength(5);
    await expect(search(space, () => ({ score: 1 }), new Random(), { maxTrials: 3, maxPruned: 0 }, { objectives: score, costs })).rejects.toThrow('search(): maxPruned must be a number ≥ 1 (Infinity for no bound), got 0');
  });

  it('fails a trial whose costs throw or are malformed, naming the problem, without evaluating it', async () => {
    let call = 0;
    const flaky = (s: Sample) => {
      call++;
      if (call === 1) throw new Error('no tracer for this op');
      if (call === 2) return [1, 2] as unknown as Record<string, number>;
      if (call === 3) return { cost: Number.NaN };
      if (call === 4) return Promise.reject(new Error('async boom'));
      return { cost: 0 * x(s) };
    };
    let calls = 0;
    const result = await search(space, (s) => (calls++, evaluateScore(s)), new Random(), { maxTrials: 6 }, { progress: false, objectives: score, constraints: atMost4, costs: flaky });
    const errors = result.trials.slice(0, 4).map((t) => (t.outcome as { error?: string }).error);
    expect(errors).toEqual(['costs() threw: no tracer for this op', 'costs() returned a list, not a record of metrics', 'costs() gave the metric "cost" as NaN, not a finite number', 'costs() threw: async boom']);
    expect(result.trials.map((t) => t.outcome.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'succeeded', 'succeeded']);
    expect(calls).toBe(2); // failed trials count against maxTrials; only the two good ones were evaluated
  });

  it('fails a trial whose evaluator reports a cost metric with another value; the same value is fine', async () => {
    const result = await search(space, (s) => ({ score: 1, cost: x(s) === 0 ? 0 : -1 }), new Random(), { maxTrials: 12 }, { seed: 2, progress: false, objectives: score, constraints: atMost4, costs });
    for (const trial of result.trials) {
      if (x(trial.sample) > 4) expect(trial.outcome.status).toBe('pruned');
      else if (x(trial.sample) === 0) expect(trial.outcome.status).toBe('succeeded');
      else expect(trial.outcome).toMatchObject({ status: 'failed', error: `the evaluator reported the metric "cost" as -1 but costs() gave ${x(trial.sample)}; report it in one place` });
    }
  });

  it('takes metric names such as __proto__ and constructor like any other', async () => {
    const odd = (s: Sample) => JSON.parse(`{"__proto__": ${x(s)}, "constructor": 1}`) as Record<string, number>;
    const result = await search(space, evaluateScore, new Random(), { maxTrials: 5 }, { seed: 4, progress: false, objectives: score, constraints: [{ name: '__proto__', max: 4 }, { name: 'constructor', min: 1 }], costs: odd });
    for (const trial of result.trials) expect(trial.outcome.status).toBe(x(trial.sample) > 4 ? 'pruned' : 'succeeded');
    const pruned = result.trials.find((t) => t.outcome.status === 'pruned')!;
    expect(Object.hasOwn((pruned.outcome as { costs: object }).costs, '__proto__')).toBe(true);
  });

  it('refuses costs without objectives, or costs that are not a function', async () => {
    await expect(search(space, () => 1, new Random(), { maxTrials: 1 }, { costs })).rejects.toThrow('search(): costs must be a function of the sample giving named metrics, used with objectives; got function without objectives');
    await expect(search(space, () => 1, new Random(), { maxTrials: 1 }, { objectives: score, costs: 5 as never })).rejects.toThrow(/got number$/);
  });

  it('counts evaluations, not pruned trials, against maxTrials when several run at once', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const slow = async (s: Sample) => {
      calls++;
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return evaluateScore(s);
    };
    const asyncCosts = async (s: Sample) => costs(s);
    const result = await search(space, slow, new Random(), { maxTrials: 12, concurrency: 3 }, { progress: false, objectives: score, constraints: atMost4, costs: asyncCosts });
    expect(calls).toBe(12);
    expect(most).toBeLessThanOrEqual(3);
    expect(result.trials.filter((t) => t.outcome.status !== 'pruned')).toHaveLength(12);
  });

  /** Trials pruned over seeds 0–4 while evaluating 60 (of the 100 feasible samples) each. */
  async function prunedOverSeeds(make: () => Strategy, seen?: (keys: string[]) => void): Promise<number> {
    let pruned = 0;
    for (let seed = 0; seed < 5; seed++) {
      const result = await search(space, evaluateScore, make(), { maxTrials: 60 }, { seed, progress: false, objectives: score, constraints: atMost4, costs });
      seen?.(result.trials.map((t) => `${x(t.sample)},${y(t.sample)}`));
      pruned += result.trials.filter((t) => t.outcome.status === 'pruned').length;
    }
    return pruned;
  }

  describe.each<[string, () => Strategy]>([
    ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 10, sampleSize: 5 })],
    ['TPE', () => new TPE({ nStartupJobs: 10 })],
    ['LocalSearch', () => new LocalSearch()],
  ])('%s told of pruned trials', (_name, make) => {
    it('never proposes a pruned sample again and prunes far fewer than random search', async () => {
      const pruned = await prunedOverSeeds(make, (keys) => expect(new Set(keys).size).toBe(keys.length));
      // Measured: Random 862; RegularizedEvolution 357, TPE 381, LocalSearch 308.
      expect(pruned).toBeLessThan((await prunedOverSeeds(() => new Random())) / 2);
    });
  });
});
