import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.js';

/**
 * `[p, Φ⁻¹(p)]` for the double `p`, computed with mpmath at 60 significant digits (by solving
 * ln Φ(x) = ln p) and rounded to 20; one point in each region of AS 241 and on its boundaries.
 */
const REFERENCE: readonly (readonly [number, number])[] = [
  [0.975, 1.9599639845400538556],
  [0.999, 3.0902323061678132778],
  [1e-10, -6.3613409024040561991],
  [0.3, -0.52440051270804081597],
  [0.075, -1.4395314709384559349],
  [0.0749, -1.4402382675279636631],
  [0.02425, -1.9729610513118848376],
  [0.01, -2.3263478740408410931],
  [1e-5, -4.2648907939228246102],
  [1e-7, -5.19933758219281694],
  [1e-20, -9.2623400897984075796],
  [1e-100, -21.273453560965324294],
  [1e-300, -37.047096299361199237],
  [0.6, 0.25334710313579974132],
  [0.925, 1.4395314709384562291],
  [0.99999, 4.2648907939238407699],
  [0.4, -0.25334710313579974132],
  [0.2, -0.84162123357291416552],
  [0.9, 1.2815515655446005935],
];

const RELATIVE_TOLERANCE = 1e-14;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('normalQuantile (AS 241)', () => {
  it('matches high-precision values to 1e-14 relative in every region', () => {
    for (const [p, expected] of REFERENCE) {
      expect(relativeError(normalQuantile(p), expected), `p = ${p}`).toBeLessThan(RELATIVE_TOLERANCE);
    }
  });

  it('gives the quoted textbook values', () => {
    expect(relativeError(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(relativeError(normalQuantile(0.999), 3.090232306167813)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(relativeError(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is infinite at 0 and 1 and refuses probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [-1e-300, 1.0000001, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });

  it('is antisymmetric about 1/2: Φ⁻¹(1 - p) = -Φ⁻¹(p)', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 0.5, noNaN: true }), (p) => {
        const upper = 1 - p;
        // 1 - p rounds for small p; compare at the probability the upper value really stands for.
        const lower = 1 - upper;
        const a = normalQuantile(lower);
        const b = normalQuantile(upper);
        if (a === 0) expect(b).toBe(0);
        else if (!Number.isFinite(a)) expect(b).toBe(-a);
        else expect(relativeError(-b, a)).toBeLessThan(RELATIVE_TOLERANCE);
      }),
    );
  });

  it('is increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
      }),
    );
  });
});
