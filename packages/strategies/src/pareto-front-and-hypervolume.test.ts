/**
 * The Pareto front is exactly the non-dominated set (against the definition, in any input order),
 * and the hypervolume is exact (against a brute-force count over the grid the points' coordinates
 * make), in one to four objectives of either direction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume, MAX_HYPERVOLUME_OBJECTIVES } from './hypervolume.js';
import { dominates, paretoFront } from './pareto-front.js';
import type { Direction } from './strategy.js';

const directionsArb = (min: number, max: number) => fc.array(fc.constantFrom<Direction>('maximize', 'minimize'), { minLength: min, maxLength: max });
/** Small integer coordinates, so that ties (equal values, equal points) are common. */
const pointsArb = (d: number, maxLength: number) => fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: d, maxLength: d }), { maxLength });

/** The volume of the union of the points' boxes up to `reference`, cell by cell of the coordinate grid. */
function bruteForceHypervolume(points: number[][], reference: number[], directions: Direction[]): number {
  const d = directions.length;
  const better = (a: number, b: number, k: number) => (directions[k] === 'maximize' ? a > b : a < b);
  const inside = points.filter((p) => p.every((v, k) => better(v, reference[k]!, k)));
  const axes = Array.from({ length: d }, (_, k) => [...new Set([reference[k]!, ...inside.map((p) => p[k]!)])].sort((a, b) => a - b));
  let volume = 0;
  const cell = (k: number, low: number[], high: number[]): void => {
    if (k === d) {
      // The cell is dominated when some point is at least as good as the cell's best corner.
      const covered = inside.some((p) => p.every((v, i) => (directions[i] === 'maximize' ? v >= high[i]! : v <= low[i]!)));
      if (covered) volume += high.reduce((product, h, i) => product * (h - low[i]!), 1);
      return;
    }
    const axis = axes[k]!;
    for (let i = 0; i + 1 < axis.length; i++) cell(k + 1, [...low, axis[i]!], [...high, axis[i + 1]!]);
  };
  cell(0, [], []);
  return volume;
}

describe('paretoFront', () => {
  it('is exactly the items no other item dominates, in input order, whatever the order', () => {
    fc.assert(
      fc.property(
        directionsArb(1, 4).chain((directions) => fc.tuple(fc.constant(directions), pointsArb(directions.length, 25))),
        fc.integer(),
        ([directions, points], shuffleSeed) => {
          const front = paretoFront(points, (p) => p, directions);
          // Dominance by the definition: no worse anywhere, better somewhere.
          const byDefinition = (q: number[], p: number[]) => q.every((v, k) => (directions[k] === 'maximize' ? v >= p[k]! : v <= p[k]!)) && q.some((v, k) => v !== p[k]!);
          for (const p of points) for (const q of points) expect(dominates(q, p, directions)).toBe(byDefinition(q, p));
          expect(front).toEqual(points.filter((p) => !points.some((q) => byDefinition(q, p))));
          const order = points.map((_, i) => i).sort((a, b) => ((a * 2654435761 + shuffleSeed) % 97) - ((b * 2654435761 + shuffleSeed) % 97));
          const shuffledFront = paretoFront(order.map((i) => points[i]!), (p) => p, directions);
          expect(shuffledFront.map((p) => JSON.stringify(p)).sort()).toEqual(front.map((p) => JSON.stringify(p)).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses values that are not one finite number per objective, naming the item', () => {
    expect(() => paretoFront([[1, 2], [1, Number.NaN]], (p) => p, ['maximize', 'minimize'])).toThrow('paretoFront: item 1: objective 1 must be a finite number, got NaN');
    expect(() => paretoFront([[1]], (p) => p, ['maximize', 'minimize'])).toThrow('paretoFront: item 0: expected 2 objective values, got 1');
  });
});

describe('hypervolume', () => {
  it('equals the brute-force volume on random point sets in one to four objectives', () => {
    fc.assert(
      fc.property(
        directionsArb(1, 4).chain((directions) =>
          fc.tuple(fc.constant(directions), pointsArb(directions.length, directions.length > 2 ? 8 : 20), fc.array(fc.integer({ min: -1, max: 7 }), { minLength: directions.length, maxLength: directions.length })),
        ),
        ([directions, points, reference]) => {
          expect(hypervolume(points, reference, directions)).toBeCloseTo(bruteForceHypervolume(points, reference, directions), 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the documented example and ignores points not better than the reference everywhere', () => {
    expect(hypervolume([[0.9, 50], [0.8, 20]], [0, 100], ['maximize', 'minimize'])).toBeCloseTo(69, 12);
    expect(hypervolume([[0.9, 50], [0.8, 20], [-1, 10], [0.5, 120]], [0, 100], ['maximize', 'minimize'])).toBeCloseTo(69, 12);
    expect(hypervolume([], [0, 0], ['maximize', 'maximize'])).toBe(0);
  });

  it('refuses a reference or a point that is not finite, and too many objectives', () => {
    expect(() => hypervolume([[1, 2]], [0, Number.POSITIVE_INFINITY], ['maximize', 'minimize'])).toThrow('hypervolume: the reference point: objective 1 must be a finite number, got Infinity');
    expect(() => hypervolume([[1, 'a' as never]], [0, 0], ['maximize', 'minimize'])).toThrow('hypervolume: point 0: objective 1 must be a finite number, got a');
    const many = Array.from({ length: MAX_HYPERVOLUME_OBJECTIVES + 1 }, () => 'minimize' as const);
    expect(() => hypervolume([], many.map(() => 1), many)).toThrow(`hypervolume: 1 to ${MAX_HYPERVOLUME_OBJECTIVES} objectives, got ${MAX_HYPERVOLUME_OBJECTIVES + 1}`);
  });
});
