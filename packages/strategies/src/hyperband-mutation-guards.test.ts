/**
 * Guards for behaviour of hyperband.ts that the main Hyperband tests left loose (found by mutation
 * testing): `done` before, between and after brackets, `done` once a finite space is used up, the
 * session's `brackets`, BOHB never re-introducing a configuration (the `seen` hook), and the
 * floating-point slack at the exact edge of the bracket count.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, createRng } from '@archspace/mutables';
import { BOHB } from './bohb.js';
import { Hyperband, HyperbandSession, hyperbandBrackets } from './hyperband.js';
import { sampleKey } from './sample-key.js';
import type { StrategySession } from './strategy.js';
import { drain, hashScore } from './test-support/session-helpers.js';

const space = new MutableDict({ x: new Numerical({ low: 0, high: 1, label: 'x' }), y: new Numerical({ low: 0, high: 1, label: 'y' }) });

/** Proposes everything ready and tells every proposal a succeeded outcome; returns how many were told. */
function round(session: StrategySession): number {
  const batch = drain(session);
  for (const p of batch) session.tell(p.id, { status: 'succeeded', value: hashScore(p.sample) });
  return batch.length;
}

describe('Hyperband session: done', () => {
  it('is not done before the first proposal, with or without a bracket count', () => {
    const counted = new Hyperband({ minBudget: 1, maxBudget: 9, iterations: 2 }).start({ space, rng: createRng(11), direction: 'maximize' });
    expect(counted.done).toBe(false);
    const endless = new Hyperband({ minBudget: 1, maxBudget: 9 }).start({ space, rng: createRng(12), direction: 'maximize' });
    expect(endless.done).toBe(false);
    expect(endless.ask()).toBeDefined();
  });

  it('is not done between brackets while some are left, and is done after the last', () => {
    // minBudget 1, maxBudget 3: bracket 0 is 3@1 then 1@3, bracket 1 is 2@3.
    const session = new Hyperband({ minBudget: 1, maxBudget: 3, iterations: 2 }).start({ space, rng: createRng(13), direction: 'maximize' });
    expect(round(session)).toBe(3);
    expect(round(session)).toBe(1);
    // Bracket 0 is over (its last outcome is in) and bracket 1 has not started.
    expect(session.done).toBe(false);
    expect(round(session)).toBe(2);
    expect(session.done).toBe(true);
    expect(session.ask()).toBeUndefined();
  });

  it('without a bracket count, stays not done across bracket ends', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 3 }).start({ space, rng: createRng(14), direction: 'maximize' });
    round(session);
    round(session);
    expect(session.done).toBe(false); // bracket 0 just ended
    expect(round(session)).toBe(2);
    expect(session.done).toBe(false);
  });

  it('is done once a finite space is used up and its last bracket has run, even without a bracket count', () => {
    const tiny = new MutableDict({ a: new Categorical([1, 2], { label: 'a' }) });
    const session = new Hyperband({ minBudget: 1, maxBudget: 9 }).start({ space: tiny, rng: createRng(15), direction: 'maximize' });
    const first = drain(session);
    expect(first.map((p) => p.budget)).toEqual([1, 1]); // the rung wants 9, the space has 2
    expect(session.done).toBe(false);
    for (const p of first) session.tell(p.id, { status: 'succeeded', value: p.sample['a'] as number });
    expect(round(session)).toBe(2); // both promoted to budget 3
    expect(round(session)).toBe(1); // the best to budget 9
    expect(session.done).toBe(true);
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
  });

  it('is done when a bracket opens on a space already used up', () => {
    // Three configurations: bracket 0 (3@1, then 1@3) takes them all, bracket 1 (2@3) finds none.
    const three = new MutableDict({ a: new Categorical([1, 2, 3], { label: 'a' }) });
    const session = new Hyperband({ minBudget: 1, maxBudget: 3 }).start({ space: three, rng: createRng(18), direction: 'maximize' });
    expect(round(session)).toBe(3);
    expect(round(session)).toBe(1);
    expect(session.done).toBe(false);
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
    expect(session.ask()).toBeUndefined();
    expect(session.trials).toHaveLength(4);
  });
});

describe('Hyperband session: promotions', () => {
  it('breaks ties by keeping the earlier trial', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 81, iterations: 1 }).start({ space, rng: createRng(19), direction: 'maximize' });
    const first = drain(session);
    expect(first).toHaveLength(81);
    // Two levels of score, each shared by many trials: the best 27 are all the 1s (ids 0, 3, 6, …, 54
    // hold 1 for 19 trials), then the earliest 0s.
    const value = (id: number) => (id % 3 === 0 && id <= 54 ? 1 : 0);
    for (const p of [...first].reverse()) session.tell(p.id, { status: 'succeeded', value: value(p.id) });
    const ones = first.filter((p) => value(p.id) === 1);
    const zeros = first.filter((p) => value(p.id) === 0);
    expect(drain(session).map((p) => p.sample)).toEqual([...ones, ...zeros.slice(0, 27 - ones.length)].map((p) => p.sample));
  });
});

describe('Hyperband session: brackets', () => {
  it('exposes the schedule it cycles through', () => {
    const strategy = new Hyperband({ minBudget: 1, maxBudget: 27 });
    const session = strategy.start({ space, rng: createRng(16), direction: 'maximize' });
    expect(session).toBeInstanceOf(HyperbandSession);
    const brackets = (session as HyperbandSession).brackets;
    expect(brackets).toEqual(hyperbandBrackets(1, 27, 3));
    expect(brackets.map((b) => b.s)).toEqual([3, 2, 1, 0]);
  });
});

describe('BOHB on top of the Hyperband session', () => {
  it('never introduces a configuration twice, even when the model keeps suggesting known ones', () => {
    // 40 configurations; the model (from the second bracket on) draws near the few good ones.
    const small = new MutableDict({ a: new Categorical([0, 1, 2, 3, 4, 5, 6, 7], { label: 'a' }), b: new Categorical(['p', 'q', 'r', 's', 't'], { label: 'b' }) });
    const session = new BOHB({ minBudget: 1, maxBudget: 9, iterations: 3, randomFraction: 0, minPointsInModel: 1 }).start({
      space: small,
      rng: createRng(17),
      direction: 'maximize',
    });
    let told = 0;
    const keys = new Set<string>();
    for (let i = 0; i < 20 && !session.done; i++) {
      const batch = drain(session);
      for (const p of batch) {
        keys.add(sampleKey(p.sample));
        session.tell(p.id, { status: 'succeeded', value: p.sample['a'] as number });
      }
      told += batch.length;
    }
    expect(session.done).toBe(true);
    expect(told).toBe(9 + 3 + 1 + (5 + 1) + 3);
    // Only promotions repeat a configuration; every first-rung proposal is new: 9 + 5 + 3.
    expect(keys.size).toBe(17);
  });
});

describe('hyperbandBrackets: the slack on powers of eta', () => {
  it('counts an eta that exceeds the budget ratio by exactly the slack as reaching it', () => {
    const eta = 3 * (1 + 1e-9);
    const brackets = hyperbandBrackets(1, 3, eta);
    expect(brackets.map((b) => b.s)).toEqual([1, 0]);
    expect(brackets[0]!.rungs.map((r) => r.budget)).toEqual([3 / eta, 3]);
    expect(brackets[1]!.rungs.map((r) => r.budget)).toEqual([3]);
  });
});
