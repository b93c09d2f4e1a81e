/**
 * NSGA2 searches several objectives through `outcome.objectives`: it covers a trade-off better than
 * random search in the same trials, puts feasible trials first, fits its population to a known
 * budget, and refuses outcomes without the objectives it was told to expect.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { hypervolume } from './hypervolume.js';
import { budgetedNsga2Population, NSGA2 } from './nsga2.js';
import { Random } from './random.js';
import type { Direction, Strategy } from './strategy.js';

const DIRECTIONS: Direction[] = ['maximize', 'minimize'];
const space = new MutableDict(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4], { label: `d${i}` })])));
/** Accuracy-like (more is better, with diminishing returns) against a cost that grows with every decision. */
function objectives(sample: Sample): [number, number] {
  const v = Object.values(sample) as number[];
  const accuracy = v.reduce((sum, x, i) => sum + Math.sqrt(x) * (i % 2 === 0 ? 2 : 1), 0);
  const cost = v.reduce((sum, x, i) => sum + x * (i < 3 ? 1 : 3), 0);
  return [accuracy, cost];
}

function runMultiObjective(strategy: Strategy, seed: number, trials: number, violation?: (s: Sample) => number): { sample: Sample; values: [number, number] }[] {
  const session = strategy.start({ space, rng: createRng(seed), direction: 'maximize', objectives: DIRECTIONS, maxTrials: trials });
  const told: { sample: Sample; values: [number, number] }[] = [];
  for (let i = 0; i < trials; i++) {
    const p = session.ask();
    if (p === undefined) break;
    const values = objectives(p.sample);
    const v = violation?.(p.sample);
    session.tell(p.id, { status: 'succeeded', value: values[0], objectives: values, ...(v ? { violation: v } : {}) });
    told.push({ sample: p.sample, values });
  }
  return told;
}

describe('NSGA2', () => {
  it('covers the trade-off better than random search in the same trials (hypervolume, 20 seeds)', () => {
    const reference = [0, 40];
    const mean = (make: () => Strategy) =>
      Array.from({ length: 20 }, (_, seed) => hypervolume(runMultiObjective(make(), seed, 150).map((t) => t.values), reference, DIRECTIONS)).reduce((a, b) => a + b, 0) / 20;
    const nsga2 = mean(() => new NSGA2());
    const random = mean(() => new Random());
    expect(nsga2).toBeGreaterThan(random * 1.02);
  });

  it('breeds from feasible trials: with a budget on cost, children are mostly feasible', () => {
    const overBudget = (s: Sample) => Math.max(0, objectives(s)[1] - 15);
    const told = runMultiObjective(new NSGA2({ populationSize: 20 }), 3, 200, overBudget);
    const feasibleShare = (part: typeof told) => part.filter((t) => overBudget(t.sample) === 0).length / part.length;
    expect(feasibleShare(told.slice(100))).toBeGreaterThan(feasibleShare(told.slice(0, 20)) + 0.2);
  });

  it('fits an unset population to a known budget', () => {
    expect([budgetedNsga2Population(20), budgetedNsga2Population(100), budgetedNsga2Population(200), budgetedNsga2Population(1000)]).toEqual([10, 20, 40, 50]);
    expect(new NSGA2().settingsFor(100).populationSize).toBe(20);
    expect(new NSGA2().settingsFor(undefined).populationSize).toBe(50);
    expect(new NSGA2({ populationSize: 7 }).settingsFor(100).populationSize).toBe(7);
  });

  it('refuses an outcome without one value per objective, and bad options', () => {
    const session = new NSGA2().start({ space, rng: createRng(0), direction: 'maximize', objectives: DIRECTIONS });
    const p = session.ask()!;
    expect(() => session.tell(p.id, { status: 'succeeded', value: 1 })).toThrow('NSGA2: trial 0 must report 2 objective values (outcome.objectives), got none');
    const q = session.ask()!;
    expect(() => session.tell(q.id, { status: 'succeeded', value: 1, objectives: [1, Number.NaN] })).toThrow(/objectives is not a list of finite numbers/);
    expect(() => new NSGA2({ populationSize: 1 })).toThrow('NSGA2: populationSize must be an integer ≥ 2, got 1');
    expect(() => new NSGA2({ crossoverProb: 2 })).toThrow('NSGA2: crossoverProb must be in [0, 1], got 2');
  });
});
