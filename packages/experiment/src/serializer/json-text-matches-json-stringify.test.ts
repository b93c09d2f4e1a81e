import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, writeJsonWithoutRecursion, type Json } from './json-text.js';

/** Every `space` argument JSON.stringify takes: none, numbers (negative, fractional, over 10, NaN) and strings. */
const indent = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -3, max: 14 }),
  fc.double({ min: -3, max: 14 }),
  fc.constant(Number.NaN),
  fc.string({ maxLength: 14 }),
);

describe('the JSON writer gives the text JSON.stringify gives', () => {
  it('for any JSON value and indentation, with and without recursion', () => {
    fc.assert(
      fc.property(fc.jsonValue(), indent, (tree, space) => {
        const expected = JSON.stringify(tree, null, space);
        expect(writeJsonWithoutRecursion(tree as Json, space)).toBe(expected);
        expect(jsonText(tree as Json, space, 0)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('for empty containers, non-finite numbers and keys named like values, indented or not', () => {
    const tree = { a: [], b: {}, c: [[], {}, [[]]], d: [NaN, Infinity, -Infinity, -0], undefined: null, '': 'x"\n' };
    for (const space of [undefined, 0, 2, '\t', '--']) {
      expect(writeJsonWithoutRecursion(tree as unknown as Json, space)).toBe(JSON.stringify(tree, null, space));
    }
    expect(writeJsonWithoutRecursion([], 2)).toBe('[]');
    expect(writeJsonWithoutRecursion({}, 2)).toBe('{}');
  });

  it('when the depth it is told is too small for JSON.stringify', () => {
    let tree: Json = [];
    for (let i = 1; i < 20_000; i++) tree = [tree];
    expect(() => JSON.stringify(tree)).toThrow(RangeError);
    expect(jsonText(tree, undefined, 1)).toBe('['.repeat(20_000) + ']'.repeat(20_000));
  });

  it('at a depth where JSON.stringify overflows the stack', () => {
    const n = 100_000;
    let tree: Json = [];
    for (let i = 1; i < n; i++) tree = [tree];
    expect(() => JSON.stringify(tree)).toThrow(RangeError);
    expect(jsonText(tree, undefined, n)).toBe('['.repeat(n) + ']'.repeat(n));
    let objects: Json = { a: 1 };
    for (let i = 1; i < 3000; i++) objects = { a: objects };
    expect(jsonText(objects, '\t', 3000)).toBe(writeJsonWithoutRecursion(objects, '\t'));
    expect(JSON.parse(jsonText(objects, '\t', 3000))).toBeTypeOf('object');
  });
});
