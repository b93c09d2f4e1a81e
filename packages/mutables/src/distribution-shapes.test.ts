import { describe, expect, it } from 'vitest';
import { Numerical, type NumericalOptions } from './numerical.js';
import { RandomInteger } from './random-integer.js';
import { createRng, type Rng } from './rng.js';

/**
 * The shape of every numeric distribution, checked by a Kolmogorov–Smirnov statistic against the
 * exact CDF: N = 20,000 draws with a fixed seed. Under the right distribution the statistic is
 * about 0.87/√N ≈ 0.006 on average (1.95/√N ≈ 0.014 at the 0.1% level); the threshold 0.015 sits
 * above that, and each case also draws a plausibly wrong version (a linear draw for a logarithmic
 * distribution, a forgotten `exp`, a variance taken for a standard deviation, `floor` for rounding,
 * an inclusive upper bound) whose statistic must be at least four times the threshold.
 */
const N = 20_000;
const THRESHOLD = 0.015;

/** The standard normal CDF, from the erf approximation 7.1.26 of Abramowitz and Stegun (error < 1.5e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The exact law of a draw: `cdf(v) = P(V ≤ v)` and `cdfBelow(v) = P(V < v)` (equal for a continuous law). */
interface Law {
  readonly cdf: (v: number) => number;
  readonly cdfBelow: (v: number) => number;
}

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

/** A continuous law given by its CDF. */
const continuous = (cdf: (v: number) => number): Law => ({ cdf, cdfBelow: cdf });

/** The CDF of the unquantised distribution of a `Numerical`, from its parameters. */
function continuousCdf(o: NumericalOptions): (x: number) => number {
  if (o.mu !== undefined) {
    const sigma = o.sigma!;
    return o.log ? (x) => (x <= 0 ? 0 : phi((Math.log(x) - o.mu!) / sigma)) : (x) => phi((x - o.mu!) / sigma);
  }
  const [low, high] = [o.low!, o.high!];
  return o.log
    ? (x) => (x <= 0 ? 0 : clamp01((Math.log(x) - Math.log(low)) / (Math.log(high) - Math.log(low))))
    : (x) => clamp01((x - low) / (high - low));
}

/**
 * The law of `clip(q · round(X / q), low, high)`: rounding sends `X` to the multiple `m` of `q` with
 * `m − q/2 ≤ X < m + q/2` (the tie has probability 0), so `P(V ≤ v) = F(m + q/2)` for the largest
 * multiple `m ≤ v` inside the bounds.
 */
function quantised(o: NumericalOptions): Law {
  const F = continuousCdf(o);
  const q = o.quantize!;
  const low = o.low ?? -Infinity;
  const high = o.high ?? Infinity;
  // The multiple index at or below v (v itself when v is a multiple, whatever the rounding of v / q).
  const stepAtOrBelow = (v: number) => {
    const k = Math.round(v / q);
    return Math.abs(v / q - k) < 1e-9 ? k : Math.floor(v / q);
  };
  return {
    cdf: (v) => (v < low ? 0 : v >= high ? 1 : F(stepAtOrBelow(v) * q + q / 2)),
    cdfBelow: (v) => {
      if (v <= low) return 0;
      if (v > high) return 1;
      const k = stepAtOrBelow(v);
      const below = Math.abs(v / q - k) < 1e-9 ? k - 1 : k; // the largest multiple strictly below v
      return F(below * q + q / 2);
    },
  };
}

/** The Kolmogorov–Smirnov distance between the empirical law of `values` and `law`: the sup over the line. */
function ksStatistic(values: readonly number[], law: Law): number {
  const sorted = [...values].sort((a, b) => a - b);
  let d = 0;
  let i = 0;
  while (i < sorted.length) {
    const v = sorted[i]!;
    let j = i;
    while (j < sorted.length && sorted[j] === v) j++;
    // Just below v the empirical CDF is i/N, at v it is j/N; the exact CDF is monotone in between.
    d = Math.max(d, Math.abs(i / sorted.length - law.cdfBelow(v)), Math.abs(j / sorted.length - law.cdf(v)));
    i = j;
  }
  return d;
}

interface Case {
  readonly name: string;
  /** The decision under test, drawn through `random()` as a search draws it. */
  readonly decision: Numerical | RandomInteger;
  readonly law: Law;
  /** A plausible wrong implementation of the same draw. */
  readonly wrong: (rng: Rng) => number;
}

/** A `Numerical` case: the decision, its exact law, and a wrong draw passed through the same rounding and clipping. */
function numerical(name: string, options: NumericalOptions, wrongDraw: (rng: Rng) => number): Case {
  const decision = new Numerical({ ...options, label: name });
  return {
    name,
    decision,
    law: options.quantize === undefined ? continuous(continuousCdf(options)) : quantised(options),
    wrong: (rng) => decision.qclip(wrongDraw(rng)),
  };
}

const linear = (low: number, high: number) => (rng: Rng) => low + (high - low) * rng.next();
const gaussian = (mu: number, sd: number) => (rng: Rng) => mu + sd * rng.normal();

const CASES: Case[] = [
  // Wrong: the mean of two uniforms (a triangle).
  numerical('uniform', { low: -2, high: 3 }, (rng) => -2 + 2.5 * (rng.next() + rng.next())),
  // Wrong: drawn linearly instead of in log space.
  numerical('loguniform', { low: 1e-5, high: 1e-1, log: true }, linear(1e-5, 1e-1)),
  // Wrong: sigma read as a variance of 4 (sd 4 instead of 2).
  numerical('normal', { mu: 1, sigma: 2 }, gaussian(1, 4)),
  // Wrong: the exp forgotten.
  numerical('lognormal', { mu: 0, sigma: 1, log: true }, gaussian(0, 1)),
  // Wrong: floor instead of round (every value one step down).
  numerical('quniform', { low: 0, high: 10, quantize: 2.5 }, (rng) => 2.5 * Math.floor((10 * rng.next()) / 2.5)),
  numerical('qloguniform', { low: 1, high: 1000, log: true, quantize: 7 }, linear(1, 1000)),
  numerical('qnormal', { mu: 0, sigma: 3, quantize: 0.5 }, gaussian(0, 6)),
  numerical('qlognormal', { mu: 1, sigma: 1, log: true, quantize: 2 }, gaussian(1, 1)),
  {
    name: 'randint',
    decision: new RandomInteger(-3, 7, { label: 'randint' }),
    law: { cdf: (v) => clamp01((Math.floor(v) + 3 + 1) / 10), cdfBelow: (v) => clamp01((Math.ceil(v) + 3) / 10) },
    // Wrong: the upper bound included, as Python's random.randint would.
    wrong: (rng) => -3 + Math.floor(11 * rng.next()),
  },
];

describe('numeric distributions have the right shape (Kolmogorov–Smirnov, N = 20,000, fixed seed)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (name, { decision, law, wrong }) => {
    const rng = createRng(`shape:${name}`);
    const values = Array.from({ length: N }, () => decision.random(rng)[name] as number);
    const d = ksStatistic(values, law);
    const wrongRng = createRng(`wrong:${name}`);
    const dWrong = ksStatistic(Array.from({ length: N }, () => wrong(wrongRng)), law);
    console.log(`${name}: KS statistic ${d.toFixed(4)} (threshold ${THRESHOLD}); a wrong draw gives ${dWrong.toFixed(4)}`);
    expect(d).toBeLessThan(THRESHOLD);
    // The test has the power to tell: the wrong distribution fails by a wide margin.
    expect(dWrong).toBeGreaterThan(4 * THRESHOLD);
  });

  it('the statistic itself: 0 for a sample at the exact quantiles, the largest gap otherwise', () => {
    const law = continuous((x) => clamp01(x));
    // Points at (i − 0.5)/n: the empirical CDF is within 0.5/n of the line everywhere.
    const n = 1000;
    expect(ksStatistic(Array.from({ length: n }, (_, i) => (i + 0.5) / n), law)).toBeCloseTo(0.5 / n, 12);
    // All mass at 0.5: the gap is 0.5 on either side of it.
    expect(ksStatistic([0.5, 0.5, 0.5], law)).toBeCloseTo(0.5, 12);
    // A discrete law met exactly.
    const coin: Law = { cdf: (v) => (v < 0 ? 0 : v < 1 ? 0.5 : 1), cdfBelow: (v) => (v <= 0 ? 0 : v <= 1 ? 0.5 : 1) };
    expect(ksStatistic([0, 1, 0, 1], coin)).toBe(0);
    expect(ksStatistic([0, 0, 0, 1], coin)).toBeCloseTo(0.25, 12);
    // The normal CDF matches known values.
    expect(phi(0)).toBeCloseTo(0.5, 7);
    expect(phi(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(phi(-1)).toBeCloseTo(0.15865525393145707, 6);
  });
});
