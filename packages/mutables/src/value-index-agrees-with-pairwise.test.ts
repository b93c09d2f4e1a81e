import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { CategoricalMultiple } from './categorical-multiple.js';
import { ValueIndex, canonicalHash } from './value-index.js';

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/**
 * The equality choices have always used, pairwise: primitives as `Map` keys (SameValueZero; with
 * `signedZero`, zeros by `isDeepStrictEqual` so that `0` and `-0` differ), everything else by
 * `isDeepStrictEqual`.
 */
function pairwiseSame(a: unknown, b: unknown, signedZero: boolean): boolean {
  const byMap = (v: unknown) => isPrimitive(v) && !(signedZero && v === 0);
  if (byMap(a) || byMap(b)) return byMap(a) && byMap(b) && (a === b || (a !== a && b !== b));
  return isDeepStrictEqual(a, b);
}

/** For each value, the position of the first earlier value equal to it, or -1: the quadratic way. */
function pairwiseEarlierEqual(values: readonly unknown[], signedZero: boolean): number[] {
  return values.map((value, i) => values.slice(0, i).findIndex((earlier) => pairwiseSame(earlier, value, signedZero)));
}

function indexedEarlierEqual(values: readonly unknown[], signedZero: boolean): number[] {
  const index = new ValueIndex(values, signedZero);
  return values.map((_, i) => index.addUnlessPresent(i));
}

function cyclic(tag: number): unknown {
  const node: Record<string, unknown> = { tag };
  node['self'] = node;
  return node;
}

const anyValue = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withBigInt: true,
  withObjectString: true,
});

/** Values that tell the equality apart: signed zeros, NaN, key order, holes, prototypes, cycles. */
const trickyValue = fc.constantFrom<unknown>(
  0,
  -0,
  Number.NaN,
  { a: 0 },
  { a: -0 },
  [Number.NaN],
  [0],
  [-0],
  { a: 1, b: 2 },
  { b: 2, a: 1 },
  { a: undefined },
  {},
  [],
  [undefined],
  // eslint-disable-next-line no-sparse-arrays
  [, 1],
  [undefined, 1],
  Object.assign(Object.create(null) as object, { a: 1 }),
  '0',
  1n,
  new Date(0),
  new Map([[1, { x: 1 }]]),
  new Set([1, 2]),
  cyclic(1),
  cyclic(1),
  cyclic(2),
);

/** A list with deliberate duplicates: structural clones, the same reference twice, and tricky values. */
const valuesWithDuplicates = fc
  .array(
    fc.oneof(
      fc.clone(fc.oneof(anyValue, trickyValue), 2),
      fc.oneof(anyValue, trickyValue).map((v) => [v, v]),
      fc.oneof(anyValue, trickyValue).map((v) => [v]),
    ),
    { maxLength: 12 },
  )
  .chain((groups) => fc.shuffledSubarray(groups.flat(), { minLength: groups.flat().length }));

describe('the indexed uniqueness check agrees with the pairwise one', () => {
  it('finds the same earlier equal value for every value, with and without signed zeros', () => {
    fc.assert(
      fc.property(valuesWithDuplicates, fc.boolean(), (values, signedZero) => {
        expect(indexedEarlierEqual(values, signedZero)).toEqual(pairwiseEarlierEqual(values, signedZero));
      }),
      { numRuns: 500 },
    );
  });

  it('finds probes (clones, equal values, strangers) where the pairwise scan does', () => {
    fc.assert(
      fc.property(valuesWithDuplicates, fc.array(fc.oneof(anyValue, trickyValue), { maxLength: 5 }), fc.boolean(), (values, strangers, signedZero) => {
        const index = new ValueIndex(values, signedZero);
        values.forEach((_, i) => index.addUnlessPresent(i));
        const unique = pairwiseEarlierEqual(values, signedZero);
        for (const probe of [...values.map((v) => structuredCloneOrSelf(v)), ...strangers]) {
          const expected = values.findIndex((value, i) => unique[i] === -1 && pairwiseSame(value, probe, signedZero));
          expect(index.indexOf(probe)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Categorical and CategoricalMultiple refuse exactly the lists with a pairwise duplicate, at its position', () => {
    fc.assert(
      fc.property(valuesWithDuplicates.filter((values) => values.length > 0), (values) => {
        for (const [signedZero, build] of [
          [false, () => new Categorical(values, { label: 'c' })],
          [true, () => new CategoricalMultiple(values, { label: 'm' })],
        ] as const) {
          const duplicate = pairwiseEarlierEqual(values, signedZero).findIndex((earlier) => earlier !== -1);
          if (duplicate === -1) expect(build).not.toThrow();
          else {
            expect(build).toThrow(SearchSpaceError);
            try {
              build();
            } catch (error) {
              expect((error as SearchSpaceError).path).toEqual([signedZero ? 'm' : 'c', duplicate]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives deep-equal values one hash (the invariant the index rests on)', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, trickyValue), fc.oneof(anyValue, trickyValue), (a, b) => {
        for (const [x, y] of [[a, b], [a, structuredCloneOrSelf(a)], [a, a]]) {
          if (isDeepStrictEqual(x, y)) expect(canonicalHash(x)).toBe(canonicalHash(y));
        }
      }),
      { numRuns: 1000 },
    );
    expect(canonicalHash({ a: 1, b: [2, { c: 3 }] })).toBe(canonicalHash({ b: [2, { c: 3 }], a: 1 }));
    expect(canonicalHash([Number.NaN])).toBe(canonicalHash([-Number.NaN]));
  });

  it('spreads distinct values over distinct hashes, so buckets stay small', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => ({ name: `op${i % 100}`, width: Math.floor(i / 100), list: [i % 7, -0] }));
    expect(new Set(values.map(canonicalHash)).size).toBeGreaterThan(9_990);
    expect(canonicalHash({ a: 0 })).not.toBe(canonicalHash({ a: -0 }));
    expect(canonicalHash([1, 2])).not.toBe(canonicalHash([2, 1]));
    expect(canonicalHash('1')).not.toBe(canonicalHash(1));
  });

  it('finds 10,000 distinct object values and each of their clones', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => ({ name: `op${i % 100}`, width: Math.floor(i / 100), extra: { zero: i === 7 ? -0 : 0 } }));
    const choice = new Categorical(values, { label: 'objects' });
    expect(choice.indexOf({ name: 'op42', width: 99, extra: { zero: 0 } })).toBe(9942);
    expect(choice.indexOf({ width: 99, name: 'op42', extra: { zero: 0 } })).toBe(9942);
    expect(choice.indexOf({ name: 'op7', width: 0, extra: { zero: -0 } })).toBe(7);
    expect(choice.indexOf({ name: 'op7', width: 0, extra: { zero: 0 } })).toBe(-1);
    expect(() => new Categorical([...values, { name: 'op0', width: 0, extra: { zero: 0 } }], { label: 'dup' })).toThrow(/all different/);
  });
});

function structuredCloneOrSelf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
