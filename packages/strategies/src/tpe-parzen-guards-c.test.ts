/**
 * Guards for the lower half of TPE's Parzen estimators (`tpe-parzen.ts`): bucket masses that agree
 * with `mass` even for wide kernels, edges far beyond a kernel's reach and edges exactly at its cut,
 * how `sampleMixture` picks a component and truncates its normal to the range (closed bounds, a
 * bounded number of rejections, the nearest-bound fallback), and the exact linear forgetting weights.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '@archspace/mutables';
import { bucketMasses, buildParzen, forgettingWeights, mass, sampleMixture, Scratch } from './tpe-parzen.js';

/** `a` and `b` equal up to a relative `tolerance` (both 0 counts as equal). */
function expectRelativelyClose(a: number, b: number, tolerance = 1e-12): void {
  expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(a), Math.abs(b)));
}

/** Every bucket of `bucketMasses` equals `mass` over the same interval, relatively (far tails included). */
function expectBucketsMatchMass(m: ReturnType<typeof buildParzen>, edges: readonly number[], scratch: Scratch): Float64Array {
  const buckets = bucketMasses(scratch, m, edges);
  expect(buckets.length).toBe(edges.length - 1);
  for (let j = 0; j < buckets.length; j++) expectRelativelyClose(buckets[j]!, mass(m, edges[j]!, edges[j + 1]!));
  return buckets;
}

/**
 * A stand-in generator with scripted draws: `next()` always returns `u`; `normal()` returns
 * `normals` in turn, then repeats the last one. Counts the normal draws.
 */
function scriptedRng(u: number, normals: readonly number[]): { rng: Rng; normalDraws: () => number } {
  let calls = 0;
  const stub = {
    next: () => u,
    normal: () => normals[Math.min(calls++, normals.length - 1)]!,
  };
  return { rng: stub as unknown as Rng, normalDraws: () => calls };
}

const ones = (n: number) => new Float64Array(n).fill(1);

describe('bucket masses of a Parzen mixture', () => {
  it('reach as far as a wide kernel does (bandwidth well above 1)', () => {
    const scratch = new Scratch();
    // The prior (sd 10) reaches ±100 around 0; the points get bandwidth 10 / 4 = 2.5.
    const m = buildParzen(scratch, [2, 2.5, 3], ones(3), { mu: 0, sigma: 10 }, 1, -Infinity, Infinity);
    const edges = [-200, -50, -20, 0, 1, 2, 3, 4, 30, 40, 200];
    const buckets = expectBucketsMatchMass(m, edges, scratch);
    // Only the prior puts mass below -20 and above 30: a quarter of the weight, 2 to 5 sd out.
    expect(buckets[1]!).toBeCloseTo(0.25 * (0.0227501319 - 2.866515719e-7), 8);
    expect(buckets[8]!).toBeCloseTo(0.25 * (0.0013498980 - 0.0000316712), 8);
    expect(buckets[9]!).toBeCloseTo(0.25 * 0.0000316712, 8);
    expect(buckets.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('take no mass from a kernel beyond the last edge it reaches, even when the scratch memory holds other values there', () => {
    const scratch = new Scratch();
    // Dirty the scratch memory first, as a long search does.
    scratch.take(1 << 14).fill(0.3);
    scratch.reset();
    const m = buildParzen(scratch, [2, 2.5, 3], ones(3), { mu: 0, sigma: 10 }, 1, -Infinity, Infinity);
    // The points reach at most 3 + 25 = 28; edges 30 and 40 lie beyond, but within the prior's reach.
    const edges = [-150, -1, 2.7, 30, 40, 45];
    const buckets = expectBucketsMatchMass(m, edges, scratch);
    for (const b of buckets) expect(b).toBeGreaterThan(0);
  });

  it('take an edge exactly CUT = 10 standard deviations out as having no tail, as `mass` does', () => {
    const scratch = new Scratch();
    const m = buildParzen(scratch, [], [], { mu: 0, sigma: 1 }, 1, -Infinity, Infinity);
    // The bucket's mass is the tail beyond 9.99 sd alone (about 8.7e-24).
    const buckets = expectBucketsMatchMass(m, [-10, -9.99, 0, 9.99, 10], scratch);
    expect(buckets[0]!).toBeGreaterThan(5e-24);
    expect(buckets[3]!).toBeGreaterThan(5e-24);
  });

  it('count the bucket above an edge that rounds to just inside the cut', () => {
    const scratch = new Scratch();
    // 10 · 0.41 is 4.1, yet (4.1 - 0) · (1 / 0.41) rounds to 9.999999999999998 sd: just inside CUT.
    const m = buildParzen(scratch, [], [], { mu: 0, sigma: 0.41 }, 1, -Infinity, Infinity);
    expect((4.1 - 0) * m.inverse[0]!).toBeLessThan(10);
    const buckets = expectBucketsMatchMass(m, [-1, 4.1, 5], scratch);
    expect(buckets[1]!).toBeGreaterThan(5e-24);
  });
});

describe('draws from a Parzen mixture', () => {
  it('pick the component whose cumulative-weight interval [before, after) holds the uniform draw', () => {
    const scratch = new Scratch();
    // Components 0.1, 0.5 (the prior) and 0.9, a third of the weight each.
    const m = buildParzen(scratch, [0.1, 0.9], ones(2), { mu: 0.5, sigma: 1 }, 1, 0, 1);
    expect([...m.mu]).toEqual([0.1, 0.5, 0.9]);
    const draw = (u: number) => sampleMixture(m, scriptedRng(u, [0]).rng);
    expect(draw(0)).toBe(0.1);
    expect(draw(0.3)).toBe(0.1);
    expect(draw(0.5)).toBe(0.5);
    expect(draw(0.9)).toBe(0.9);
    expect(draw(0.999)).toBe(0.9);
  });

  it('never pick a weightless component, not even for a uniform draw of exactly 0 or at an interval boundary', () => {
    const scratch = new Scratch();
    // A prior without weight first, then two points with half the weight each: cumulative 0, 0.5, 1.
    const m = buildParzen(scratch, [0.2, 0.8], ones(2), { mu: 0, sigma: 1 }, 0, 0, 1);
    expect([...m.mu]).toEqual([0, 0.2, 0.8]);
    const draw = (u: number) => sampleMixture(m, scriptedRng(u, [0]).rng);
    expect(draw(0)).toBe(0.2);
    expect(draw(0.25)).toBe(0.2);
    expect(draw(0.5)).toBe(0.8);
  });

  it('draw the centre plus the bandwidth times a normal variate, both bounds of the range included', () => {
    const scratch = new Scratch();
    const m = buildParzen(scratch, [], [], { mu: 0.5, sigma: 1 }, 1, 0, 1);
    expect(sampleMixture(m, scriptedRng(0, [-0.3]).rng)).toBeCloseTo(0.2, 15);
    expect(sampleMixture(m, scriptedRng(0, [0.25]).rng)).toBeCloseTo(0.75, 15);
    // Out of range (0.5 + 0.7) is rejected, then the next variate is used.
    expect(sampleMixture(m, scriptedRng(0, [0.7, -0.1]).rng)).toBeCloseTo(0.4, 15);
    // Landing exactly on a bound is inside the closed range.
    expect(sampleMixture(m, scriptedRng(0, [0.5]).rng)).toBe(1);
    expect(sampleMixture(m, scriptedRng(0, [-0.5]).rng)).toBe(0);
  });

  it('give up after 64 rejected variates and fall back to the centre clipped to the range', () => {
    const scratch = new Scratch();
    const m = buildParzen(scratch, [], [], { mu: 0.5, sigma: 1 }, 1, 0, 1);
    // 64 variates far outside, then one inside that must not be used.
    const { rng, normalDraws } = scriptedRng(0, [...new Array<number>(64).fill(5), 0.1]);
    expect(sampleMixture(m, rng)).toBe(0.5);
    expect(normalDraws()).toBe(64);
  });

  it('fall back to the nearest bound when the drawn component lies far outside the range', () => {
    const scratch = new Scratch();
    const rng = createRng(7);
    const above = buildParzen(scratch, [], [], { mu: 5, sigma: 0.1 }, 1, 0, 1);
    const below = buildParzen(scratch, [], [], { mu: -5, sigma: 0.1 }, 1, 0, 1);
    for (let i = 0; i < 5; i++) {
      expect(sampleMixture(above, rng)).toBe(1);
      expect(sampleMixture(below, rng)).toBe(0);
    }
  });
});

describe('linear forgetting weights', () => {
  it('rise linearly from 1 / n for the oldest to 1, then stay at 1 for the newest', () => {
    const weights = [...forgettingWeights(5, 2)];
    expect(weights).toEqual([0.2, 0.6, 1, 1, 1].map((w) => expect.closeTo(w, 14)));
    expect([...forgettingWeights(9, 4)]).toEqual([1 / 9, 1 / 3, 5 / 9, 7 / 9, 1, 1, 1, 1, 1].map((w) => expect.closeTo(w, 14)));
  });

  it('give a single old observation the weight 1 / n', () => {
    expect([...forgettingWeights(3, 2)]).toEqual([1 / 3, 1, 1]);
    expect([...forgettingWeights(1, 0)]).toEqual([1]);
  });
});
