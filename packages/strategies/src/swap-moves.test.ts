/**
 * The swaps of Pareto local search: each exchanges the values of exactly two categorical decisions of
 * the centre, keeps its multiset of values, yields a sample of the space, and lists every such pair
 * once, whatever the labels (`__proto__` and `constructor` included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, createRng, MutableDict, type Sample } from '@archspace/mutables';
import { applyMoves, swapMoves } from './local-search-moves.js';

const LABELS = ['__proto__', 'constructor', 'a', 'b', 'c', 'toString'];

/** A space of `width` decisions over shared values, one (the last) with a value of its own. */
function spaceOf(width: number): MutableDict {
  const entries = LABELS.slice(0, width).map((label, i) => [label, new Categorical(i === width - 1 ? ['x', 'y', 'own'] : ['x', 'y', 'z'], { label })] as const);
  return new MutableDict(Object.fromEntries(entries));
}

describe('swapMoves', () => {
  it('exchanges exactly two decisions, keeps the values, and covers every exchangeable pair once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: LABELS.length }), fc.integer({ min: 0, max: 1e6 }), (width, seed) => {
        const space = spaceOf(width);
        const centre = space.random(createRng(seed));
        const rng = createRng(seed + 1);
        const swaps = swapMoves(space, centre, rng);
        const pairs = new Set<string>();
        for (const swap of swaps) {
          const sample = applyMoves(space, centre, swap, rng)!;
          expect(() => space.validate(sample)).not.toThrow();
          const changed = Object.keys(centre).filter((label) => sample[label] !== centre[label]);
          expect(changed).toHaveLength(2);
          const [p, q] = changed as [string, string];
          expect([sample[p], sample[q]]).toEqual([centre[q], centre[p]]);
          pairs.add([p, q].sort().join('\u0000'));
        }
        expect(pairs.size).toBe(swaps.length);
        // Every pair with different values that each decision can take is there.
        const decisions = space.simplify();
        let expected = 0;
        const labels = Object.keys(centre);
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const [p, q] = [labels[i]!, labels[j]!];
            const fits = (decisions[p] as Categorical<unknown>).indexOf(centre[q]) >= 0 && (decisions[q] as Categorical<unknown>).indexOf(centre[p]) >= 0;
            if (centre[p] !== centre[q] && fits) expected++;
          }
        }
        expect(swaps.length).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('has none for a sample whose decisions all hold one value', () => {
    const space = spaceOf(4);
    const same: Sample = Object.assign(Object.create(null) as Sample, Object.fromEntries(LABELS.slice(0, 4).map((label) => [label, 'x'])));
    expect(swapMoves(space, same, createRng(0))).toEqual([]);
  });
});
