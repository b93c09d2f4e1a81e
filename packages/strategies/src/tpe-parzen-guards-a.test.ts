/**
 * Guards for TPE's Parzen estimators (`tpe-parzen.ts`) that the main tests leave open: how `Scratch`
 * hands out, reuses and grows its memory; `expNeg` for negative arguments; `normalMass` taking tails
 * beyond CUT standard deviations as exactly 0; and the details of `buildParzen` (where the prior's
 * centre goes, the bandwidth rule at the bounds, the zero-weight fallback, components truncated
 * away, merging of identical kernels and the cumulative weights ending at 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildParzen, expNeg, increasingOrder, logDensities, logDensitiesOfIncreasing, mass, normalMass, Scratch } from './tpe-parzen.js';

const ones = (n: number) => new Float64Array(n).fill(1);

describe('Scratch', () => {
  it('hands out views of exactly the requested length, however large', () => {
    const scratch = new Scratch();
    expect(scratch.take(100_000).length).toBe(100_000);
    expect(scratch.take(3).length).toBe(3);
  });

  it('fills its buffer to the last number before growing, then doubles it', () => {
    const scratch = new Scratch();
    const first = scratch.take(1);
    const capacity = first.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT;
    // The rest of the buffer fits exactly: no new buffer yet.
    const rest = scratch.take(capacity - 1);
    expect(rest.buffer).toBe(first.buffer);
    expect(rest.byteOffset).toBe(Float64Array.BYTES_PER_ELEMENT);
    // One more number does not fit: a new buffer, twice as large, so a whole old buffer's worth fits after it.
    const next = scratch.take(1);
    expect(next.buffer).not.toBe(first.buffer);
    expect(next.buffer.byteLength).toBe(2 * first.buffer.byteLength);
    const after = scratch.take(capacity);
    expect(after.buffer).toBe(next.buffer);
  });

  it('reuses the same memory after a reset, without clearing it unless asked', () => {
    const scratch = new Scratch();
    const a = scratch.take(4).fill(7);
    scratch.reset();
    const b = scratch.take(4);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset);
    expect([...b]).toEqual([7, 7, 7, 7]);
    scratch.reset();
    expect([...scratch.take(4, true)]).toEqual([0, 0, 0, 0]);
  });
});

describe('increasingOrder', () => {
  it('orders indices as a stable sort does, for few values (by insertion) and many', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 150 }), (values) => {
        const stable = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
        expect(increasingOrder(values)).toEqual(stable);
        expect(increasingOrder(values, Math.floor(values.length / 2))).toEqual(
          stable.filter((i) => i < Math.floor(values.length / 2)),
        );
      }),
    );
  });
});

describe('logDensitiesOfIncreasing', () => {
  it('gives the densities logDensities gives at the same points', () => {
    const m = buildParzen(new Scratch(), Float64Array.from([0.1, 0.3, 0.35, 0.8]), ones(4), { mu: 0.5, sigma: 1 }, 1, 0, 1);
    const xs = [-0.1, 0, 0.2, 0.34, 0.5, 0.99, 1.2];
    expect([...logDensitiesOfIncreasing(new Scratch(), m, xs)]).toEqual([...logDensities(new Scratch(), m, xs)]);
  });
});

describe('expNeg', () => {
  it('is accurate to 1e-12 relative wherever e^-t is a normal double', () => {
    let worst = 0;
    for (let t = 0; t < 700; t += 0.0173) worst = Math.max(worst, Math.abs(expNeg(t) / Math.exp(-t) - 1));
    expect(worst).toBeLessThan(1e-12);
  });

  it('also computes e^-t for negative t', () => {
    for (const t of [-0.5, -1, -3.7, -20, -300]) expect(Math.abs(expNeg(t) / Math.exp(-t) - 1)).toBeLessThan(1e-8);
  });
});

describe('normalMass', () => {
  it('takes a tail beyond 10 standard deviations as exactly 0', () => {
    expect(normalMass(10, 11)).toBe(0);
    expect(normalMass(11, 12)).toBe(0);
    expect(normalMass(-11, -10)).toBe(0);
    expect(normalMass(-12, -11)).toBe(0);
    // An edge at 10 standard deviations is as good as an infinite one.
    expect(normalMass(9, 10)).toBe(normalMass(9, Infinity));
    expect(normalMass(8.5, 10.5)).toBe(normalMass(8.5, Infinity));
    expect(normalMass(-10, -9)).toBe(normalMass(-Infinity, -9));
    expect(normalMass(-10.5, -8.5)).toBe(normalMass(-Infinity, -8.5));
    expect(normalMass(9, Infinity)).toBeGreaterThan(0);
  });
});

describe('buildParzen', () => {
  it('puts the prior after equal points and sizes each bandwidth by its larger gap, bounds included', () => {
    // n = 5, so the smallest bandwidth is 4 / 6; the largest is the prior's 4.
    const m = buildParzen(new Scratch(), Float64Array.from([-3, 0, 2, 7.5, 8]), ones(5), { mu: 0, sigma: 4 }, 1, -10, 10);
    expect([...m.mu]).toEqual([-3, 0, 0, 2, 7.5, 8]);
    // -3: gap 7 to the lower bound (clipped to 4); 0: gap 3 to the left (0 to the prior on its right);
    // the prior keeps its own 4; 2: gap 5.5; 7.5: gap 5.5; 8: gap 2 to the upper bound.
    expect([...m.sigma]).toEqual([4, 3, 4, 4, 4, 2]);
  });

  it('falls back to the prior alone when there is no weight at all', () => {
    const scratch = new Scratch();
    for (const [points, weights] of [[[], []], [[0.2, 0.7], [0, 0]]] as const) {
      const m = buildParzen(scratch, Float64Array.from(points), Float64Array.from(weights), { mu: 0.5, sigma: 1 }, 0, 0, 1);
      expect(mass(m, 0, 1)).toBeCloseTo(1, 9);
      expect(mass(m, 0, 0.5)).toBeCloseTo(0.5, 6);
      const [density] = logDensities(scratch, m, [0.5]);
      expect(Number.isFinite(density!)).toBe(true);
    }
  });

  it('renormalises a component cut off at one side, even when the other bound is far away', () => {
    // The prior sits on the upper bound and the lower bound is 20 bandwidths away: half its mass is inside.
    const m = buildParzen(new Scratch(), new Float64Array(0), new Float64Array(0), { mu: 1, sigma: 0.05 }, 1, 0, 1);
    expect(mass(m, 0, 1)).toBeCloseTo(1, 9);
    expect(mass(m, 0.95, 1)).toBeCloseTo(0.6826895, 6);
  });

  it('gives a component with no mass inside the range no weight, rather than an infinite one', () => {
    const scratch = new Scratch();
    // The prior's centre lies 29 bandwidths above the range: only the observation's half remains.
    const m = buildParzen(scratch, Float64Array.from([0.5]), ones(1), { mu: 30, sigma: 1 }, 1, 0, 1);
    expect(m.mu.length).toBe(2);
    expect(m.massWeight[1]).toBe(0);
    expect(m.coef[1]).toBe(0);
    expect(mass(m, 0, 1)).toBeCloseTo(0.5, 9);
    for (const v of logDensities(scratch, m, [0, 0.5, 1])) expect(Number.isFinite(v)).toBe(true);
  });

  it('merges identical kernels at the top end too', () => {
    // The two points at 0.75 both get the smallest bandwidth, 1 / 3 (their gaps are 0 and 0.25).
    const m = buildParzen(new Scratch(), Float64Array.from([0.75, 0.75]), ones(2), { mu: 0.5, sigma: 1 }, 1, 0, 1);
    expect([...m.mu]).toEqual([0.5, 0.75]);
    expect([...m.sigma]).toEqual([1, 1 / 3]);
    expect([...m.cumulative].map((c) => c * 3)).toEqual([expect.closeTo(1, 12), 3]);
  });

  it('ends the cumulative weights at exactly 1 even when the running sum rounds off', () => {
    // Seven components of equal weight: the running sum of the sevenths is 0.9999999999999998.
    const m = buildParzen(new Scratch(), Float64Array.from([0.05, 0.2, 0.35, 0.6, 0.75, 0.9]), ones(6), { mu: 0.5, sigma: 1 }, 1, 0, 1);
    expect(m.cumulative.length).toBe(7);
    expect(m.cumulative[6]).toBe(1);
    expect(m.cumulative[5]).toBeCloseTo(6 / 7, 12);
  });
});
