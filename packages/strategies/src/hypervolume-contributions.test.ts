/**
 * Exclusive hypervolume contributions: each is the volume lost without that point, never negative,
 * zero for a dominated point, and in two objectives the box between a point and its neighbours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from './hypervolume.js';
import { hypervolumeContributions } from './hypervolume-contributions.js';
import { dominates } from './pareto-front.js';
import type { Direction } from './strategy.js';

describe('hypervolumeContributions', () => {
  it('gives the box each point of a two-objective front holds alone', () => {
    // Maximise x, minimise y; the reference (0, 10). Sorted by x: (1, 2), (3, 5), (4, 8).
    const points = [[3, 5], [1, 2], [4, 8]];
    expect(hypervolumeContributions(points, [0, 10], ['maximize', 'minimize'])).toEqual([(3 - 1) * (8 - 5), (1 - 0) * (5 - 2), (4 - 3) * (10 - 8)]);
  });

  it('is the volume lost without each point, zero for a dominated one, and sums to at most the whole', () => {
    const directions: Direction[] = ['maximize', 'minimize', 'minimize'];
    const point = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })).map((p) => [...p]);
    fc.assert(
      fc.property(fc.array(point, { maxLength: 12 }), (points) => {
        const reference = [0, 9, 9];
        const contributions = hypervolumeContributions(points, reference, directions);
        const whole = hypervolume(points, reference, directions);
        contributions.forEach((c, i) => {
          const without = hypervolume(points.filter((_, k) => k !== i), reference, directions);
          expect(c).toBeCloseTo(whole - without, 9);
          expect(c).toBeGreaterThanOrEqual(0);
          if (points.some((p, k) => k !== i && (dominates(p, points[i]!, directions) || p.every((v, d) => v === points[i]![d])))) expect(c).toBe(0);
        });
        expect(contributions.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(whole + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});
