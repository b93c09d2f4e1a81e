/**
 * Guards for TPE's Parzen estimators (tpe-parzen.ts) beyond the basic tests: the density cut-off of
 * {@link logDensities} (a component counts only strictly within DENSITY_CUT = 6 standard deviations of
 * its centre, and a point out of every component's reach falls back to the exact log-sum-exp), the
 * range ends, results that do not depend on what a reused {@link Scratch} held before, and the mass of
 * an empty or reversed interval.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketMasses, buildParzen, logDensities, mass, type Mixture, normalMass, Scratch } from './tpe-parzen.js';

const CUT = 6;

/** A mixture of normals truncated to `[lo, hi]` from `[centre, sigma, weight]` triples (centres increasing). */
function mixtureOf(lo: number, hi: number, components: readonly (readonly [number, number, number])[]): Mixture {
  const total = components.reduce((sum, [, , w]) => sum + w, 0);
  const mu = Float64Array.from(components, ([c]) => c);
  const sigma = Float64Array.from(components, ([, s]) => s);
  const inverse = sigma.map((s) => 1 / s);
  const massWeight = Float64Array.from(components, ([c, s, w]) => {
    const z = normalMass((lo - c) / s, (hi - c) / s);
    return z > 0 ? w / total / z : 0;
  });
  const coef = massWeight.map((mw, i) => mw / (sigma[i]! * Math.sqrt(2 * Math.PI)));
  let running = 0;
  const cumulative = Float64Array.from(components, ([, , w]) => (running += w / total));
  return { lo, hi, mu, sigma, inverse, massWeight, coef, cumulative };
}

/** The exact log of the whole mixture's density at `x` (all components, log-sum-exp). */
function exactLogDensity(m: Mixture, x: number): number {
  const logs: number[] = [];
  for (let i = 0; i < m.mu.length; i++) {
    const z = (x - m.mu[i]!) / m.sigma[i]!;
    if (m.coef[i]! > 0) logs.push(Math.log(m.coef[i]!) - 0.5 * z * z);
  }
  const best = Math.max(...logs);
  if (best === -Infinity) return -Infinity;
  return best + Math.log(logs.reduce((acc, l) => acc + Math.exp(l - best), 0));
}

/**
 * The documented log-density: −∞ outside `[lo, hi]`; otherwise the log of the sum over the components
 * whose centre lies strictly within 6 standard deviations of `x`, or, when that sum is 0, the exact value.
 */
function referenceLogDensity(m: Mixture, x: number): number {
  if (x < m.lo || x > m.hi) return -Infinity;
  let sum = 0;
  for (let i = 0; i < m.mu.length; i++) {
    const c = m.coef[i]!;
    if (c === 0) continue;
    const reach = CUT * m.sigma[i]!;
    if (!(x > m.mu[i]! - reach && x < m.mu[i]! + reach)) continue;
    const z = (x - m.mu[i]!) * m.inverse[i]!;
    sum += c * Math.exp(-0.5 * z * z);
  }
  return sum > 0 ? Math.log(sum) : exactLogDensity(m, x);
}

/** Checks `logDensities` at `xs` (in the given order) against the reference, to well within expNeg's 1e-8. */
function expectReference(m: Mixture, xs: readonly number[]): void {
  const got = logDensities(new Scratch(), m, xs);
  expect(got.length).toBe(xs.length);
  xs.forEach((x, k) => {
    const want = referenceLogDensity(m, x);
    if (want === -Infinity) expect(got[k], `at ${x}`).toBe(-Infinity);
    else expect(Math.abs(got[k]! - want), `at ${x}: ${got[k]} vs ${want}`).toBeLessThan(5e-8 + 1e-13 * Math.abs(want));
  });
}

describe('the log-densities of a Parzen mixture', () => {
  // Two equal narrow components 6 units apart: 2 ± 3 and 8 ± 3 meet exactly at 5.
  const twins = mixtureOf(-Infinity, Infinity, [
    [2, 0.5, 1],
    [8, 0.5, 1],
  ]);

  it('count a component only strictly within 6 standard deviations of its centre', () => {
    const [near, between, far] = logDensities(new Scratch(), twins, [4.9, 5, 5.1]);
    // 4.9 is 5.8 sd from 2 and 6.2 sd from 8: only the first component's term.
    expect(near).toBeCloseTo(Math.log(twins.coef[0]!) - 0.5 * 5.8 * 5.8, 7);
    expect(far).toBeCloseTo(Math.log(twins.coef[1]!) - 0.5 * 5.8 * 5.8, 7);
    // The left-out tail is visible: the exact density is about 9 % larger.
    expect(exactLogDensity(twins, 4.9) - near!).toBeGreaterThan(0.08);
    // Exactly 6 sd from both centres: in neither's reach, so the exact value of both tails.
    expect(between).toBeCloseTo(Math.log(2 * twins.coef[0]!) - 18, 7);
  });

  it('fall back to the exact log-sum-exp out of every component’s reach', () => {
    const xs = [-1.5, 5, 11, 300, -1e4];
    const logs = logDensities(new Scratch(), twins, xs);
    xs.forEach((x, k) => {
      expect(Number.isFinite(logs[k]!)).toBe(true);
      expect(logs[k]!).toBeCloseTo(exactLogDensity(twins, x), 7);
    });
    // Midway between the two components both terms count equally.
    expect(logs[1]! - (Math.log(twins.coef[0]!) - 18)).toBeCloseTo(Math.LN2, 9);
  });

  it('combine far terms exactly, skipping components without weight', () => {
    // A zero prior weight leaves the prior's component (centred at 0.5) with coefficient 0.
    const scratch = new Scratch();
    const m = buildParzen(scratch, Float64Array.from([0.2, 0.8]), Float64Array.from([1, 1]), { mu: 0.5, sigma: 0.04 }, 0, -Infinity, Infinity);
    expect([...m.mu]).toEqual([0.2, 0.5, 0.8]);
    expect(m.coef[1]).toBe(0);
    const xs = [0.5, -1, 2];
    const logs = logDensities(scratch, m, xs);
    // 0.5 is 7.5 sd from both observations: twice one of their equal terms.
    expect(logs[0]!).toBeCloseTo(Math.log(2 * m.coef[0]!) - 0.5 * 7.5 * 7.5, 9);
    xs.forEach((x, k) => expect(logs[k]!).toBeCloseTo(exactLogDensity(m, x), 9));
  });

  it('are finite at both ends of a bounded range and −∞ just outside', () => {
    const m = mixtureOf(0, 1, [
      [0.3, 0.2, 1],
      [0.6, 0.3, 1],
    ]);
    const logs = logDensities(new Scratch(), m, [0, 1, -1e-12, 1 + 1e-12]);
    expect(logs[0]!).toBeCloseTo(exactLogDensity(m, 0), 7);
    expect(logs[1]!).toBeCloseTo(exactLogDensity(m, 1), 7);
    expect([logs[2], logs[3]]).toEqual([-Infinity, -Infinity]);
  });

  it('let a wide component after a narrow one reach back to the points below', () => {
    // After the narrow component at 1 only the last point is in reach; the wide one at 1.05 reaches all.
    const m = mixtureOf(-Infinity, Infinity, [
      [0, 0.1, 1],
      [1, 0.01, 1],
      [1.05, 1, 1],
    ]);
    expectReference(m, [0, 0.5, 0.99]);
    expectReference(m, [0.99, 0, 0.5]);
    const [atZero] = logDensities(new Scratch(), m, [0, 0.5, 0.99]);
    expect(atZero).toBeCloseTo(Math.log(m.coef[0]! + m.coef[2]! * Math.exp(-0.5 * 1.05 * 1.05)), 9);
  });

  it('leave points exactly 6 standard deviations out of a component’s reach on both sides', () => {
    // Exact binary fractions: the reach of each component ends exactly at the points.
    const m = mixtureOf(-Infinity, Infinity, [
      [0.25, 0.0625, 1],
      [1.25, 0.125, 1],
    ]);
    expect(0.25 + 6 * 0.0625).toBe(0.625);
    expect(1.25 - 6 * 0.125).toBe(0.5);
    // 0.625 is the first component's end and inside the second's reach; 0.5 is the second's begin.
    expectReference(m, [0.5, 0.625, 0.55, 0.45, 2.1, 1.9]);
    const [atBegin, atEnd] = logDensities(new Scratch(), m, [0.5, 0.625]);
    expect(atBegin).toBeCloseTo(Math.log(m.coef[0]!) - 0.5 * 4 * 4, 9);
    const z = (0.625 - 1.25) / 0.125;
    expect(atEnd).toBeCloseTo(Math.log(m.coef[1]!) - 0.5 * z * z, 9);
  });

  it('follow the reference on random mixtures and candidates in any order', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(unit, fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 25 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.array(fc.double({ min: -0.2, max: 1.2, noNaN: true }), { maxLength: 40 }),
        (observed, priorSigma, priorWeight, xs) => {
          const sorted = [...observed].sort((a, b) => a[0] - b[0]);
          const m = buildParzen(
            new Scratch(),
            Float64Array.from(sorted, ([x]) => x),
            Float64Array.from(sorted, ([, w]) => w),
            { mu: 0.5, sigma: priorSigma },
            priorWeight,
            0,
            1,
          );
          expectReference(m, xs);
        },
      ),
      { numRuns: 200, seed: 20240611 },
    );
  });

  it('do not depend on what the scratch memory held before', () => {
    const m = mixtureOf(0, 1, [
      [0.2, 0.1, 1],
      [0.7, 0.2, 2],
    ]);
    const xs = [0.9, 0.1, 0.5, 0.3];
    const clean = [...logDensities(new Scratch(), m, xs)];
    const dirty = new Scratch();
    dirty.take(64).fill(123.5);
    dirty.reset();
    expect([...logDensities(dirty, m, xs)]).toEqual(clean);
  });
});

describe('the masses of a Parzen mixture', () => {
  const m = mixtureOf(0, 1, [
    [0.3, 0.2, 1],
    [0.6, 1, 1],
  ]);

  it('give no mass to a reversed interval or one outside the range', () => {
    expect(mass(m, 0.7, 0.3)).toBe(0);
    expect(mass(m, 2, 3)).toBe(0);
    expect(mass(m, -3, -2)).toBe(0);
    expect(mass(m, 0.4, 0.4)).toBe(0);
  });

  it('fill buckets independently of what the scratch memory held before', () => {
    const edges = Float64Array.from({ length: 6 }, (_, j) => j / 5);
    const clean = [...bucketMasses(new Scratch(), m, edges)];
    expect(clean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const dirty = new Scratch();
    dirty.take(64).fill(7.25);
    dirty.reset();
    expect([...bucketMasses(dirty, m, edges)]).toEqual(clean);
  });
});
