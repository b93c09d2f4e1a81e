import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { CategoricalMultiple } from './categorical-multiple.js';
import type { Mutable } from './mutable.js';
import { MutableDict } from './mutable-dict.js';

function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    out.push(item);
    if (out.length >= count) break;
  }
  return out;
}

function firstGridPoints(space: Mutable, count: number): Record<string, unknown>[] {
  return take(space.grid(), count);
}

/**
 * The reference's order, written independently: every subset as a sorted index list, ordered by
 * size, then lexicographically (itertools.combinations order within a size).
 */
function subsetsInReferenceOrder(count: number, n: number | undefined): number[][] {
  const all: number[][] = [];
  for (let mask = 0; mask < 2 ** count; mask++) {
    const subset = Array.from({ length: count }, (_, i) => i).filter((i) => (mask >> i) & 1);
    if (n === undefined || subset.length === n) all.push(subset);
  }
  return all.sort((a, b) => {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
}

const THOUSAND = Array.from({ length: 1000 }, (_, i) => `v${i}`);

describe('CategoricalMultiple grids are lazy', () => {
  it('grid() of 1,000 values, any subset, yields its first 10 points: the empty set, then single values', () => {
    const any = new CategoricalMultiple(THOUSAND, { label: 'any' });
    expect(firstGridPoints(any, 10)).toEqual([[], ['v0'], ['v1'], ['v2'], ['v3'], ['v4'], ['v5'], ['v6'], ['v7'], ['v8']].map((any) => ({ any })));
  });

  it('grid() of 1,000 values choosing 3 yields combinations in lexicographic order', () => {
    const three = new CategoricalMultiple(THOUSAND, { n: 3, label: 'three' });
    const points = firstGridPoints(three, 1000);
    expect(points.slice(0, 3)).toEqual([{ three: ['v0', 'v1', 'v2'] }, { three: ['v0', 'v1', 'v3'] }, { three: ['v0', 'v1', 'v4'] }]);
    expect(points[997]).toEqual({ three: ['v0', 'v1', 'v999'] });
    expect(points[998]).toEqual({ three: ['v0', 'v2', 'v3'] });
  });

  it('walks a 1,000-value subset inside a larger space, the last decision fastest', () => {
    const space = new MutableDict({
      width: new Categorical([8, 16], { label: 'width' }),
      inputs: new CategoricalMultiple(THOUSAND, { label: 'inputs' }),
    });
    expect(firstGridPoints(space, 3)).toEqual([
      { width: 8, inputs: [] },
      { width: 8, inputs: ['v0'] },
      { width: 8, inputs: ['v1'] },
    ]);
    const [first] = take(space.grid({ memo: { width: 16 } }), 1);
    expect(first).toEqual({ width: 16, inputs: [] });
  });

  it('lists a small grid exactly as the lazy walk makes it, in the reference order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.option(fc.nat(), { nil: undefined }), (count, rawN) => {
        const n = rawN === undefined ? undefined : 1 + (rawN % count);
        const values = Array.from({ length: count }, (_, i) => i * 10);
        const choice = new CategoricalMultiple(values, { label: 'c', ...(n !== undefined ? { n } : {}) });
        const expected = subsetsInReferenceOrder(count, n).map((subset) => subset.map((i) => values[i]));
        expect([...choice.lazyGridValues()]).toEqual(expected);
        expect(choice.gridValues()).toEqual(expected);
        expect([...choice.grid()].map((point) => point['c'])).toEqual(expected);
        expect(choice.valueCount).toBe(expected.length);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to list a grid too large to hold, pointing at the lazy walk', () => {
    const any = new CategoricalMultiple(THOUSAND, { label: 'huge' });
    expect(() => any.gridValues()).toThrow(SearchSpaceError);
    expect(() => any.gridValues()).toThrow(/lazyGridValues/);
  });
});
