import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, createRng, type Sample } from '@archspace/mutables';
import { arbSpace } from '@archspace/mutables/testing';
import { Hyperband, hyperbandBrackets } from './hyperband.js';
import { sampleKey } from './sample-key.js';
import { search } from './search.js';
import type { Proposal } from './strategy.js';
import { drain } from './test-support/session-helpers.js';

const table = (min: number, max: number, eta: number) => hyperbandBrackets(min, max, eta).map((b) => b.rungs.map((r) => [r.size, r.budget]));

const space = new MutableDict({ x: new Numerical({ low: 0, high: 1, label: 'x' }), y: new Numerical({ low: 0, high: 1, label: 'y' }) });
const quality = (s: Sample) => -(((s['x'] as number) - 0.3) ** 2) - ((s['y'] as number) - 0.6) ** 2;

describe('hyperbandBrackets', () => {
  it('gives the brackets of Li et al. for R = 27, eta = 3', () => {
    expect(table(1, 27, 3)).toEqual([
      [[27, 1], [9, 3], [3, 9], [1, 27]],
      [[12, 3], [4, 9], [1, 27]],
      [[6, 9], [2, 27]],
      [[4, 27]],
    ]);
  });

  it("gives the paper's Table 1 for R = 81, eta = 3", () => {
    expect(table(1, 81, 3)).toEqual([
      [[81, 1], [27, 3], [9, 9], [3, 27], [1, 81]],
      [[34, 3], [11, 9], [3, 27], [1, 81]],
      [[15, 9], [5, 27], [1, 81]],
      [[8, 27], [2, 81]],
      [[5, 81]],
    ]);
  });

  it('scales budgets to the range and handles a range that is not a power of eta', () => {
    expect(table(0.5, 4.5, 3)).toEqual([[[9, 0.5], [3, 1.5], [1, 4.5]], [[5, 1.5], [1, 4.5]], [[3, 4.5]]]);
    const odd = hyperbandBrackets(1, 100, 3);
    expect(odd[0]!.rungs.map((r) => r.budget)).toEqual([100 / 81, 100 / 27, 100 / 9, 100 / 3, 100]);
    expect(table(5, 5, 2)).toEqual([[[1, 5]]]);
  });

  it('refuses bad settings', () => {
    expect(() => hyperbandBrackets(0, 27, 3)).toThrow(/minBudget/);
    expect(() => hyperbandBrackets(2, 1, 3)).toThrow(/maxBudget/);
    expect(() => hyperbandBrackets(1, 27, 1)).toThrow(/eta/);
    expect(() => new Hyperband({ minBudget: 1, maxBudget: 27, iterations: 0 })).toThrow(/iterations/);
  });
});

describe('Hyperband', () => {
  it('waits for a rung, then promotes its best third at three times the budget', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 27 }).start({ space, rng: createRng(1), direction: 'maximize' });
    const first = drain(session);
    expect(first).toHaveLength(27);
    expect(first.every((p) => p.budget === 1)).toBe(true);
    expect(new Set(first.map((p) => sampleKey(p.sample))).size).toBe(27);
    expect(session.ask()).toBeUndefined();
    for (const p of first.slice(0, 26)) session.tell(p.id, { status: 'succeeded', value: quality(p.sample) });
    expect(session.ask()).toBeUndefined(); // one outcome is still missing
    session.tell(first[26]!.id, { status: 'succeeded', value: quality(first[26]!.sample) });
    const second = drain(session);
    const best9 = [...first].sort((a, b) => quality(b.sample) - quality(a.sample)).slice(0, 9);
    expect(second.map((p) => p.sample)).toEqual(best9.map((p) => p.sample));
    expect(second.every((p) => p.budget === 3)).toBe(true);
  });

  it('minimizes when asked', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 9 }).start({ space, rng: createRng(2), direction: 'minimize' });
    const first = drain(session);
    for (const p of first) session.tell(p.id, { status: 'succeeded', value: quality(p.sample) });
    const worst3 = [...first].sort((a, b) => quality(a.sample) - quality(b.sample)).slice(0, 3);
    expect(drain(session).map((p) => p.sample)).toEqual(worst3.map((p) => p.sample));
  });

  it('never promotes failed or stopped trials', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 27, iterations: 1 }).start({ space, rng: createRng(3), direction: 'maximize' });
    const first = drain(session);
    first.forEach((p, i) => {
      if (i < 20) session.tell(p.id, i % 2 === 0 ? { status: 'failed', error: 'boom' } : { status: 'stopped', value: 100, intermediates: [100] });
      else session.tell(p.id, { status: 'succeeded', value: quality(p.sample) });
    });
    const second = drain(session);
    expect(second.map((p) => p.sample)).toEqual(first.slice(20).sort((a, b) => quality(b.sample) - quality(a.sample)).map((p) => p.sample));
    for (const p of second) session.tell(p.id, { status: 'failed' });
    // Nothing succeeded at budget 3: the bracket ends, and with it the search.
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
  });

  it('runs the configured number of brackets, cycling from the most aggressive, then is done', async () => {
    const result = await search(space, (s, trial) => quality(s) * (2 - trial.budget! / 27), new Hyperband({ minBudget: 1, maxBudget: 27, iterations: 5 }), { maxTrials: 10_000 }, { seed: 4 });
    expect(result.trials).toHaveLength(40 + 17 + 8 + 4 + 40);
    const budgets = result.trials.map((t) => t.budget);
    expect(new Set(budgets)).toEqual(new Set([1, 3, 9, 27]));
    expect(budgets.slice(0, 27)).toEqual(new Array(27).fill(1));
    expect(budgets.slice(40, 52)).toEqual(new Array(12).fill(3));
    expect(budgets.slice(69, 69 + 27)).toEqual(new Array(27).fill(1));
    expect(result.session.done).toBe(true);
    expect(result.best?.budget).toBe(27);
  });

  it('keeps several trials of a rung in flight, and waits at the end of each rung', async () => {
    let running = 0;
    let peak = 0;
    const result = await search(
      space,
      async (s, trial) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
        return quality(s) + trial.budget!;
      },
      new Hyperband({ minBudget: 1, maxBudget: 9, iterations: 3 }),
      { maxTrials: 1000, concurrency: 4 },
      { seed: 5 },
    );
    expect(peak).toBe(4);
    expect(result.trials).toHaveLength(13 + 6 + 3);
    expect(result.trials.every((t) => t.outcome.status === 'succeeded')).toBe(true);
  });

  it('cycles forever without iterations', () => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 3, eta: 3 }).start({ space, rng: createRng(6), direction: 'maximize' });
    let asked = 0;
    for (let round = 0; round < 20; round++) {
      for (const p of drain(session)) {
        asked++;
        session.tell(p.id, { status: 'succeeded', value: quality(p.sample) });
      }
    }
    expect(asked).toBe(6 * (3 + 1 + 2) + 3 + 1); // one rung a round: 3@1, 1@3, then the bracket 2@3
    expect(session.done).toBe(false);
  });

  it('never introduces a configuration twice, and is done once a finite space is used up', () => {
    const small = new MutableDict({ a: new Categorical([1, 2, 3, 4, 5], { label: 'a' }), b: new Categorical(['u', 'v'], { label: 'b' }) });
    const session = new Hyperband({ minBudget: 1, maxBudget: 27 }).start({ space: small, rng: createRng(7), direction: 'maximize' });
    const first = drain(session);
    expect(first).toHaveLength(10);
    expect(new Set(first.map((p) => sampleKey(p.sample))).size).toBe(10);
    for (const p of first) session.tell(p.id, { status: 'succeeded', value: p.sample['a'] as number });
    expect(drain(session).map((p) => p.budget)).toEqual(new Array(9).fill(3));
    expect(session.done).toBe(false);
  });
});

describe('Hyperband on random spaces', () => {
  const run = (space: Parameters<typeof search>[0], seed: number): string[] => {
    const session = new Hyperband({ minBudget: 1, maxBudget: 9, eta: 3 }).start({ space, rng: createRng(seed), direction: 'maximize' });
    const outcomes = createRng(seed + 1);
    const out: string[] = [];
    for (let round = 0; round < 6 && out.length < 60; round++) {
      for (const p of drain(session)) {
        expect(space.checkContains(p.sample)).toBeUndefined();
        out.push(`${p.budget}:${sampleKey(p.sample)}`);
        const r = outcomes.next();
        session.tell(p.id, r < 0.2 ? { status: 'failed', error: 'boom' } : { status: 'succeeded', value: r });
      }
    }
    return out;
  };

  it('proposes only valid samples, and repeats exactly with the same seed', () => {
    fc.assert(
      fc.property(arbSpace(), fc.integer(), (space, seed) => {
        expect(run(space, seed)).toEqual(run(space, seed));
      }),
      { numRuns: 40 },
    );
  });
});
