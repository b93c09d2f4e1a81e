/**
 * Objective and constraint names are data: any string, `__proto__` and `constructor` included, names
 * a metric like any other; metrics records with or without a prototype work alike; and large inputs
 * to the Pareto front and the hypervolume never become spread arguments or recursion depth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from './hypervolume.js';
import { paretoFront } from './pareto-front.js';
import { outcomeOfMetrics } from './search-objectives.js';

const nameArb = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''), fc.string({ minLength: 1, maxLength: 12 }));

/** A metrics record holding `entries` as own keys, with no prototype or a plain one. */
function record(entries: [string, number][], nullPrototype: boolean): Record<string, number> {
  const out: Record<string, number> = nullPrototype ? Object.create(null) : {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

describe('objectives and constraints by any name', () => {
  it('read the named metrics, whatever the names, and fail naming a missing one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nameArb.filter((n) => n !== ''), { minLength: 2, maxLength: 4 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.boolean(), (names, values, nullPrototype) => {
        const objectives = names.slice(0, 2).map((name, i) => ({ name, direction: i === 0 ? ('maximize' as const) : ('minimize' as const) }));
        const constraints = names.slice(2).map((name) => ({ name, max: 1 }));
        const metrics = record(names.map((name, i): [string, number] => [name, values[i]!]), nullPrototype);
        const outcome = outcomeOfMetrics(metrics, objectives, constraints, []);
        expect(outcome.status).toBe('succeeded');
        if (outcome.status === 'succeeded') {
          expect(outcome.objectives).toEqual([values[0], values[1]]);
          const breach = names.slice(2).reduce((sum, _, i) => sum + Math.max(0, values[2 + i]! - 1), 0);
          if (breach === 0) expect(outcome.violation).toBeUndefined();
          else expect(outcome.violation).toBeCloseTo(breach, 6);
        }
        const missing = record(names.slice(1).map((name, i): [string, number] => [name, values[i + 1]!]), nullPrototype);
        const failed = outcomeOfMetrics(missing, objectives, constraints, []);
        expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining(`no metric ${JSON.stringify(names[0])}`) });
      }),
      { numRuns: 300 },
    );
  });
});

describe('large inputs', () => {
  it('names at most ten of the metrics a record holds when the named one is missing', () => {
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`m${i}`, i]));
    const outcome = outcomeOfMetrics(many, [{ name: 'accuracy', direction: 'maximize' }], [], []);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/no metric "accuracy" \(it reported "m0", .*"m9", … \(100000 in all\)\)$/) });
  });

  it('ranks 200,000 points and measures their hypervolume without spreading them or recursing on them', () => {
    const points = Array.from({ length: 200_000 }, (_, i) => [i / 200_000, 1 - i / 200_000]);
    expect(paretoFront(points.slice(0, 3000), (p) => p, ['maximize', 'maximize'])).toHaveLength(3000);
    expect(hypervolume(points, [0, 0], ['maximize', 'maximize'])).toBeCloseTo(0.5, 4);
    const cube = Array.from({ length: 60 }, (_, i) => [i % 5, (i * 7) % 11, (i * 3) % 13, i % 2]);
    expect(Number.isFinite(hypervolume(cube, [-1, -1, -1, -1], ['maximize', 'maximize', 'maximize', 'maximize']))).toBe(true);
  });
});
