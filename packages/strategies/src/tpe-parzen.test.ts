import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import { bucketMasses, buildParzen, categoricalPosterior, expNeg, forgettingWeights, logDensities, mass, normalMass, sampleMixture, Scratch } from './tpe-parzen.js';

/** Φ by a slow but plain numerical integration of the normal density, for reference. */
function phiBetween(a: number, b: number): number {
  const lo = Math.max(a, -12);
  const hi = Math.min(b, 12);
  if (!(lo < hi)) return 0;
  const steps = 20000;
  const h = (hi - lo) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    sum += (i === 0 || i === steps ? 1 : i % 2 === 0 ? 2 : 4) * Math.exp(-0.5 * x * x);
  }
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('the estimators of TPE', () => {
  it('compute e^-t to 1e-8 relative', () => {
    for (let t = 0; t < 700; t += 0.37) expect(Math.abs(expNeg(t) / Math.exp(-t) - 1)).toBeLessThan(1e-8);
    expect(expNeg(0)).toBe(1);
    expect(expNeg(800)).toBe(0);
    expect(expNeg(Infinity)).toBe(0);
  });

  it('compute normal masses, keeping their precision far into the tails', () => {
    for (const [a, b] of [[-1, 1], [0, 2], [-3, -2], [1.5, 4], [-Infinity, 0.3], [2, Infinity], [-Infinity, Infinity]] as const) {
      expect(normalMass(a, b)).toBeCloseTo(phiBetween(a, b), 6);
    }
    // Both edges deep in the upper tail: relative, not absolute, precision.
    const tail = normalMass(6, 6.5);
    expect(Math.abs(tail / phiBetween(6, 6.5) - 1)).toBeLessThan(1e-5);
  });

  it('build a truncated mixture that integrates to 1 over its range, and sample inside it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), fc.integer(), (points, seed) => {
        const scratch = new Scratch();
        const x = sorted(points);
        const m = buildParzen(scratch, x, new Float64Array(x.length).fill(1), { mu: 0.5, sigma: 1 }, 1, 0, 1);
        expect(mass(m, 0, 1)).toBeCloseTo(1, 6);
        expect(mass(m, -5, 5)).toBeCloseTo(1, 6);
        const edges = Float64Array.from({ length: 11 }, (_, i) => i / 10);
        const buckets = bucketMasses(scratch, m, edges);
        expect(buckets.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
        for (let j = 0; j < 10; j++) expect(buckets[j]!).toBeCloseTo(mass(m, edges[j]!, edges[j + 1]!), 9);
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const draw = sampleMixture(m, rng);
          expect(draw).toBeGreaterThanOrEqual(0);
          expect(draw).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('evaluate densities that agree with a numerical derivative of the masses', () => {
    const scratch = new Scratch();
    const x = sorted([0.1, 0.12, 0.4, 0.41, 0.42, 0.9]);
    const m = buildParzen(scratch, x, Float64Array.from([1, 0.5, 1, 1, 1, 0.2]), { mu: 0.5, sigma: 1 }, 1, 0, 1);
    const at = [0.05, 0.11, 0.3, 0.415, 0.7, 0.99];
    const logs = logDensities(scratch, m, at);
    at.forEach((p, k) => {
      const h = 1e-5;
      expect(logs[k]!).toBeCloseTo(Math.log(mass(m, p - h, p + h) / (2 * h)), 4);
    });
    expect(logDensities(scratch, m, [-0.1, 1.1])).toEqual(Float64Array.from([-Infinity, -Infinity]));
  });

  it('merge repeated observations without changing the mixture', () => {
    const scratch = new Scratch();
    const points = sorted([0.25, 0.25, 0.25, 0.25, 0.75]);
    const weights = Float64Array.from([1, 1, 1, 1, 1]);
    const repeated = buildParzen(scratch, points, weights, { mu: 0.5, sigma: 1 }, 1, 0, 1);
    // Four equal points: the two inner ones get the smallest bandwidth, 1 / (n + 1), and merge.
    expect(repeated.mu.length).toBe(5);
    expect(Math.min(...repeated.sigma)).toBeCloseTo(1 / 6, 12);
    // The same mixture as one built without the merge (points nudged apart by far less than a bandwidth).
    const apart = buildParzen(scratch, sorted([0.25, 0.25, 0.25 + 1e-13, 0.25 + 2e-13, 0.75]), weights, { mu: 0.5, sigma: 1 }, 1, 0, 1);
    expect(apart.mu.length).toBe(6);
    for (const at of [0.1, 0.25, 0.3, 0.6]) expect(mass(repeated, 0, at)).toBeCloseTo(mass(apart, 0, at), 9);
  });

  it('weigh old observations less (linear forgetting)', () => {
    expect([...forgettingWeights(3, 25)]).toEqual([1, 1, 1]);
    const weights = [...forgettingWeights(30, 25)];
    expect(weights.slice(5)).toEqual(new Array(25).fill(1));
    expect(weights[0]).toBeCloseTo(1 / 30, 12);
    for (let i = 1; i < 5; i++) expect(weights[i]!).toBeGreaterThan(weights[i - 1]!);
  });

  it('mix categorical counts with the prior', () => {
    const pmf = categoricalPosterior(3, [0, 0, 2], [1, 1, 1], undefined, 1);
    expect([...pmf].map((p) => p * 4)).toEqual([2 + 1 / 3, 1 / 3, 1 + 1 / 3].map((v) => expect.closeTo(v, 12)));
    expect([...categoricalPosterior(2, [], [], [0.25, 0.75], 1)]).toEqual([0.25, 0.75]);
    expect([...categoricalPosterior(2, [], [], undefined, 0)]).toEqual([0.5, 0.5]);
  });

  it('hand out scratch memory that stays valid until the next reset, growing as needed', () => {
    const scratch = new Scratch();
    const a = scratch.take(10).fill(7);
    const big = scratch.take(100_000, true);
    expect(big.every((v) => v === 0)).toBe(true);
    expect([...a]).toEqual(new Array(10).fill(7));
    scratch.reset();
    expect(scratch.take(5, true).every((v) => v === 0)).toBe(true);
  });
});
