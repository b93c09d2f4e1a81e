import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { InexactIntegerError } from './exact-integer.js';
import { pyAbs, pyAdd, pyFloorDiv, pyMod, pyMul, pyNeg, pyPow, pyRound, pySub } from './python-ops.js';
import { ValueChoice } from './value-choice.js';

const LIMIT = 2 ** 53;

/** Integers around ±2^53 and past it, plus small ones; all are doubles, so all are exact inputs. */
const operand = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -5000, max: 5000 }).map((d) => LIMIT + d),
  fc.integer({ min: -5000, max: 5000 }).map((d) => -LIMIT + d),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number),
  fc.double({ min: -1e300, max: 1e300, noNaN: true }).map(Math.trunc),
  fc.constantFrom(0, 1, -1, 2, 3, 10, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, LIMIT, 2 ** 60, Number.MAX_VALUE),
);

/** Python's floor division and modulo of ints. */
function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  let q = a / b;
  let r = a % b;
  if (r !== 0n && r < 0n !== b < 0n) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/** Python's `round(a, digits)` of an int for `digits < 0`: half to even. */
function roundToTens(a: bigint, digits: number): bigint {
  const scale = 10n ** BigInt(-digits);
  const [q, r] = floorDivMod(a, scale);
  const up = 2n * r > scale || (2n * r === scale && q % 2n !== 0n);
  return (up ? q + 1n : q) * scale;
}

/** The only two outcomes allowed: the exact integer as a number, or a refusal because no number equals it. */
function expectExactOrRefused(compute: () => unknown, exact: bigint): void {
  const nearest = Number(exact);
  if (Number.isFinite(nearest) && BigInt(nearest) === exact) {
    const value = compute();
    // Python's ints have no negative zero; JavaScript's -0 equals 0 everywhere but in Object.is.
    expect(value === nearest, `${String(value)} should be ${exact}`).toBe(true);
  } else {
    expect(compute).toThrow(InexactIntegerError);
  }
}

describe('integer arithmetic in expressions is exact, or refused with InexactIntegerError', () => {
  it('gives Python\'s value for 2**53 + 1 (9007199254740993) or refuses it, never 9007199254740992', () => {
    const n = new Categorical([2 ** 53], { label: 'n' });
    const error = (() => {
      try {
        n.add(1).freeze({ n: 2 ** 53 });
      } catch (e) {
        return e as InexactIntegerError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InexactIntegerError);
    expect(error!.code).toBe('inexact-integer');
    expect(error!.received).toBe('9007199254740993');
    expect(error!.message).toContain('2^53 = 9007199254740992');
    // Exact results that a double holds still come back: 2**53 + 2 == 9007199254740994.
    expect(n.add(2).freeze({ n: 2 ** 53 })).toBe(9007199254740994);
    expect(new ValueChoice([2], { label: 'b' }).pow(60).freeze({ b: 2 })).toBe(2 ** 60);
    expect(() => new ValueChoice([3], { label: 't' }).pow(40).freeze({ t: 3 })).toThrow(InexactIntegerError); // 12157665459056928801
    expect(() => pyPow(10, 400)).toThrow(InexactIntegerError);
    expect(pyRound(25, -1)).toBe(20); // Python: round(25, -1) == 20, half to even
    expect(pyRound(9007199254740991, -16)).toBe(1e16);
    expect(() => pyRound(25, -1.5)).toThrow(TypeError);
  });

  it('add, sub, mul, floorDiv and mod of ints give the exact result or refuse', () => {
    fc.assert(
      fc.property(operand, operand, (x, y) => {
        const [a, b] = [BigInt(x), BigInt(y)];
        expectExactOrRefused(() => pyAdd(x, y), a + b);
        expectExactOrRefused(() => pySub(x, y), a - b);
        expectExactOrRefused(() => pyMul(x, y), a * b);
        if (y !== 0) {
          const [q, r] = floorDivMod(a, b);
          expectExactOrRefused(() => pyFloorDiv(x, y), q);
          expectExactOrRefused(() => pyMod(x, y), r);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('pow, neg, abs and round of ints give the exact result or refuse', () => {
    fc.assert(
      fc.property(operand, fc.integer({ min: 0, max: 80 }), fc.integer({ min: -320, max: -1 }), (x, e, digits) => {
        const a = BigInt(x);
        if (Math.abs(x) < 2 ** 40) expectExactOrRefused(() => pyPow(x, e), a ** BigInt(e));
        expectExactOrRefused(() => pyNeg(x), -a);
        expectExactOrRefused(() => pyAbs(x), a < 0n ? -a : a);
        expectExactOrRefused(() => pyRound(x), a);
        expectExactOrRefused(() => pyRound(x, digits), roundToTens(a, digits));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the old results wherever the exact result is a safe integer', () => {
    const safe = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, safe, (x, y) => {
        if (Number.isSafeInteger(x + y)) expect(pyAdd(x, y)).toBe(x + y);
        if (Number.isSafeInteger(x - y)) expect(pySub(x, y)).toBe(x - y);
        if (Math.abs(x * y) < LIMIT) expect(pyMul(x, y)).toBe(x * y);
        if (y !== 0) expect(pyFloorDiv(x, y)).toBe(Math.floor(x / y));
      }),
    );
  });

  it('leaves float arithmetic alone: a non-integral operand gives the rounded float, as in Python', () => {
    expect(pyAdd(2 ** 53, 0.5)).toBe(2 ** 53);
    expect(pyMul(1e300, 1.5)).toBe(1.5e300);
    expect(pyPow(2, -1)).toBe(0.5);
    expect(pyPow(2.5, 4)).toBe(39.0625);
  });
});
