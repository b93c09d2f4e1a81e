/**
 * How much hypervolume a candidate is expected to add to a front when all its objectives but one are
 * known before training (FLOPs, parameters: `search()`'s `costs`) and the one left (accuracy, say) is
 * predicted as a normal distribution. With the known objectives fixed, the gain as a function of the
 * unknown value `s` is 0 up to the reference, then piecewise linear, convex and non-decreasing, its
 * kinks at the front members' values of that objective: `gain(s) = Σ c_k · max(0, s − t_k)`. Its
 * expectation under a normal distribution is then exact: `Σ c_k · (σ·φ(z_k) + (μ − t_k)·Φ(z_k))`.
 * Pareto local search tries first the neighbours with the largest expected gain, so queries go where
 * the front has gaps along the known objectives.
 */
import { hypervolume } from './hypervolume.js';
import type { Direction } from './strategy.js';

/** A candidate's gain as `Σ slopes[k] · max(0, s − kinks[k])`, in the maximized orientation of the unknown objective. */
export interface GainProfile {
  readonly kinks: readonly number[];
  readonly slopes: readonly number[];
}

/**
 * The gain profile of a candidate whose objectives are `known` (its value at index `unknown` is
 * ignored) added to `front` (points better than `reference` everywhere count; others add nothing),
 * against `reference`, under `directions`. The unknown objective's values are taken maximized (negated
 * when it is minimized), as {@link expectedGain} reads them.
 */
export function gainProfile(front: readonly (readonly number[])[], known: readonly number[], unknown: number, reference: readonly number[], directions: readonly Direction[]): GainProfile {
  const sign = directions[unknown] === 'maximize' ? 1 : -1;
  const floor = sign * reference[unknown]!;
  const kinks = [...new Set(front.map((p) => sign * p[unknown]!).filter((v) => v > floor))].sort((a, b) => a - b);
  kinks.unshift(floor);
  const base = hypervolume(front, reference, directions);
  const at = (s: number) => {
    const point = known.map((v, k) => (k === unknown ? sign * s : v));
    return hypervolume([...front, point], reference, directions) - base;
  };
  // Above every member the candidate adds the whole box between it and the reference, per unit of s.
  let box = 1;
  known.forEach((v, k) => {
    if (k !== unknown) box *= Math.max(0, directions[k] === 'maximize' ? v - reference[k]! : reference[k]! - v);
  });
  const gains = kinks.map((t, k) => (k === 0 ? 0 : at(t)));
  const slopes: number[] = [];
  let previous = 0;
  for (let k = 0; k < kinks.length; k++) {
    const slope = k + 1 < kinks.length ? Math.max(0, (gains[k + 1]! - gains[k]!) / (kinks[k + 1]! - kinks[k]!)) : box;
    slopes.push(slope - previous);
    previous = slope;
  }
  return { kinks, slopes };
}

/** The standard normal density. */
function density(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const tail = density(z) * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/**
 * The expected value of `profile`'s gain when the unknown objective (maximized orientation) is
 * normal with `mean` and standard deviation `sd` (`sd` 0: the gain at `mean`).
 */
export function expectedGain(profile: GainProfile, mean: number, sd: number): number {
  let total = 0;
  profile.kinks.forEach((t, k) => {
    const slope = profile.slopes[k]!;
    if (slope === 0) return;
    if (!(sd > 0)) {
      total += slope * Math.max(0, mean - t);
      return;
    }
    const z = (mean - t) / sd;
    total += slope * (sd * density(z) + (mean - t) * normalCdf(z));
  });
  return Math.max(0, total);
}
