/**
 * The expected hypervolume gain of a candidate whose objectives are known but one: the gain profile
 * is the hypervolume the candidate adds at every value of the unknown objective (in two and three
 * objectives, either direction), and its expectation under a normal distribution is the integral of
 * that gain against the density.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedGain, gainProfile, normalCdf } from './expected-front-gain.js';
import { hypervolume } from './hypervolume.js';
import type { Direction } from './strategy.js';

const gainAt = (profile: { kinks: readonly number[]; slopes: readonly number[] }, s: number) => profile.kinks.reduce((sum, t, k) => sum + profile.slopes[k]! * Math.max(0, s - t), 0);
const value = fc.integer({ min: 1, max: 9 });

describe('gainProfile', () => {
  it('gives the hypervolume a candidate adds at any value of the unknown objective', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((m) =>
          fc.record({
            directions: fc.array(fc.constantFrom<Direction>('maximize', 'minimize'), { minLength: m, maxLength: m }),
            front: fc.array(fc.array(value, { minLength: m, maxLength: m }), { maxLength: 6 }),
            candidate: fc.array(value, { minLength: m, maxLength: m }),
            unknown: fc.integer({ min: 0, max: m - 1 }),
            s: fc.double({ min: -2, max: 12, noNaN: true }),
          }),
        ),
        ({ directions, front, candidate, unknown, s }) => {
          const reference = directions.map((d) => (d === 'maximize' ? 0 : 10));
          const profile = gainProfile(front, candidate, unknown, reference, directions);
          const point = candidate.map((v, k) => (k === unknown ? (directions[k] === 'maximize' ? s : -s) : v));
          const s0 = directions[unknown] === 'maximize' ? s : -s;
          const inside = directions[unknown] === 'maximize' ? s0 > 0 : s0 < 10;
          const brute = inside ? hypervolume([...front, point], reference, directions) - hypervolume(front, reference, directions) : 0;
          expect(gainAt(profile, s)).toBeCloseTo(brute, 8);
          expect(profile.slopes.every((c) => c >= -1e-9)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts the area the candidate adds below the member and above it ([[5, 4]] and a candidate at FLOPs 2)', () => {
    const profile = gainProfile([[5, 4]], [Number.NaN, 2], 0, [0, 10], ['maximize', 'minimize']);
    expect(gainAt(profile, 3)).toBeCloseTo(3 * 2, 10);
    expect(gainAt(profile, 7)).toBeCloseTo(7 * 8 - 5 * 6, 10);
  });
});

describe('expectedGain', () => {
  it('is the gain at the mean when the spread is 0, and the gain integrated against the normal density otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }), fc.double({ min: -3, max: 12, noNaN: true }), fc.double({ min: 0.05, max: 4, noNaN: true }), (front, mean, sd) => {
        const profile = gainProfile(
          front.map((a, i) => [a, 2 + i]),
          [Number.NaN, 1],
          0,
          [0, 10],
          ['maximize', 'minimize'],
        );
        expect(expectedGain(profile, mean, 0)).toBeCloseTo(gainAt(profile, mean), 9);
        // Midpoint rule over ±8 standard deviations.
        let integral = 0;
        const steps = 4000;
        const h = (16 * sd) / steps;
        for (let i = 0; i < steps; i++) {
          const s = mean - 8 * sd + (i + 0.5) * h;
          integral += gainAt(profile, s) * (Math.exp(-0.5 * ((s - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI))) * h;
        }
        expect(expectedGain(profile, mean, sd)).toBeCloseTo(integral, 3);
      }),
      { numRuns: 60 },
    );
  });

  it('grows with the mean and with the spread', () => {
    const profile = gainProfile([[5, 4], [3, 2]], [Number.NaN, 3], 0, [0, 10], ['maximize', 'minimize']);
    expect(expectedGain(profile, 4, 1)).toBeGreaterThan(expectedGain(profile, 3, 1));
    expect(expectedGain(profile, 3, 2)).toBeGreaterThan(expectedGain(profile, 3, 1));
    expect(expectedGain(profile, 3, 0)).toBe(0);
  });
});

describe('normalCdf', () => {
  it('matches the standard normal distribution to 1e-7', () => {
    const table: [number, number][] = [[0, 0.5], [1, 0.8413447461], [-1.96, 0.0249978951], [2.5, 0.9937903347], [-4, 0.0000316712]];
    for (const [z, p] of table) expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-7);
  });
});
