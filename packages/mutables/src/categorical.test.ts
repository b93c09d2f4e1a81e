import { describe, expect, it } from 'vitest';
import { DuplicationError, SampleMissingError, SampleValidationError, SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { MutableDict } from './mutable-dict.js';
import { createRng } from './rng.js';
import { ValueChoice } from './value-choice.js';

describe('Categorical', () => {
  it('freezes to the sample value and validates membership', () => {
    const c = new Categorical([1, 2, 3], { label: 'a' });
    expect(c.freeze({ a: 2 })).toBe(2);
    expect(c.contains({ a: 4 })).toBe(false);
    const error = c.checkContains({ a: 4 });
    expect(error).toBeInstanceOf(SampleValidationError);
    expect(error?.path).toEqual(['a']);
    expect(error?.received).toBe(4);
    expect(error?.expected).toBe('one of [1, 2, 3]');
    expect(error?.message).toMatch(/at "a": expected one of \[1, 2, 3\], received 4/);
    expect(c.checkContains({ b: 1 })).toBeInstanceOf(SampleMissingError);
  });

  it('accepts dict and list values, compared by value', () => {
    const c = new Categorical([{ k: 1 }, [1, 2]], { label: 'v' });
    expect(c.contains({ v: { k: 1 } })).toBe(true);
    expect(c.contains({ v: [1, 2] })).toBe(true);
    expect(c.contains({ v: [2, 1] })).toBe(false);
  });

  it('refuses empty lists, duplicates, nested mutables, bad weights and a foreign default', () => {
    expect(() => new Categorical([], { label: 'e' })).toThrow(/non-empty/);
    expect(() => new Categorical([1, 1], { label: 'd' })).toThrow(/all different/);
    expect(() => new Categorical([new Categorical([1], { label: 'x' })], { label: 'n' })).toThrow(/NestedChoice/);
    expect(() => new Categorical([1, 2], { label: 'w', weights: [0.5] })).toThrow(SearchSpaceError);
    expect(() => new Categorical([1, 2], { label: 'w', weights: [0.5, 0.6] })).toThrow(/sum to 1/);
    expect(() => new Categorical([1, 2], { label: 'f', default: 3 })).toThrow(/default/);
  });

  it('walks the grid in order, or by decreasing weight when weights differ', () => {
    expect(new Categorical([1, 2, 3], { label: 'g' }).gridValues()).toEqual([1, 2, 3]);
    expect(new Categorical([1, 2, 3], { label: 'g', weights: [0.2, 0.1, 0.7] }).gridValues()).toEqual([3, 1, 2]);
  });

  it('uses the given default, else the first value', () => {
    expect(new Categorical(['x', 'y'], { label: 'd' }).default()).toEqual({ d: 'x' });
    expect(new Categorical(['x', 'y'], { label: 'd', default: 'y' }).default()).toEqual({ d: 'y' });
  });

  it('draws values in proportion to their weights', () => {
    const c = new Categorical(['rare', 'common'], { label: 'p', weights: [0.1, 0.9] });
    const rng = createRng(7);
    let rare = 0;
    for (let i = 0; i < 20000; i++) if (c.random(rng)['p'] === 'rare') rare++;
    expect(rare / 20000).toBeGreaterThan(0.09);
    expect(rare / 20000).toBeLessThan(0.11);
  });

  it('describes itself like the reference and elides long lists', () => {
    expect(new Categorical([1, 2, 3], { label: 'a' }).describe()).toBe("Categorical([1, 2, 3], label='a')");
    expect(new Categorical([1, 2, 3, 4, 5, 6, 7, 8], { label: 'b' }).describe()).toBe("Categorical([1, 2, 3, ..., 6, 7, 8], label='b')");
    expect(String(new Categorical([1], { label: 'c' }))).toBe('c');
  });

  it('shares one decision between equal choices with the same label and names both sides of a clash', () => {
    const shared = new MutableDict({ x: new Categorical([1, 2], { label: 's' }), y: new Categorical([1, 2], { label: 's' }) });
    expect(Object.keys(shared.simplify())).toEqual(['s']);
    expect(shared.size).toBe(2);
    expect(shared.freeze({ s: 2 })).toEqual({ x: 2, y: 2 });
    const clash = new MutableDict({ x: new Categorical([1, 2], { label: 'dup' }), y: new Categorical([1, 3], { label: 'dup' }) });
    let error: unknown;
    try {
      clash.simplify();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuplicationError);
    const message = (error as Error).message;
    expect(message).toContain("Categorical([1, 2], label='dup')");
    expect(message).toContain("Categorical([1, 3], label='dup')");
    expect(message).toMatch(/categorical\.test\.ts:\d+:\d+.*categorical\.test\.ts:\d+:\d+/);
  });
});

describe('ValueChoice', () => {
  it('is a categorical with prior weights and candidates', () => {
    const v = new ValueChoice([8, 16], { label: 'vc', prior: [0.25, 0.75] });
    expect(v.candidates).toEqual([8, 16]);
    expect(v.weights).toEqual([0.25, 0.75]);
    expect(v.gridValues()).toEqual([16, 8]);
    expect(v.describe()).toBe("ValueChoice([8, 16], label='vc')");
  });
});
