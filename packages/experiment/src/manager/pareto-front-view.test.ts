/**
 * `paretoFrontView` (what `GET /pareto-front` answers) against a brute-force non-dominated set over
 * random final results: records with random metric names (`__proto__` and `constructor` among them),
 * some missing a metric, some breaking a constraint.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction, MetricConstraint, Objective } from '@archspace/strategies';
import { paretoFrontView, type TrialResult } from './pareto-front-view.js';

const NAMES = ['default', 'flops', '__proto__', 'constructor'] as const;

/** The ids of the results holding every named metric, meeting every constraint, that no other such result dominates. */
function bruteForce(results: readonly TrialResult[], objectives: readonly Objective[], constraints: readonly MetricConstraint[]): string[] {
  const rows = results
    .map((r) => ({ id: r.trialJobId, m: JSON.parse(r.finalData) as Record<string, number> }))
    .filter(({ m }) => [...objectives, ...constraints].every(({ name }) => Object.hasOwn(m, name)))
    .filter(({ m }) => constraints.every((c) => (c.min === undefined || m[c.name]! >= c.min) && (c.max === undefined || m[c.name]! <= c.max)));
  const better = (o: Objective, a: number, b: number) => (o.direction === 'maximize' ? a > b : a < b);
  const dominates = (a: Record<string, number>, b: Record<string, number>) =>
    objectives.every((o) => !better(o, b[o.name]!, a[o.name]!)) && objectives.some((o) => better(o, a[o.name]!, b[o.name]!));
  return rows.filter((r) => !rows.some((s) => dominates(s.m, r.m))).map((r) => r.id);
}

const direction = fc.constantFrom<Direction>('maximize', 'minimize');
const result = fc.record({
  metrics: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES.slice(1)), fc.integer({ min: -3, max: 3 })), { selector: ([name]) => name }),
  default: fc.integer({ min: -3, max: 3 }),
});

describe('paretoFrontView', () => {
  it('is the brute-force non-dominated set of the feasible results that hold every metric', () => {
    fc.assert(
      fc.property(
        fc.array(result, { maxLength: 12 }),
        fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), direction), { minLength: 1, maxLength: 3, selector: ([name]) => name }),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.integer({ min: -3, max: 3 }), fc.boolean()), { maxLength: 2 }),
        (drawn, goals, bounds) => {
          // Written as JSON text, as a trial's final result is: "__proto__" is an ordinary key.
          const results: TrialResult[] = drawn.map((d, i) => ({
            trialJobId: `t${i}`,
            sequenceId: i,
            parameters: { i },
            finalData: `{"default":${d.default}${d.metrics.map(([k, v]) => `,${JSON.stringify(k)}:${v}`).join('')}}`,
          }));
          const objectives = goals.map(([name, dir]) => ({ name, direction: dir }));
          const constraints = bounds.map(([name, bound, isMax]) => (isMax ? { name, max: bound } : { name, min: bound }));
          const view = paretoFrontView(results, { objectives, constraints }, 'maximize');
          expect(view.trials.map((t) => t.trialJobId)).toEqual(bruteForce(results, objectives, constraints));
          for (const t of view.trials) {
            const metrics = JSON.parse(results[t.sequenceId]!.finalData) as Record<string, number>;
            expect(t.values).toEqual(objectives.map((o) => metrics[o.name]));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('without objectives is the best trial(s) by the final result in the direction, numbers and records alike', () => {
    const results: TrialResult[] = ['0.5', '{"default":0.9,"loss":1}', '0.9', '0.1'].map((finalData, i) => ({ trialJobId: `t${i}`, sequenceId: i, parameters: {}, finalData }));
    const best = paretoFrontView(results, undefined, 'maximize');
    expect(best).toEqual({
      objectives: [{ name: 'default', direction: 'maximize' }],
      constraints: [],
      configured: false,
      trials: [
        { trialJobId: 't1', sequenceId: 1, parameters: {}, values: [0.9] },
        { trialJobId: 't2', sequenceId: 2, parameters: {}, values: [0.9] },
      ],
    });
    expect(paretoFrontView(results, undefined, 'minimize').trials.map((t) => t.trialJobId)).toEqual(['t3']);
  });
});
