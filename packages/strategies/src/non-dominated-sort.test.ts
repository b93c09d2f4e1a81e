/**
 * NSGA-II's ranking: the fronts are the repeated Pareto fronts (against peeling the front off by the
 * definition), every feasible point ranks before every infeasible one, and crowding distances match
 * their formula.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crowdingDistances, nonDominatedFronts, type RankedPoint } from './non-dominated-sort.js';
import { paretoFront } from './pareto-front.js';
import type { Direction } from './strategy.js';

const problemArb = fc
  .array(fc.constantFrom<Direction>('maximize', 'minimize'), { minLength: 1, maxLength: 3 })
  .chain((directions) =>
    fc.tuple(
      fc.constant(directions),
      fc.array(
        fc.record({
          values: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: directions.length, maxLength: directions.length }),
          violation: fc.oneof(fc.constant(0), fc.constant(undefined), fc.integer({ min: 1, max: 3 })),
        }),
        { maxLength: 30 },
      ),
    ),
  );

describe('nonDominatedFronts', () => {
  it('peels Pareto fronts off the feasible points, then ranks the infeasible ones by violation', () => {
    fc.assert(
      fc.property(problemArb, ([directions, raw]) => {
        const points: RankedPoint[] = raw.map((p) => (p.violation === undefined ? { values: p.values } : p));
        const fronts = nonDominatedFronts(points, directions);
        expect(fronts.flat().sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
        // The expected fronts, peeled by the definition.
        const expected: number[][] = [];
        let left = points.map((_, i) => i).filter((i) => !((points[i]!.violation ?? 0) > 0));
        while (left.length > 0) {
          const front = paretoFront(left, (i) => points[i]!.values, directions);
          expected.push(front);
          left = left.filter((i) => !front.includes(i));
        }
        const violations = [...new Set(points.map((p) => p.violation ?? 0).filter((v) => v > 0))].sort((a, b) => a - b);
        for (const v of violations) expected.push(points.flatMap((p, i) => ((p.violation ?? 0) === v ? [i] : [])));
        expect(fronts).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad values and violations, naming the point', () => {
    expect(() => nonDominatedFronts([{ values: [1] }, { values: [Number.NaN] }], ['maximize'])).toThrow('nonDominatedFronts: point 1: objective 0 must be a finite number, got NaN');
    expect(() => nonDominatedFronts([{ values: [1], violation: -1 }], ['maximize'])).toThrow('nonDominatedFronts: point 0: violation must be a number ≥ 0, got -1');
  });
});

describe('crowdingDistances', () => {
  it('gives the extremes of each objective Infinity and the others the summed normalised gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 15 }), (pairs) => {
        const points: RankedPoint[] = pairs.map(([a, b]) => ({ values: [a, b] }));
        const front = points.map((_, i) => i);
        const distances = crowdingDistances(points, front);
        const expected = front.map(() => 0);
        for (let k = 0; k < 2; k++) {
          const sorted = [...front].sort((a, b) => points[a]!.values[k]! - points[b]!.values[k]! || a - b);
          const range = points[sorted.at(-1)!]!.values[k]! - points[sorted[0]!]!.values[k]!;
          sorted.forEach((i, s) => {
            if (s === 0 || s === sorted.length - 1) expected[i] = Infinity;
            else if (range > 0) expected[i]! += (points[sorted[s + 1]!]!.values[k]! - points[sorted[s - 1]!]!.values[k]!) / range;
          });
        }
        distances.forEach((d, i) => (expected[i] === Infinity ? expect(d).toBe(Infinity) : expect(d).toBeCloseTo(expected[i]!, 12)));
      }),
      { numRuns: 300 },
    );
    expect(crowdingDistances([{ values: [0, 4] }, { values: [1, 3] }, { values: [2, 1] }, { values: [4, 0] }], [0, 1, 2, 3])).toEqual([Infinity, 2 / 4 + 3 / 4, 3 / 4 + 3 / 4, Infinity]);
  });
});
