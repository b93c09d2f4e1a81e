import { describe, expect, it } from 'vitest';
import { CategoricalMultiple } from './categorical-multiple.js';
import { createRng } from './rng.js';

describe('CategoricalMultiple', () => {
  it('chooses n distinct values kept in value order', () => {
    const m = new CategoricalMultiple([1, 2, 3], { n: 2, label: 'm' });
    expect(m.contains({ m: [1, 3] })).toBe(true);
    expect(m.contains({ m: [3, 1] })).toBe(false);
    expect(m.contains({ m: [1, 1] })).toBe(false);
    expect(m.contains({ m: [1] })).toBe(false);
    expect(m.default()).toEqual({ m: [1, 2] });
    expect(m.gridValues()).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(m.size).toBe(3);
    for (let seed = 0; seed < 50; seed++) expect(m.contains(m.random(createRng(seed)))).toBe(true);
  });

  it('without n, walks every subset by increasing size', () => {
    const m = new CategoricalMultiple([1, 2, 3], { label: 'any' });
    expect(m.gridValues()).toEqual([[], [1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]]);
    expect(m.size).toBe(8);
    expect(m.default()).toEqual({ any: [1, 2, 3] });
  });

  it('refuses an impossible count', () => {
    expect(() => new CategoricalMultiple([1, 2], { n: 3, label: 'x' })).toThrow(/from 1 to 2/);
    expect(() => new CategoricalMultiple([1, 2], { n: 0, label: 'x' })).toThrow(/from 1 to 2/);
  });

  it('draws weighted subsets without replacement', () => {
    const m = new CategoricalMultiple(['a', 'b', 'c'], { n: 2, weights: [0.98, 0.01, 0.01], label: 'w' });
    const rng = createRng(5);
    let withA = 0;
    for (let i = 0; i < 500; i++) {
      const value = m.random(rng)['w'] as string[];
      expect(new Set(value).size).toBe(2);
      if (value.includes('a')) withA++;
    }
    expect(withA).toBeGreaterThan(480);
  });
});
