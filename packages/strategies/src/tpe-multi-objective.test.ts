/**
 * Multi-objective TPE: trials are scored front by front (every trial of a better front above every
 * trial of a worse one, the spread-out members of a front above the crowded ones), and the search
 * covers a trade-off better than random search in the same trials.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { hypervolume } from './hypervolume.js';
import { crowdingDistances, nonDominatedFronts, type RankedPoint } from './non-dominated-sort.js';
import { Random } from './random.js';
import type { Direction, Strategy } from './strategy.js';
import { TPE } from './tpe.js';
import { frontScores } from './tpe-multi-objective.js';

const DIRECTIONS: Direction[] = ['maximize', 'minimize'];

describe('frontScores', () => {
  it('orders points by front, then by crowding distance within a front', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.nat(2)), { maxLength: 30 }), (raw) => {
        const points: RankedPoint[] = raw.map(([a, b, v]) => ({ values: [a, b], ...(v === 2 ? { violation: 1 } : {}) }));
        const scores = frontScores(points, DIRECTIONS);
        const fronts = nonDominatedFronts(points, DIRECTIONS);
        fronts.forEach((front, f) => {
          const crowding = crowdingDistances(points, front);
          front.forEach((i, k) => {
            expect(scores[i]!).toBeGreaterThanOrEqual(-f);
            expect(scores[i]!).toBeLessThanOrEqual(-f + 0.5);
            front.forEach((j, m) => {
              // The score maps crowding monotonically; crowdings a rounding error apart may share a score.
              if (crowding[k]! > crowding[m]!) expect(scores[i]!).toBeGreaterThanOrEqual(scores[j]!);
              if (crowding[k]! > crowding[m]! + 1e-9) expect(scores[i]!).toBeGreaterThan(scores[j]!);
            });
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('TPE with several objectives', () => {
  const space = new MutableDict(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4], { label: `d${i}` })])));
  const objectives = (s: Sample): [number, number] => {
    const v = Object.values(s) as number[];
    return [v.reduce((a, x, i) => a + Math.sqrt(x) * (i % 2 === 0 ? 2 : 1), 0), v.reduce((a, x, i) => a + x * (i < 3 ? 1 : 3), 0)];
  };
  const hv = (make: () => Strategy, seed: number) => {
    const session = make().start({ space, rng: createRng(seed), direction: 'maximize', objectives: DIRECTIONS });
    const told: number[][] = [];
    for (let i = 0; i < 100; i++) {
      const p = session.ask()!;
      const values = objectives(p.sample);
      session.tell(p.id, { status: 'succeeded', value: values[0], objectives: values });
      told.push(values);
    }
    return hypervolume(told, [0, 40], DIRECTIONS);
  };

  it('covers the trade-off better than random search in the same trials (hypervolume, 10 seeds)', () => {
    const mean = (make: () => Strategy) => Array.from({ length: 10 }, (_, seed) => hv(make, seed)).reduce((a, b) => a + b, 0) / 10;
    expect(mean(() => new TPE({ nStartupJobs: 10 }))).toBeGreaterThan(mean(() => new Random()) * 1.02);
  });

  it('refuses an outcome without the objectives when told it', () => {
    const session = new TPE().start({ space, rng: createRng(0), direction: 'maximize', objectives: DIRECTIONS });
    const p = session.ask()!;
    expect(() => session.tell(p.id, { status: 'succeeded', value: 1 })).toThrow('TPE: trial 0 must report 2 objective values (outcome.objectives), got none');
  });
});
