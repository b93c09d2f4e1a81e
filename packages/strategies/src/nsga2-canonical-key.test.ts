/**
 * NSGA2 with a canonical key proposes one sample per network: children and random fill-ins alike
 * skip samples whose key was proposed, and a key that is not a function (or returns no string) is a
 * TypeError naming the option.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { NSGA2 } from './nsga2.js';

const space = new MutableDict(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3], { label: `d${i}` })])));
/** Samples that hold the same values in any order are "the same network": 35 keys among 256 samples. */
const canonicalKey = (s: Sample) => (Object.values(s) as number[]).sort().join(',');

describe('NSGA2 canonicalKey', () => {
  it('never proposes two samples with the same key, and proposes every key before stopping', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2, max: 12 }), (seed, populationSize) => {
        const session = new NSGA2({ populationSize, canonicalKey }).start({ space, rng: createRng(seed), direction: 'maximize', objectives: ['maximize', 'minimize'] });
        const keys: string[] = [];
        for (let p = session.ask(); p !== undefined; p = session.ask()) {
          keys.push(canonicalKey(p.sample));
          const v = Object.values(p.sample) as number[];
          const values = [v.reduce((a, x) => a + Math.sqrt(x), 0), v.reduce((a, x) => a + x, 0)];
          session.tell(p.id, { status: 'succeeded', value: values[0]!, objectives: values });
        }
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(35);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a key that is not a function, and a key that returns no string', () => {
    expect(() => new NSGA2({ canonicalKey: 'sum' as never })).toThrow('NSGA2: canonicalKey must be a function from a sample to a string, got string');
    const session = new NSGA2({ canonicalKey: () => 1 as never }).start({ space, rng: createRng(0), direction: 'maximize', objectives: ['maximize', 'minimize'] });
    expect(() => session.ask()).toThrow(/NSGA2: canonicalKey must return a string, got number/);
  });
});
