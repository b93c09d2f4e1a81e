import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, createRng, fromSearchSpaceJson, Numerical, RandomInteger } from '@archspace/mutables';
import { Anneal, annealedValue } from './anneal.js';
import { search } from './search.js';

describe('annealedValue', () => {
  const decisions = [
    new Numerical({ low: 0, high: 1, label: 'u' }),
    new Numerical({ low: 1e-4, high: 1e-1, log: true, label: 'lu' }),
    new Numerical({ low: 0, high: 10, quantize: 2.5, label: 'qu' }),
    new Numerical({ mu: 0, sigma: 1, label: 'n' }),
    new Numerical({ mu: 0, sigma: 1, log: true, quantize: 0.5, label: 'qln' }),
    new RandomInteger(3, 9, { label: 'i' }),
    new Categorical(['a', 'b', { c: 1 }], { label: 'c' }),
  ];

  it('always gives a member of the decision, around any base and at any shrink', () => {
    fc.assert(
      fc.property(fc.constantFrom(...decisions), fc.integer(), fc.double({ min: 0.001, max: 1, noNaN: true }), (decision, seed, shrink) => {
        const rng = createRng(seed);
        const base = decision.drawValue(rng);
        const value = annealedValue(decision, base, shrink, rng);
        expect(decision.problemWith(value)).toBeUndefined();
      }),
    );
  });

  it('draws a uniform within a window of shrink × width around the base, shifted inside the bounds', () => {
    const u = decisions[0]!;
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) {
      const middle = annealedValue(u, 0.5, 0.1, rng) as number;
      expect(Math.abs(middle - 0.5)).toBeLessThanOrEqual(0.05 + 1e-12);
      const edge = annealedValue(u, 0.99, 0.1, rng) as number;
      expect(edge).toBeGreaterThanOrEqual(0.9 - 1e-12);
    }
  });

  it('keeps a discrete value with probability 1 − shrink', () => {
    const c = decisions[6]!;
    const rng = createRng(5);
    let kept = 0;
    for (let i = 0; i < 3000; i++) if (annealedValue(c, 'b', 0.3, rng) === 'b') kept++;
    // P(keep) = 0.7 + 0.3 / 3 = 0.8.
    expect(kept / 3000).toBeGreaterThan(0.76);
    expect(kept / 3000).toBeLessThan(0.84);
  });

  it('draws a value that is not a member from the prior', () => {
    const u = decisions[0]!;
    const value = annealedValue(u, 7, 0.5, createRng(1)) as number;
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  });
});

describe('Anneal', () => {
  const space = () => fromSearchSpaceJson({ x: { _type: 'uniform', _value: [0, 1] }, y: { _type: 'choice', _value: [0, 1, 2, 3] } });
  const objective = (s: Record<string, unknown>) => -(((s['x'] as number) - 0.8) ** 2) - ((s['y'] as number) === 2 ? 0 : 0.3);

  it('closes in on good trials: later proposals are better than random ones on average', async () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const late = async (strategy: Anneal | undefined, seed: number) => {
      const result = await search(space(), (s) => objective(s), strategy ?? new Anneal({ shrinkCoef: 0 }), { maxTrials: 60 }, { seed });
      return mean(result.trials.slice(40).map((t) => (t.outcome as { value: number }).value));
    };
    const annealed: number[] = [];
    const flat: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      annealed.push(await late(new Anneal(), seed));
      // Without shrinking the draws are the prior's: random search.
      flat.push(await late(undefined, seed));
    }
    expect(mean(annealed)).toBeGreaterThan(mean(flat));
  });

  it('minimizes when told to', async () => {
    const result = await search(space(), (s) => -objective(s), new Anneal(), { maxTrials: 40 }, { seed: 2, direction: 'minimize' });
    expect(Math.min(...result.trials.map((t) => (t.outcome as { value: number }).value))).toBeLessThan(0.05);
  });

  it('never repeats a sample and is done once a finite space is exhausted', async () => {
    const small = fromSearchSpaceJson({ a: { _type: 'choice', _value: [1, 2, 3] }, b: { _type: 'randint', _value: [0, 2] } });
    const result = await search(small, (s) => (s['a'] as number) + (s['b'] as number), new Anneal(), { maxTrials: 50 }, { seed: 4 });
    expect(result.trials).toHaveLength(6);
    expect(new Set(result.trials.map((t) => JSON.stringify(t.sample))).size).toBe(6);
  });

  it('refuses bad options, naming them', () => {
    expect(() => new Anneal({ avgBestIdx: 0.5 })).toThrow(/avgBestIdx must be a finite number ≥ 1, got 0.5/);
    expect(() => new Anneal({ shrinkCoef: -1 })).toThrow(/shrinkCoef must be a finite number ≥ 0/);
    expect(() => new Anneal({ shrink: 1 } as never)).toThrow(/unknown option "shrink"/);
  });
});
