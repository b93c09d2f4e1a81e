/**
 * The pieces of Pareto local search's cost-aware order: which objective the known costs leave
 * unknown, how neighbours' steps are learnt, and which candidate has the largest expected gain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedGain, gainProfile } from './expected-front-gain.js';
import { bestExpectedGain, type CostedNeighbour, knownObjectives, MIN_STEPS, NeighbourSteps, STEP_SPREAD } from './front-gain-order.js';
import type { Direction, StrategyContext } from './strategy.js';

const DIRECTIONS: Direction[] = ['maximize', 'minimize'];

function context(names: string[] | undefined, costs: Record<string, number> | undefined, violation = 0): StrategyContext {
  return { ...({} as StrategyContext), objectives: DIRECTIONS, ...(names ? { objectiveNames: names } : {}), knownCosts: () => (costs === undefined ? undefined : { metrics: costs, violation }) };
}

describe('knownObjectives', () => {
  it('finds the one objective the costs do not hold, whatever its name', () => {
    const proto = JSON.parse('{"__proto__": 3}') as Record<string, number>;
    expect(knownObjectives(context(['accuracy', '__proto__'], proto), {})).toEqual({ unknown: 0, values: [Number.NaN, 3] });
    expect(knownObjectives(context(['constructor', 'flops'], { flops: 2 }), {})).toEqual({ unknown: 0, values: [Number.NaN, 2] });
    expect(knownObjectives(context(['flops', 'accuracy'], { flops: 2, params: 1 }), {})).toEqual({ unknown: 1, values: [2, Number.NaN] });
  });

  it('is undefined when the costs hold no objective or all of them, break a constraint, cannot be known, or the names are not given', () => {
    expect(knownObjectives(context(['accuracy', 'loss'], { flops: 2 }), {})).toBeUndefined();
    expect(knownObjectives(context(['flops', 'params'], { flops: 2, params: 1 }), {})).toBeUndefined();
    expect(knownObjectives(context(['accuracy', 'flops'], { flops: 2 }, 0.5), {})).toBeUndefined();
    expect(knownObjectives(context(['accuracy', 'flops'], undefined), {})).toBeUndefined();
    expect(knownObjectives(context(undefined, { flops: 2 }), {})).toBeUndefined();
  });
});

describe('NeighbourSteps', () => {
  it('predicts a step of 0 with the spread of the values told until enough steps are told', () => {
    const steps = new NeighbourSteps();
    for (const v of [1, 3, 5]) steps.add(v);
    expect(steps.step(2).mean).toBe(0);
    expect(steps.step(2).sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    for (let i = 0; i < MIN_STEPS - 1; i++) steps.add(2, 4, 1);
    expect(steps.step(2).mean).toBe(0);
  });

  it('learns the line of the step on the lift, and a share of the spread around it', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (intercept, slope) => {
        const steps = new NeighbourSteps();
        for (let i = 0; i < 12; i++) {
          const lift = i - 5;
          const noise = i % 2 === 0 ? 0.5 : -0.5;
          steps.add(10 + intercept + slope * lift + noise, 10, lift);
        }
        const { mean, sd } = steps.step(2);
        expect(mean).toBeCloseTo(intercept + slope * 2, 1);
        expect(sd).toBeGreaterThan(0);
        expect(sd).toBeLessThanOrEqual(STEP_SPREAD * 0.5 + 1e-9);
      }),
    );
  });

  it('ignores values that are not finite', () => {
    const steps = new NeighbourSteps();
    steps.add(Number.NaN);
    steps.add(1, Number.POSITIVE_INFINITY);
    expect(steps.step(0)).toEqual({ mean: 0, sd: 0 });
  });
});

describe('bestExpectedGain', () => {
  it('picks a candidate with the largest expected gain (the first among equals), counting unknown costs as 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ flops: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), lift: fc.integer({ min: -2, max: 2 }), member: fc.integer({ min: 1, max: 9 }) }), { maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })), { maxLength: 5 }),
        (specs, front) => {
          const steps = new NeighbourSteps();
          for (let i = 0; i < 8; i++) steps.add(5 + (i % 3), 5, i % 3);
          const candidates: CostedNeighbour[] = specs.map((c, i) => ({ sample: { i }, known: c.flops === undefined ? undefined : [Number.NaN, c.flops], lift: c.lift }));
          const reference = [0, 10];
          const gain = (i: number) => {
            const c = candidates[i]!;
            if (c.known === undefined) return 0;
            const { mean, sd } = steps.step(c.lift);
            return expectedGain(gainProfile(front, c.known, 0, reference, DIRECTIONS), specs[i]!.member + mean, sd);
          };
          const best = bestExpectedGain(candidates, (i) => specs[i]!.member, steps, front, 0, reference, DIRECTIONS);
          const gains = candidates.map((_, i) => gain(i));
          const top = Math.max(...gains);
          expect(best).toEqual(candidates.length === 0 ? undefined : { index: gains.indexOf(top), gain: top });
        },
      ),
    );
  });
});
