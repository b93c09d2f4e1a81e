/**
 * A balanced start uses every value of each categorical decision equally often, leaves other
 * decisions to the random completion, and LocalSearch proposes it as its initial samples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, createRng, type Sample } from '@archspace/mutables';
import { balancedStart } from './balanced-start.js';
import { LocalSearch } from './local-search.js';

/** How often each value of `label` occurs among `samples`. */
const counts = (samples: readonly Sample[], label: string): Map<unknown, number> => {
  const out = new Map<unknown, number>();
  for (const s of samples) out.set(s[label], (out.get(s[label]) ?? 0) + 1);
  return out;
};

describe('balancedStart', () => {
  it('gives every value of each categorical decision ⌊n/k⌋ or ⌈n/k⌉ of the n samples, and fixes nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 40 }), fc.integer(), (sizes, n, seed) => {
        const space = new MutableDict({
          ...Object.fromEntries(sizes.map((k, i) => [`c${i}`, new Categorical(Array.from({ length: k }, (_, v) => v), { label: `c${i}` })])),
          x: new Numerical({ low: 0, high: 1, label: 'x' }),
        });
        const memos = balancedStart(space, n, createRng(seed));
        expect(memos).toHaveLength(n);
        sizes.forEach((k, i) => {
          const seen = counts(memos, `c${i}`);
          for (let v = 0; v < k; v++) expect(seen.get(v) ?? 0).toBeGreaterThanOrEqual(Math.floor(n / k));
          for (const c of seen.values()) expect(c).toBeLessThanOrEqual(Math.ceil(n / k));
        });
        for (const memo of memos) expect(Object.hasOwn(memo, 'x')).toBe(false);
      }),
    );
  });

  it('treats labels such as __proto__ and constructor like any other', () => {
    const space = new MutableDict({ a: new Categorical(['p', 'q'], { label: '__proto__' }), b: new Categorical([1, 2, 3], { label: 'constructor' }) });
    const memos = balancedStart(space, 6, createRng(1));
    expect(counts(memos, '__proto__')).toEqual(new Map([['p', 3], ['q', 3]]));
    expect(counts(memos, 'constructor')).toEqual(new Map([[1, 2], [2, 2], [3, 2]]));
  });
});

describe('LocalSearch with balancedStart', () => {
  const space = new MutableDict(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4], { label: `d${i}` })])));

  it('proposes a balanced start as its initial samples, then climbs', () => {
    for (let seed = 0; seed < 30; seed++) {
      const session = new LocalSearch({ initialSamples: 10, balancedStart: true }).start({ space, rng: createRng(seed), direction: 'maximize' });
      const samples: Sample[] = [];
      for (let i = 0; i < 12; i++) {
        const p = session.ask()!;
        samples.push(p.sample);
        session.tell(p.id, { status: 'succeeded', value: Object.values(p.sample).reduce<number>((a, v) => a + (v as number), 0) });
      }
      for (let d = 0; d < 8; d++) expect([...counts(samples.slice(0, 10), `d${d}`).values()]).toEqual([2, 2, 2, 2, 2]);
      const score = (s: Sample) => Object.values(s).reduce<number>((a, v) => a + (v as number), 0);
      const best = samples.slice(0, 10).reduce((a, b) => (score(b) > score(a) ? b : a));
      const apart = Object.keys(best).filter((k) => best[k] !== samples[10]![k]).length;
      expect(apart).toBe(1);
    }
  });

  it('refuses a balancedStart that is not a boolean, naming it', () => {
    expect(() => new LocalSearch({ balancedStart: 'yes' as never })).toThrow(/LocalSearch: balancedStart must be true or false, got yes/);
  });
});
