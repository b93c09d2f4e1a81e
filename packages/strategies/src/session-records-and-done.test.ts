/**
 * What a session records: proposals carry a `budget` only when one was given (asked or restored),
 * restored trials without an outcome stay pending with no `outcome` key, restored outcomes are
 * learnt from, `tell` refuses unknown ids; `done` is false unless the strategy ran out (Random
 * exhausts a finite space, and never does without dedup).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, createRng } from '@archspace/mutables';
import { Random } from './random.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import type { StrategyContext } from './strategy.js';

const space = new MutableDict({ x: new Categorical([0, 1, 2], { label: 'x' }) });
const context = (seed = 1): StrategyContext => ({ space, rng: createRng(seed), direction: 'maximize' });

describe('session records', () => {
  it('gives proposals without a budget key when the strategy sets none', () => {
    const session = new Random().start(context());
    const p = session.ask()!;
    expect(p).toStrictEqual({ id: 0, sample: p.sample });
  });

  it('restores budgets as given, pending trials without an outcome key', () => {
    const session = new Random().start(context());
    const proposals = session.restore([{ sample: { x: 0 }, budget: 3, outcome: { status: 'succeeded', value: 1 } }, { sample: { x: 1 } }]);
    expect(proposals).toStrictEqual([{ id: 0, sample: { x: 0 }, budget: 3 }, { id: 1, sample: { x: 1 } }]);
    expect(session.trials).toStrictEqual([{ proposal: proposals[0], outcome: { status: 'succeeded', value: 1 } }, { proposal: proposals[1] }]);
    expect(session.pending()).toStrictEqual([proposals[1]]);
  });

  it('learns from restored outcomes', () => {
    // A population of one restored member: with mutationProb 0 and no dedup every child is that
    // member; a session that had not learnt it would still be drawing its initial random samples.
    const session = new RegularizedEvolution({ populationSize: 1, sampleSize: 1, mutationProb: 0, dedup: false }).start(context());
    session.restore([{ sample: { x: 2 }, outcome: { status: 'succeeded', value: 1 } }]);
    for (let i = 0; i < 5; i++) expect(session.ask()!.sample).toEqual({ x: 2 });
  });

  it('refuses to tell an unknown id', () => {
    const session = new Random().start(context());
    session.ask();
    expect(() => session.tell(5, { status: 'succeeded', value: 1 })).toThrow(new RangeError('tell(): no proposal with id 5'));
  });
});

describe('done', () => {
  it('is false for a strategy that never runs out', () => {
    const session = new RegularizedEvolution({ populationSize: 2, sampleSize: 1 }).start(context());
    expect(session.done).toBe(false);
  });

  it('turns true once Random has proposed every sample, and stays so', () => {
    const session = new Random().start(context());
    for (let i = 0; i < 3; i++) {
      expect(session.done).toBe(false);
      expect(session.ask()).toBeDefined();
    }
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
    expect(session.ask()).toBeUndefined();
  });

  it('once Random is done, proposes nothing more, even where random draws could still find new samples', () => {
    // Nine values and one random draw per ask: whenever Random turns done, later asks draw nothing.
    const quantized = new MutableDict({ x: new Numerical({ low: 0, high: 1, quantize: 0.125, label: 'x' }) });
    const session = new Random({ retries: 1 }).start({ space: quantized, rng: createRng(2), direction: 'maximize' });
    let asks = 0;
    while (session.ask() !== undefined) asks++;
    expect(session.done).toBe(true);
    for (let i = 0; i < 30; i++) expect(session.ask()).toBeUndefined();
    expect(session.trials).toHaveLength(asks);
  });

  it('never turns true for Random without dedup, which repeats samples', () => {
    const session = new Random({ dedup: false }).start(context());
    const xs = Array.from({ length: 12 }, () => session.ask()!.sample['x']);
    expect(new Set(xs)).toEqual(new Set([0, 1, 2]));
    expect(session.done).toBe(false);
  });

  it('keeps the retries given to Random (500 by default)', () => {
    expect(new Random().options.retries).toBe(500);
    expect(new Random({ retries: 3 }).options.retries).toBe(3);
  });
});
