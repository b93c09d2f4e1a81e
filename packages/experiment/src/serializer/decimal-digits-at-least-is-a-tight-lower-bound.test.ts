import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigintDigitBudget, decimalDigitsAtLeast } from './bigint-digits.js';
import { refusal } from './test-support/serialization-errors.js';

/** The decimal digits of `value`, sign not counted. */
function decimalDigits(value: bigint): number {
  return (value < 0n ? -value : value).toString().length;
}

function expectTightLowerBound(value: bigint): void {
  const atLeast = decimalDigitsAtLeast(value);
  const digits = decimalDigits(value);
  expect(atLeast).toBeLessThanOrEqual(digits);
  expect(atLeast).toBeGreaterThanOrEqual(digits - 1);
}

describe('decimalDigitsAtLeast() is at most the digits of a bigint, and at most one below', () => {
  it('for any bigint, positive or negative', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 80n), max: 10n ** 80n }), (value) => expectTightLowerBound(value)),
      { numRuns: 500 },
    );
  });

  it('around every power of two and of ten up to 120 digits, on both signs', () => {
    for (let k = 0n; k <= 400n; k++) {
      for (const value of [2n ** k, 2n ** k - 1n, 2n ** k + 1n]) {
        expectTightLowerBound(value);
        expectTightLowerBound(-value);
      }
    }
    for (let k = 0n; k <= 120n; k++) {
      for (const value of [10n ** k, 10n ** k - 1n]) {
        expectTightLowerBound(value);
        expectTightLowerBound(-value);
      }
    }
  });

  it('gives exactly one digit for zero and the one-digit numbers', () => {
    for (const value of [0n, 1n, -1n, 7n, -9n]) expect(decimalDigitsAtLeast(value)).toBe(1);
    expect(decimalDigitsAtLeast(-(10n ** 50n))).toBe(decimalDigitsAtLeast(10n ** 50n));
  });
});

describe('BigintDigitBudget', () => {
  it('accepts charges up to its limit in all and refuses the one that passes it', () => {
    const budget = new BigintDigitBudget(10, 'dump');
    budget.charge(4, ['a']);
    budget.charge(6, ['b']);
    const error = refusal(() => budget.charge(1, ['c'], ['d']));
    expect(error.code).toBe('too-many-bigint-digits');
    expect(error.path).toEqual(['c', 'd']);
    expect(error.received).toBe(11);
  });

  it('names the path alone when nothing is below it', () => {
    expect(refusal(() => new BigintDigitBudget(1, 'load').charge(2, [3, 'x'])).path).toEqual([3, 'x']);
  });

  it('tells dump() and load() callers which option to raise', () => {
    expect(refusal(() => new BigintDigitBudget(1, 'dump').charge(2, [])).message).toContain('maxBigintDigits to dump()');
    const loading = refusal(() => new BigintDigitBudget(1, 'load').charge(2, []));
    expect(loading.message).toContain('maxBigintDigits to load()');
    expect(loading.message).toContain('trusted source');
  });
});
