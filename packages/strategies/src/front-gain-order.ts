/**
 * The cost-aware order of Pareto local search (`costOrder`): when the search's known costs hold every
 * objective but one, each untried neighbour of the archive member explored is scored by the
 * hypervolume it is expected to add to the archive ({@link expectedGain}): its known objectives are exact, and the
 * unknown one is predicted as the member's value plus a normal step whose mean and spread are learnt
 * from the neighbours told so far (how far a neighbour's value lies from its member's).
 */
import type { Sample } from '@archspace/mutables';
import { expectedGain, type GainProfile, gainProfile } from './expected-front-gain.js';
import type { Direction, StrategyContext } from './strategy.js';

/**
 * The predicted step's spread as a share of the told steps' spread around the line. Steps are heavy
 * tailed (one move can break a network), so their whole spread overrates a neighbour's upside: on
 * NAS-Bench-201 (100 tuning seeds, 100 queries) shares 0, 0.03, 0.1, 0.2 and 0.3 scored 0.9947,
 * 0.9948, 0.9950, 0.9949 and 0.9949, and on 40 seeds 1 scored 0.9946 to 0.1's 0.9951
 * (`bench/quality-pareto-cost-aware.ts`).
 */
export const STEP_SPREAD = 0.1;

/** Steps (neighbour minus member) told before their own mean and spread replace the prior. */
export const MIN_STEPS = 5;

/**
 * Which objective the known costs leave unknown, and the objectives' values a sample's costs give
 * (the unknown one as NaN): `undefined` when the costs cannot be known at once or do not hold exactly
 * one objective fewer than the search has.
 */
export function knownObjectives(context: StrategyContext, sample: Sample): { readonly unknown: number; readonly values: readonly number[] } | undefined {
  const names = context.objectiveNames;
  const costs = names === undefined ? undefined : context.knownCosts?.(sample);
  if (names === undefined || costs === undefined || costs.violation > 0) return undefined;
  let unknown = -1;
  const values = names.map((name, k) => {
    if (Object.hasOwn(costs.metrics, name)) return costs.metrics[name]!;
    unknown = unknown === -1 ? k : -2;
    return Number.NaN;
  });
  return unknown >= 0 ? { unknown, values } : undefined;
}

/**
 * How far a neighbour's unknown objective (maximized) lies from its member's, learnt from the
 * neighbours told: a least-squares line of the step on how much better the costs predict the
 * neighbour than its member (`lift`, from a {@link CostScoreFit}), and the spread around it.
 */
export class NeighbourSteps {
  #n = 0;
  #x = 0;
  #xx = 0;
  #y = 0;
  #yy = 0;
  #xy = 0;
  #values = 0;
  #valueSum = 0;
  #valueSquares = 0;

  /** Records a told trial's unknown objective (maximized), and its member's and the lift when it was a neighbour. */
  add(value: number, member?: number, lift = 0): void {
    if (!Number.isFinite(value)) return;
    this.#values++;
    this.#valueSum += value;
    this.#valueSquares += value * value;
    if (member === undefined || !Number.isFinite(member) || !Number.isFinite(lift)) return;
    const step = value - member;
    this.#n++;
    this.#x += lift;
    this.#xx += lift * lift;
    this.#y += step;
    this.#yy += step * step;
    this.#xy += lift * step;
  }

  /**
   * The predicted step of a neighbour with `lift` and its spread: from the line once {@link MIN_STEPS}
   * steps were told, before that a mean of 0 and the spread of the values told.
   */
  step(lift: number): { readonly mean: number; readonly sd: number } {
    if (this.#n >= MIN_STEPS) {
      const n = this.#n;
      const xMean = this.#x / n;
      const yMean = this.#y / n;
      const xVariance = this.#xx / n - xMean * xMean;
      const slope = xVariance > 1e-12 ? (this.#xy / n - xMean * yMean) / xVariance : 0;
      const residual = this.#yy / n - yMean * yMean - slope * (this.#xy / n - xMean * yMean);
      return { mean: yMean + slope * (lift - xMean), sd: STEP_SPREAD * Math.sqrt(Math.max(0, residual)) };
    }
    const mean = this.#values > 0 ? this.#valueSum / this.#values : 0;
    return { mean: 0, sd: this.#values > 1 ? Math.sqrt(Math.max(0, this.#valueSquares / this.#values - mean * mean)) : 0 };
  }
}

/** An untried neighbour and what its costs tell of its objectives. */
export interface CostedNeighbour {
  readonly sample: Sample;
  /** Its objectives' values with the unknown one NaN, or `undefined` when its costs cannot be known. */
  readonly known: readonly number[] | undefined;
  /** How much better its costs predict it than its member (0 when they cannot tell). */
  readonly lift: number;
}

/**
 * The index in `candidates` of the one with the largest expected gain over `front` (the first among
 * equals; candidates whose costs cannot be known count 0) and that gain, each predicted from
 * `memberValue(i)`, its member's unknown objective (maximized), plus `steps`. `undefined` for no candidates.
 */
export function bestExpectedGain(
  candidates: readonly CostedNeighbour[],
  memberValue: (index: number) => number,
  steps: Pick<NeighbourSteps, 'step'>,
  front: readonly (readonly number[])[],
  unknown: number,
  reference: readonly number[],
  directions: readonly Direction[],
): { readonly index: number; readonly gain: number } | undefined {
  const profiles = new Map<string, GainProfile>();
  let best: { index: number; gain: number } | undefined;
  candidates.forEach((candidate, index) => {
    let gain = 0;
    if (candidate.known !== undefined) {
      const key = candidate.known.join(',');
      let profile = profiles.get(key);
      if (profile === undefined) profiles.set(key, (profile = gainProfile(front, candidate.known, unknown, reference, directions)));
      const { mean, sd } = steps.step(candidate.lift);
      gain = expectedGain(profile, memberValue(index) + mean, sd);
    }
    if (best === undefined || gain > best.gain) best = { index, gain };
  });
  return best;
}
