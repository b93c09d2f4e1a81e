/**
 * LocalSearch's restarts: the restart point is the best evaluated sample far enough from every local
 * optimum, and restarting lets the search leave a deceptive basin that kicks fall back into.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { decisionsApart, restartPoint } from './local-search-restarts.js';
import { LocalSearch } from './local-search.js';
import type { Strategy } from './strategy.js';

const VALUES = [0, 1, 2, 3, 4];
const grid = (decisions: number): MutableDict =>
  new MutableDict(Object.fromEntries(Array.from({ length: decisions }, (_, i) => [`d${i}`, new Categorical(VALUES, { label: `d${i}` })])));

/** A sample with own keys exactly as given, `__proto__` included. */
const sample = (entries: [string, unknown][]): Sample => {
  const out = Object.create(null) as Sample;
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
};

describe('decisionsApart', () => {
  it('counts the decisions set differently, an absent one differing from a present one, and is symmetric', () => {
    expect(decisionsApart({ a: 1, b: 'x', c: 2 }, { a: 1, b: 'y', c: 3 })).toBe(2);
    expect(decisionsApart({ a: 1 }, { a: 1, b: 2 })).toBe(1);
    expect(decisionsApart({ a: [1, { p: 2, q: 3 }] }, { a: [1, { q: 3, p: 2 }] })).toBe(0);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (x, y) => {
        const [a, b] = [sample(Object.entries(x)), sample(Object.entries(y))];
        expect(decisionsApart(a, b)).toBe(decisionsApart(b, a));
        expect(decisionsApart(a, a)).toBe(0);
      }),
    );
  });

  it('treats keys such as __proto__ and constructor like any other', () => {
    expect(decisionsApart(sample([['__proto__', 1], ['constructor', 2]]), sample([['__proto__', 1], ['constructor', 3]]))).toBe(1);
    expect(decisionsApart(sample([['__proto__', 1]]), sample([]))).toBe(1);
  });
});

describe('restartPoint', () => {
  const at = (d0: number, d1: number, score: number, violation = 0) => ({ sample: { d0, d1 }, score, violation });

  it('is the best evaluated sample that was never a centre and is far enough from every optimum', () => {
    const optimum = at(0, 0, 9);
    const near = at(0, 1, 8);
    const far = at(3, 3, 5);
    const farther = at(4, 4, 4);
    const evaluated = [optimum, near, far, farther];
    expect(restartPoint(evaluated, new Set([optimum]), [optimum.sample], 2)).toBe(far);
    expect(restartPoint(evaluated, new Set([optimum, far]), [optimum.sample], 2)).toBe(farther);
    expect(restartPoint(evaluated, new Set([optimum]), [optimum.sample], 1)).toBe(near);
    expect(restartPoint(evaluated, new Set([optimum]), [optimum.sample, { d0: 3, d1: 4 }], 2)).toBeUndefined();
  });

  it('prefers a feasible sample to any infeasible one', () => {
    const feasible = at(3, 3, 1);
    expect(restartPoint([at(4, 4, 9, 0.5), feasible], new Set(), [{ d0: 0, d1: 0 }], 2)).toBe(feasible);
  });
});

describe('LocalSearch with restartDistance', () => {
  // Two basins: all decisions 0 (a local optimum, score 4) and all decisions 4 (the optimum, score 6).
  const space = grid(4);
  const score = (s: Sample) => Math.max(Object.values(s).filter((v) => v === 0).length, 1.5 * Object.values(s).filter((v) => v === 4).length);
  const OPTIMUM = 6;

  /** The trial (1-based) at which `strategy` first proposes the optimum, or Infinity within `trials`. */
  function trialsToOptimum(strategy: Strategy, seed: number, trials: number): number {
    const session = strategy.start({ space, rng: createRng(seed), direction: 'maximize' });
    for (let i = 1; i <= trials; i++) {
      const p = session.ask()!;
      if (score(p.sample) === OPTIMUM) return i;
      session.tell(p.id, { status: 'succeeded', value: score(p.sample) });
    }
    return Infinity;
  }

  it('leaves the deceptive basin sooner than kicks do', () => {
    const seeds = Array.from({ length: 60 }, (_, seed) => seed);
    const found = (strategy: () => Strategy) => seeds.filter((seed) => trialsToOptimum(strategy(), seed, 60) <= 60).length;
    const restarting = found(() => new LocalSearch({ initialSamples: 10, restartDistance: 3 }));
    const kicking = found(() => new LocalSearch({ initialSamples: 10 }));
    expect(restarting).toBeGreaterThan(kicking);
    expect(restarting).toBeGreaterThanOrEqual(55);
  });

  it('never proposes a sample twice and exhausts a small space', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 3 }), (seed, restartDistance) => {
        const session = new LocalSearch({ initialSamples: 2, restartDistance }).start({ space: grid(2), rng: createRng(seed), direction: 'maximize' });
        const seen = new Set<string>();
        for (let p = session.ask(); p !== undefined; p = session.ask()) {
          const key = JSON.stringify(p.sample);
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          session.tell(p.id, { status: 'succeeded', value: score({ ...p.sample, d2: 1, d3: 1 }) });
        }
        expect(seen.size).toBe(25);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a restart distance that is not an integer ≥ 1, naming it', () => {
    expect(() => new LocalSearch({ restartDistance: 0 })).toThrow(/LocalSearch: restartDistance must be an integer ≥ 1 \(or absent: always kick\), got 0/);
    expect(() => new LocalSearch({ restartDistance: 2.5 })).toThrow(/restartDistance must be an integer ≥ 1.*got 2\.5/);
    expect(() => new LocalSearch({ restartDistance: '3' as never })).toThrow(/restartDistance.*got 3/);
  });
});
