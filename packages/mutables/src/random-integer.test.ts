import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { RandomInteger } from './random-integer.js';
import { createRng } from './rng.js';

describe('RandomInteger', () => {
  it('draws every integer of [low, high) and never high', () => {
    const r = new RandomInteger(1, 5, { label: 'r' });
    const seen = new Set<number>();
    const rng = createRng(4);
    for (let i = 0; i < 500; i++) seen.add(r.random(rng)['r'] as number);
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    expect(r.size).toBe(4);
    expect([...r.grid()].map((s) => s['r'])).toEqual([1, 2, 3, 4]);
    expect(r.contains({ r: 5 })).toBe(false);
    expect(r.contains({ r: 1.5 })).toBe(false);
    expect(r.describe()).toBe("RandomInteger(1, 5, label='r')");
  });

  it('takes part in expressions', () => {
    expect(new RandomInteger(0, 3, { label: 'k' }).mul(2).allOptions()).toEqual([0, 2, 4]);
  });

  it('refuses non-integer or empty ranges', () => {
    expect(() => new RandomInteger(0, 2.5, { label: 'x' })).toThrow(SearchSpaceError);
    expect(() => new RandomInteger(3, 3, { label: 'x' })).toThrow(/excludes high/);
  });
});
