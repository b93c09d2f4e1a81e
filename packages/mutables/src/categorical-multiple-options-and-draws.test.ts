import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { CategoricalMultiple, type CategoricalMultipleOptions } from './categorical-multiple.js';
import { createRng } from './rng.js';

function refusal(values: unknown, options: CategoricalMultipleOptions<unknown>): SearchSpaceError {
  return searchSpaceRefusal(() => new CategoricalMultiple(values as unknown[], { label: 'm', ...options }));
}

describe('CategoricalMultiple options', () => {
  it('refuses an empty list or something that is not a list', () => {
    for (const values of [[], 'abc']) {
      const error = refusal(values, {});
      expect(error.code).toBe('empty-choice');
      expect(error.path).toEqual(['m']);
      expect(error.expected).toBe('a non-empty list of values');
    }
  });

  it('keeps 0 and -0 apart as values', () => {
    expect(new CategoricalMultiple([0, -0], { label: 'z' }).values).toHaveLength(2);
  });

  it('refuses a count outside 1 … values.length at n', () => {
    for (const n of [0, 3, 1.5]) {
      const error = refusal([1, 2], { n });
      expect(error.code).toBe('invalid-count');
      expect(error.path).toEqual(['m', 'n']);
    }
  });

  it('takes inclusion probabilities in [0, 1] without n, one per value', () => {
    expect(new CategoricalMultiple([1, 2, 3], { weights: [0, 1, 0.5] }).weights).toEqual([0, 1, 0.5]);
    expect(new CategoricalMultiple([1, 2, 3], { weights: [1, 1, 1] }).weights).toEqual([1, 1, 1]);
    for (const weights of [[0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [0.5, 1.5, 0], [0.5, -0.1, 0], [0.5, NaN, 0]]) {
      const error = refusal([1, 2, 3], { weights });
      expect(error.code).toBe('invalid-weights');
      expect(error.path).toEqual(['m', 'weights']);
      expect(error.expected).toBe('3 inclusion probabilities in [0, 1]');
    }
  });

  it('takes a distribution summing to 1 with n', () => {
    expect(() => new CategoricalMultiple([1, 2], { n: 1, weights: [0.5, 0.25] })).toThrow(SearchSpaceError);
    expect(new CategoricalMultiple([1, 2], { n: 1, weights: [0.25, 0.75] }).weights).toEqual([0.25, 0.75]);
  });

  it('refuses a default that is not a member, at default', () => {
    const error = refusal([1, 2, 3], { n: 2, default: [2, 1] });
    expect(error.code).toBe('invalid-default');
    expect(error.path).toEqual(['m', 'default']);
    expect(error.expected).toBe('a list of 2 distinct values from [1, 2, 3], in that order');
    expect(new CategoricalMultiple([1, 2, 3], { n: 2, default: [1, 3] }).defaultValue()).toEqual([1, 3]);
  });

  it('describes its domain', () => {
    const m = new CategoricalMultiple([1, 2, 3], { n: 2, weights: [0.5, 0.25, 0.25], label: 'd' });
    expect(m.domain).toEqual({ kind: 'subset', values: [1, 2, 3], count: 2, weights: [0.5, 0.25, 0.25] });
    expect(Object.keys(new CategoricalMultiple([1, 2], { label: 'e' }).domain)).toEqual(['kind', 'values']);
  });
});

describe('CategoricalMultiple membership and description', () => {
  it('says how many values it wants', () => {
    const m = new CategoricalMultiple(['a', 'b'], { n: 1, label: 'p' });
    expect(m.problemWith(['a', 'b'])).toBe("a list of 1 distinct values from ['a', 'b'], in that order");
    const any = new CategoricalMultiple(['a', 'b'], { label: 'q' });
    expect(any.problemWith('ab')).toBe("a list of any number of distinct values from ['a', 'b'], in that order");
    expect(any.problemWith(['a', 'b'])).toBeUndefined();
  });

  it('names n_chosen only when n is given', () => {
    expect(new CategoricalMultiple([1, 2], { n: 1, label: 'x' }).describe()).toBe("CategoricalMultiple([1, 2], n_chosen=1, label='x')");
    expect(new CategoricalMultiple([1, 2], { label: 'x' }).describe()).toBe("CategoricalMultiple([1, 2], label='x')");
  });

  it('equals a choice with the same label, count, values, weights and default only', () => {
    const base = { n: 1, weights: [0.5, 0.5], default: [1], label: 'e' };
    const m = new CategoricalMultiple([1, 2], base);
    expect(m.equals(new CategoricalMultiple([1, 2], base))).toBe(true);
    expect(m.equals(new CategoricalMultiple([1, 2], { ...base, label: 'f' }))).toBe(false);
    expect(m.equals(new CategoricalMultiple([1, 2], { ...base, n: 2, weights: [0.5, 0.5], default: [1, 2] }))).toBe(false);
    expect(m.equals(new CategoricalMultiple([1, 3], base))).toBe(false);
    expect(m.equals(new CategoricalMultiple([1, 2], { ...base, weights: [0.25, 0.75] }))).toBe(false);
    expect(m.equals(new CategoricalMultiple([1, 2], { ...base, default: [2] }))).toBe(false);
    expect(m.equals({ label: 'e', n: 1, values: [1, 2], weights: [0.5, 0.5] })).toBe(false);
    expect(new CategoricalMultiple([1, 2], { n: 1, label: 'e' }).equals(new CategoricalMultiple([1, 2], { n: 2, label: 'e' }))).toBe(false);
  });
});

describe('CategoricalMultiple draws and grids', () => {
  it('includes each value with its probability when n is omitted', () => {
    const rng = createRng(3);
    const always = new CategoricalMultiple(['a', 'b', 'c'], { weights: [1, 0, 1], label: 'w' });
    for (let i = 0; i < 20; i++) expect(always.drawValue(rng)).toEqual(['a', 'c']);
    const never = new CategoricalMultiple(['a', 'b'], { weights: [0, 0], label: 'v' });
    for (let i = 0; i < 20; i++) expect(never.drawValue(rng)).toEqual([]);
  });

  it('draws subsets of every size by default, not n of them', () => {
    const m = new CategoricalMultiple([1, 2, 3, 4], { label: 's' });
    const rng = createRng(11);
    const sizes = new Set(Array.from({ length: 60 }, () => m.drawValue(rng).length));
    expect(sizes.size).toBeGreaterThanOrEqual(3);
  });

  it('lists weighted draws in the order of the values', () => {
    const m = new CategoricalMultiple([1, 2, 3], { n: 2, weights: [0.01, 0.01, 0.98], label: 'o' });
    for (let seed = 0; seed < 20; seed++) {
      const drawn = m.drawValue(createRng(seed));
      expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
      expect(m.problemWith(drawn)).toBeUndefined();
    }
  });

  it('keeps its grid, and refuses to list more than 2^20 subsets, at its label', () => {
    const m = new CategoricalMultiple([1, 2, 3], { n: 2, label: 'g' });
    expect(m.gridValues()).toEqual([[1, 2], [1, 3], [2, 3]]);
    expect(m.gridValues()).toBe(m.gridValues());
    const big = new CategoricalMultiple(Array.from({ length: 21 }, (_, i) => i), { label: 'big' });
    let error: unknown;
    try {
      big.gridValues();
    } catch (e) {
      error = e;
    }
    expect((error as SearchSpaceError).code).toBe('grid-too-large');
    expect((error as SearchSpaceError).path).toEqual(['big']);
  });
});
