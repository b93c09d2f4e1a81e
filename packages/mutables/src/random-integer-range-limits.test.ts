import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { RandomInteger, type RandomIntegerOptions } from './random-integer.js';

function refusal(low: number, high: number, options: RandomIntegerOptions = {}): SearchSpaceError {
  return searchSpaceRefusal(() => new RandomInteger(low, high, { label: 'r', ...options }));
}

describe('RandomInteger ranges', () => {
  it('refuses bounds that are not safe integers, at the bound', () => {
    for (const [low, high, field] of [
      [0.5, 3, 'low'],
      [0, 1.5, 'high'],
      [2 ** 53, 2 ** 53 + 2, 'low'],
    ] as const) {
      const error = refusal(low, high);
      expect(error.code).toBe('invalid-integer-range');
      expect(error.path).toEqual(['r', field]);
      expect(error.expected).toBe('an integer');
    }
  });

  it('holds up to 2^53 − 1 integers and refuses one more', () => {
    expect(new RandomInteger(0, Number.MAX_SAFE_INTEGER, { label: 'r' }).valueCount).toBe(Number.MAX_SAFE_INTEGER);
    const error = refusal(-1, Number.MAX_SAFE_INTEGER);
    expect(error.code).toBe('invalid-integer-range');
    expect(error.path).toEqual(['r', 'high']);
    expect(error.expected).toMatch(/^a range of at most 2\^53 − 1 integers/);
  });

  it('says an empty range needs high > low, even when the bounds are far apart', () => {
    for (const [low, high] of [
      [3, 3],
      [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
    ]) {
      const error = refusal(low!, high!);
      expect(error.path).toEqual(['r', 'high']);
      expect(error.expected).toBe(`an upper bound greater than low (${low}); the range [low, high) excludes high`);
    }
  });

  it('checks its default and describes its domain', () => {
    const error = refusal(0, 3, { default: 3 });
    expect(error.code).toBe('invalid-default');
    expect(error.path).toEqual(['r', 'default']);
    expect(error.expected).toBe('an integer in [0, 3)');
    const r = new RandomInteger(0, 3, { default: 2, label: 'r' });
    expect(r.defaultValue()).toBe(2);
    expect(r.domain).toEqual({ kind: 'integer', low: 0, high: 3 });
  });

  it('accepts the integers of [low, high) only', () => {
    const r = new RandomInteger(0, 3, { label: 'r' });
    expect(r.problemWith(0)).toBeUndefined();
    expect(r.problemWith(2)).toBeUndefined();
    expect(r.problemWith(-1)).toBe('an integer in [0, 3)');
    expect(r.problemWith(3)).toBe('an integer in [0, 3)');
  });

  it('equals a range with the same label, bounds and default only', () => {
    const r = new RandomInteger(0, 3, { default: 1, label: 'r' });
    expect(r.equals(new RandomInteger(0, 3, { default: 1, label: 'r' }))).toBe(true);
    expect(r.equals(new RandomInteger(0, 3, { default: 1, label: 's' }))).toBe(false);
    expect(r.equals(new RandomInteger(1, 3, { default: 1, label: 'r' }))).toBe(false);
    expect(r.equals(new RandomInteger(0, 4, { default: 1, label: 'r' }))).toBe(false);
    expect(r.equals(new RandomInteger(0, 3, { default: 2, label: 'r' }))).toBe(false);
    expect(r.equals({ label: 'r', low: 0, high: 3 })).toBe(false);
  });
});
