import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { Categorical } from './categorical.js';
import { ValueChoice } from './value-choice.js';

const refusal = searchSpaceRefusal;

describe('Categorical options', () => {
  it('names the choice in its refusals', () => {
    expect(refusal(() => new Categorical([], { label: 'c' })).path).toEqual(['c']);
    const nested = refusal(() => new Categorical([1, new Categorical([2, 3], { label: 'inner' })], { label: 'c' }));
    expect(nested.code).toBe('mutable-in-values');
    expect(nested.path).toEqual(['c', 1]);
    const dflt = refusal(() => new Categorical([1, 2], { default: 3, label: 'c' }));
    expect(dflt.code).toBe('invalid-default');
    expect(dflt.path).toEqual(['c']);
  });

  it('treats default: undefined as no default', () => {
    const c = new Categorical([1, 2], { default: undefined, label: 'c' });
    expect(c.defaultValue()).toBe(1);
    expect(c.length).toBe(2);
  });

  it('grids by decreasing weight, ties in value order', () => {
    expect(new Categorical(['a', 'b', 'c'], { weights: [0.25, 0.5, 0.25], label: 'g' }).gridValues()).toEqual(['b', 'a', 'c']);
    expect(new Categorical(['a', 'b', 'c', 'd'], { weights: [0.1, 0.1, 0.1, 0.7], label: 'h' }).gridValues()).toEqual(['d', 'a', 'b', 'c']);
  });

  it('equals a choice of the same class, label, values, weights and default only', () => {
    const c = new Categorical([1, 2], { label: 'c' });
    expect(c.equals(new Categorical([1, 2], { label: 'c' }))).toBe(true);
    expect(c.equals(new Categorical([1, 2], { label: 'd' }))).toBe(false);
    expect(c.equals(new ValueChoice([1, 2], { label: 'c' }))).toBe(false);
    expect(c.equals({ constructor: Categorical, label: 'c', values: [1, 2], weights: undefined })).toBe(false);
  });
});
