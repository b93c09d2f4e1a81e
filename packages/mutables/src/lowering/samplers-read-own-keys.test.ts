/**
 * The lowering reads samples as data: a label missing from a sample is missing (not a property of
 * Object.prototype), and a decision too large to list is asked value by value instead of listed.
 */
import { expect, it } from 'vitest';
import { CategoricalMultiple } from '../categorical-multiple.js';
import { ENUMERATION_LIMIT, isEnumerable } from './decision-mutator.js';
import { SampleSampler } from './to-model.js';

it('reads only the sample\'s own keys', () => {
  const sampler = new SampleSampler({ width: 8 });
  for (const label of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(sampler.valueFor(label)).toBeUndefined();
  expect(sampler.valueFor('width')).toBe(8);
  const odd = new SampleSampler(JSON.parse('{"__proto__": 3, "toString": 4}'));
  expect([odd.valueFor('__proto__'), odd.valueFor('toString')]).toEqual([3, 4]);
});

it('does not list a decision with more values than the enumeration limit', () => {
  const small = new CategoricalMultiple([1, 2, 3], { label: 'small' });
  expect(isEnumerable(small)).toBe(true);
  const huge = new CategoricalMultiple(Array.from({ length: 25 }, (_, i) => i), { label: 'huge' });
  expect(huge.valueCount).toBeGreaterThan(ENUMERATION_LIMIT);
  expect(isEnumerable(huge)).toBe(false);
});
