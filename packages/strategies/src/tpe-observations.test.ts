import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Outcome } from './strategy.js';
import type { ConstantLiar } from './tpe.js';
import { ToldOutcomes } from './tpe-observations.js';
import { Scratch } from './tpe-parzen.js';

/** A trial's outcome for the tests; `undefined` is a running trial. */
type Told = Outcome | undefined;

const arbOutcome: fc.Arbitrary<Told> = fc.oneof(
  fc.constant(undefined),
  fc.record({ status: fc.constant('succeeded' as const), value: fc.double({ min: -10, max: 10, noNaN: true }) }),
  fc.record({ status: fc.constant('succeeded' as const), value: fc.double({ min: -10, max: 10, noNaN: true }), violation: fc.double({ min: 0.01, max: 5, noNaN: true }) }),
  fc.constant<Told>({ status: 'succeeded', value: Number.NaN }),
  fc.constant<Told>({ status: 'failed' }),
  fc.constant<Told>({ status: 'stopped', value: 1, intermediates: [1] }),
);

/**
 * What the model should learn from `outcomes` (scores larger-is-better, `score = value`), worked out
 * the plain way: successes ranked with infeasible ones below every feasible one, running trials
 * given the liar's score, all in id order.
 */
function expected(outcomes: readonly Told[], liar: ConstantLiar): [number, number][] | undefined {
  const successes = outcomes.flatMap((o, id) => (o?.status === 'succeeded' && !Number.isNaN(o.value) ? [{ id, o }] : []));
  if (successes.length === 0) return undefined;
  const feasible = successes.filter(({ o }) => !(o.violation! > 0)).map(({ o }) => o.value);
  const floor = feasible.length > 0 ? Math.min(...feasible) : 0;
  const scored = successes.map(({ id, o }): [number, number] => [id, o.violation! > 0 ? floor - 1 - o.violation! : o.value]);
  const values = scored.map(([, s]) => s);
  const lie = liar === 'best' ? Math.max(...values) : liar === 'worst' ? Math.min(...values) : values.reduce((a, b) => a + b, 0) / values.length;
  const running = liar === 'none' ? [] : outcomes.flatMap((o, id): [number, number][] => (o === undefined ? [[id, lie]] : []));
  return [...scored, ...running].sort((a, b) => a[0] - b[0]);
}

function actual(outcomes: readonly Told[], liar: ConstantLiar): [number, number][] | undefined {
  const told = new ToldOutcomes();
  outcomes.forEach((o, id) => {
    if (o !== undefined) told.record(id, o, o.status === 'succeeded' ? o.value : Number.NaN);
  });
  const list = told.observations(new Scratch(), outcomes.length, liar);
  if (list === undefined) return undefined;
  return Array.from({ length: list.count }, (_, k): [number, number] => [list.ids[k]!, list.scores[k]!]);
}

describe('ToldOutcomes', () => {
  it('lists successes and (under a liar) running trials in id order, infeasible ones below every feasible one', () => {
    fc.assert(
      fc.property(fc.array(arbOutcome, { maxLength: 40 }), fc.constantFrom<ConstantLiar>('best', 'worst', 'mean', 'none'), (outcomes, liar) => {
        const got = actual(outcomes, liar);
        const want = expected(outcomes, liar);
        if (want === undefined) expect(got).toBeUndefined();
        else {
          expect(got?.map(([id]) => id)).toEqual(want.map(([id]) => id));
          got!.forEach(([, score], k) => expect(score).toBeCloseTo(want[k]![1], 9));
        }
      }),
    );
  });

  it('counts trials never told as running, whatever order outcomes arrive in', () => {
    const told = new ToldOutcomes();
    told.record(3, { status: 'succeeded', value: 2 }, 2);
    told.record(1, { status: 'failed' }, Number.NaN);
    const list = told.observations(new Scratch(), 5, 'worst')!;
    // Trials 0, 2 and 4 are running: they take the worst (and only) score, 2; trial 1 is left out.
    expect(Array.from(list.ids.subarray(0, list.count))).toEqual([0, 2, 3, 4]);
    expect(Array.from(list.scores.subarray(0, list.count))).toEqual([2, 2, 2, 2]);
  });

  it('ranks an infeasible success by its violation when no trial is feasible', () => {
    const told = new ToldOutcomes();
    told.record(0, { status: 'succeeded', value: 9, violation: 2 }, 9);
    told.record(1, { status: 'succeeded', value: 1, violation: 0.5 }, 1);
    const list = told.observations(new Scratch(), 2, 'none')!;
    expect(Array.from(list.scores.subarray(0, list.count))).toEqual([-3, -1.5]);
  });
});
