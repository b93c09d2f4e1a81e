import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportedTrial, ObjectiveSpec, ParetoFront, TrialColumns } from '../api/api-types.js';
import { scatterOption } from '../charts/chart-options.js';
import { frontRows, objectiveHeading, showsFront } from './front-rows.js';
import { metricsOf, objectiveColumns, objectivePoints } from './objective-points.js';
import { PARETO_SERIES, paretoOption, staircaseStep } from './pareto-option.js';

type Series = { name: string; type: string; step?: string; data: ({ value: [number, number]; trialJobId: string } | [number, number])[] };

const TWO: readonly ObjectiveSpec[] = [
  { name: 'loss', direction: 'minimize' },
  { name: '__proto__', direction: 'maximize' },
];

/** An exported trial whose final result is `metrics`, written as JSON text (so `__proto__` is an own key). */
const exportedTrial = (trialJobId: string, metrics: readonly (readonly [string, number])[]): ExportedTrial => ({
  trialJobId,
  parameter: {},
  value: `{${metrics.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`,
});

const seriesOf = (points: Parameters<typeof paretoOption>[0], objectives = TWO) => (paretoOption(points, { objectives }) as { series: Series[] }).series;
const idsIn = (series: Series[], name: string) => series.find((s) => s.name === name)!.data.map((d) => (Array.isArray(d) ? '' : d.trialJobId)).sort();

/** The ids of the trials holding both objectives and `latency` ≤ 1 that no other such trial dominates, by brute force. */
function bruteForceFront(trials: readonly { id: string; loss: number; gain: number; latency: number }[]): string[] {
  const ok = trials.filter((t) => t.latency <= 1);
  const atLeast = (a: (typeof ok)[number], b: (typeof ok)[number]) => a.loss <= b.loss && a.gain >= b.gain;
  return ok.filter((t) => !ok.some((s) => atLeast(s, t) && !atLeast(t, s))).map((t) => t.id);
}

/** `items` in the order of `keys` (a shuffle drawn by fast-check). */
const shuffled = <T>(items: readonly T[], keys: fc.Stream<number>): T[] => items.map((item) => ({ item, key: keys.next().value as number })).sort((a, b) => a.key - b.key).map(({ item }) => item);

describe('the Pareto chart and table', () => {
  it('highlight exactly the front, never an infeasible trial, and list it in the same order whatever order the trials come in', () => {
    const trial = fc.record({ loss: fc.integer({ min: 0, max: 4 }), gain: fc.integer({ min: 0, max: 4 }), latency: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(trial, { maxLength: 15 }), fc.infiniteStream(fc.nat()), (drawn, keys) => {
        const trials = drawn.map((t, i) => ({ id: `t${i}`, ...t }));
        const expected = bruteForceFront(trials);
        const front: ParetoFront = {
          objectives: TWO,
          constraints: [{ name: 'latency', max: 1 }],
          configured: true,
          trials: trials.filter((t) => expected.includes(t.id)).map((t, i) => ({ trialJobId: t.id, sequenceId: Number(t.id.slice(1)), parameters: { i }, values: [t.loss, t.gain] })),
        };
        const exported = trials.map((t) => exportedTrial(t.id, [['loss', t.loss], ['__proto__', t.gain], ['latency', t.latency]]));
        const series = seriesOf(objectivePoints(shuffled(exported, keys), front));
        expect(idsIn(series, PARETO_SERIES.front)).toEqual([...expected].sort());
        const infeasible = trials.filter((t) => t.latency > 1).map((t) => t.id).sort();
        expect(idsIn(series, PARETO_SERIES.infeasible)).toEqual(infeasible);
        expect(idsIn(series, PARETO_SERIES.others)).toEqual(trials.map((t) => t.id).filter((id) => !expected.includes(id) && !infeasible.includes(id)).sort());
        const rows = frontRows(front).map((t) => t.trialJobId);
        expect(frontRows({ ...front, trials: shuffled(front.trials, keys) }).map((t) => t.trialJobId)).toEqual(rows);
        expect([...rows].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('places only trials whose final result holds every objective, reading own keys, a plain number as `default`', () => {
    const front: ParetoFront = { objectives: [{ name: 'default', direction: 'maximize' }, { name: 'constructor', direction: 'minimize' }], constraints: [], configured: true, trials: [] };
    const points = objectivePoints(
      [
        exportedTrial('a', [['default', 1], ['constructor', 2]]),
        exportedTrial('b', [['default', 1]]),
        { trialJobId: 'c', parameter: {}, value: '0.5' },
        { trialJobId: 'd', parameter: {}, value: 'not json' },
        exportedTrial('e', [['default', 1], ['toString', 3]]),
      ],
      front,
    );
    expect(points).toEqual([{ trialJobId: 'a', values: [1, 2], feasible: true, onFront: false }]);
    expect(metricsOf('[1]')).toBeUndefined();
    expect(metricsOf('7')).toEqual({ default: 7 });
  });

  it('names the axes after the first two objectives and draws the staircase only for exactly two', () => {
    const points = [
      { trialJobId: 'a', values: [3, 2, 0], feasible: true, onFront: true },
      { trialJobId: 'b', values: [1, 5, 0], feasible: true, onFront: true },
    ];
    const option = paretoOption(points, { objectives: TWO }) as { xAxis: { name: string }; yAxis: { name: string }; series: Series[] };
    expect([option.xAxis.name, option.yAxis.name]).toEqual(['loss ↓', '__proto__ ↑']);
    const line = option.series.find((s) => s.name === PARETO_SERIES.staircase)!;
    expect(line.data).toEqual([[1, 5], [3, 2]]);
    expect(line.step).toBe('end');
    const three = [...TWO, { name: 'flops', direction: 'minimize' } as const];
    expect(seriesOf(points, three).map((s) => s.name)).not.toContain(PARETO_SERIES.staircase);
  });

  it('steps the staircase through a corner both neighbouring front trials dominate, in any directions', () => {
    const direction = fc.constantFrom<'maximize' | 'minimize'>('maximize', 'minimize');
    fc.assert(
      fc.property(direction, direction, fc.tuple(fc.integer(), fc.integer()), fc.tuple(fc.integer(), fc.integer()), (dx, dy, p, q) => {
        const better = (d: 'maximize' | 'minimize', a: number, b: number) => (d === 'maximize' ? a >= b : a <= b);
        const dominatesOrEquals = (a: readonly number[], b: readonly number[]) => better(dx, a[0]!, b[0]!) && better(dy, a[1]!, b[1]!);
        fc.pre(p[0] < q[0] && !dominatesOrEquals(p, q) && !dominatesOrEquals(q, p));
        // ECharts' `end` keeps the left point's y up to the right point's x; `start` jumps first.
        const corner = staircaseStep(dx) === 'end' ? [q[0], p[1]] : [p[0], q[1]];
        expect(dominatesOrEquals(p, corner) && dominatesOrEquals(q, corner)).toBe(true);
      }),
    );
  });

  it('puts the first objective, by name, in the metric-over-trials chart', () => {
    const columns: TrialColumns = { total: 3, sequenceId: [0, 1, 2], trialJobId: ['a', 'b', 'c'], status: ['SUCCEEDED', 'FAILED', 'SUCCEEDED'], metric: [0.9, 0.1, 0.5], parameters: {} };
    const byLoss = objectiveColumns(columns, [exportedTrial('a', [['loss', 3]]), exportedTrial('c', [['loss', 1]])], 'loss');
    expect(byLoss.metric).toEqual([3, null, 1]);
    const series = scatterOption(byLoss, 'minimize', 'loss').series as Series[];
    expect(series.map((s) => s.name)).toEqual(['loss', 'best so far (minimize)']);
    expect(series[1]!.data).toEqual([[0, 3], [2, 1]]);
    expect((scatterOption(columns, 'maximize') as { yAxis: { name: string } }).yAxis.name).toBe('metric');
  });

  it('shows a front only for several objectives the config names', () => {
    expect(showsFront({ configured: true, objectives: TWO })).toBe(true);
    expect(showsFront({ configured: true, objectives: TWO.slice(0, 1) })).toBe(false);
    expect(showsFront({ configured: false, objectives: TWO })).toBe(false);
    expect(showsFront(undefined)).toBe(false);
    expect(objectiveHeading({ name: 'acc', direction: 'maximize' })).toBe('acc ↑');
  });
});
