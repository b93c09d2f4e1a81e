/**
 * Guards for how `dimensionOf` (`tpe-dimension.ts`) models integer ranges and numericals: an
 * ordered domain of at most `ordinalLimit` values is modelled value by value (candidates drawn by
 * inverse CDF from the values' bucket masses), with buckets halfway between neighbouring values
 * and the range's ends outside; a larger domain is drawn from the continuous estimator, rounded
 * and clipped; a quantised range whose multiples collide or that lists values its decision rejects
 * is not modelled value by value; and a numerical without a finite prior is left to random draws.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Decision, Numerical, RandomInteger, type Rng } from '@archspace/mutables';
import { type Candidate, type CandidateSettings, dimensionOf, type Observations } from './tpe-dimension.js';
import { buildParzen, mass, type Prior, Scratch } from './tpe-parzen.js';

const none: Observations = { x: [], w: [] };

const observations = (x: readonly number[]): Observations => ({ x, w: x.map(() => 1) });

const settings = (candidates: number): CandidateSettings => ({ candidates, priorWeight: 1, scratch: new Scratch() });

/**
 * A stand-in generator with scripted draws: `next()` returns `uniforms` in turn (cycling), `normal()`
 * returns `normals` in turn (cycling); `int` and `uniform` are built on `next()` as the real ones are.
 */
function scriptedRng(uniforms: readonly number[], normals: readonly number[] = [0]): Rng {
  let u = 0;
  let z = 0;
  const next = (): number => uniforms[u++ % uniforms.length]!;
  const stub = {
    next,
    normal: () => normals[z++ % normals.length]!,
    int: (n: number) => Math.floor(next() * n),
    uniform: (low: number, high: number) => low + (high - low) * next(),
  };
  return stub as unknown as Rng;
}

/** `n` uniform numbers spread evenly over (0, 1). */
const spread = (n: number): number[] => Array.from({ length: n }, (_, j) => (j + 0.5) / n);

const sortedValues = (candidates: readonly Candidate[]): unknown[] => candidates.map((c) => c.value).sort((a, b) => (a as number) - (b as number));

/**
 * The score an exact value-by-value model gives the value whose bucket is `[a, b]`: the log-ratio of
 * the good and bad estimators' masses there, each normalised over the modelled range `[lo, hi]`.
 */
function expectedScore(prior: Prior, lo: number, hi: number, good: Observations, bad: Observations, a: number, b: number): number {
  const scratch = new Scratch();
  const l = buildParzen(scratch, good.x, good.w, prior, 1, lo, hi);
  const g = buildParzen(scratch, bad.x, bad.w, prior, 1, lo, hi);
  return Math.log(mass(l, a, b) / mass(l, lo, hi)) - Math.log(mass(g, a, b) / mass(g, lo, hi));
}

/** Checks every candidate's score against `score(value)` (to 1e-6: the masses are evaluated by different routes). */
function expectBucketScores(candidates: readonly Candidate[], score: (value: number) => number): void {
  for (const { value, score: actual } of candidates) expect(actual, `score of ${String(value)}`).toBeCloseTo(score(value as number), 6);
}

describe('dimensionOf: integer ranges', () => {
  // [3, 11): eight values, modelled on [2.5, 10.5] with the prior centred at 6.5, as wide as the range.
  const eight = new RandomInteger(3, 11, { label: 'n' });
  const integerPrior: Prior = { mu: 6.5, sigma: 8 };

  it('models a range of exactly ordinalLimit integers value by value: evenly spread uniform numbers propose every value once', () => {
    const dim = dimensionOf(eight, 8);
    const candidates = dim.candidates(none, none, scriptedRng(spread(400)), settings(400));
    expect(sortedValues(candidates)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('draws the lowest integer for a uniform number of 0 and the highest for one just below 1', () => {
    const dim = dimensionOf(eight, 8);
    expect(dim.candidates(none, none, scriptedRng([0]), settings(1)).map((c) => c.value)).toEqual([3]);
    expect(dim.candidates(none, none, scriptedRng([1 - 1e-12]), settings(1)).map((c) => c.value)).toEqual([10]);
  });

  it('scores each integer by the good and bad masses of its rounding bucket [v − 0.5, v + 0.5]', () => {
    const dim = dimensionOf(eight, 8);
    const good = observations([3, 4, 4]);
    const bad = observations([8, 9, 10, 10]);
    const candidates = dim.candidates(good, bad, scriptedRng(spread(400)), settings(400));
    expect(candidates).toHaveLength(8);
    expectBucketScores(candidates, (v) => expectedScore(integerPrior, 2.5, 10.5, good, bad, v - 0.5, v + 0.5));
    // Values near the good trials rank first.
    expect(candidates[0]!.value).toBe(3);
    expect(candidates[7]!.value).toBe(10);
  });

  it('draws a range one integer larger than the limit from the continuous estimator, rounding and clipping to [low, high − 1]', () => {
    // [0, 4) with a limit of 3: modelled on [-0.5, 3.5]; with no observations the estimator is the
    // prior alone (centre 1.5, sd 4), so a standard normal draw z lands at 1.5 + 4z.
    const four = new RandomInteger(0, 4, { label: 'k' });
    const dim = dimensionOf(four, 3);
    const draw = (z: number) => dim.candidates(none, none, scriptedRng([0.5], [z]), settings(1)).map((c) => c.value);
    // The top of the modelled range, 3.5, rounds up to 4 and is clipped to the largest integer, 3.
    expect(draw(0.5)).toEqual([3]);
    expect(draw(0.25)).toEqual([3]);
    expect(draw(0)).toEqual([2]);
    expect(draw(-0.5)).toEqual([0]);
  });
});

describe('dimensionOf: bounded quantised numericals', () => {
  // Multiples of 0.5 in [1, 3]: five values, buckets split halfway between them.
  const halves = new Numerical({ low: 1, high: 3, quantize: 0.5, label: 'h' });
  const halvesPrior: Prior = { mu: 2, sigma: 2 };
  // Multiples of 10 in [1, 100], log-uniform: 1 (the bound), 10, 20, ..., 100.
  const tens = new Numerical({ low: 1, high: 100, log: true, quantize: 10, label: 't' });
  const tensValues = [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  const tensPrior: Prior = { mu: Math.log(100) / 2, sigma: Math.log(100) };

  it('models a range of exactly ordinalLimit multiples value by value: evenly spread uniform numbers propose every multiple once', () => {
    expect(sortedValues(dimensionOf(halves, 5).candidates(none, none, scriptedRng(spread(400)), settings(400)))).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(sortedValues(dimensionOf(tens, 11).candidates(none, none, scriptedRng(spread(1000)), settings(1000)))).toEqual(tensValues);
  });

  it('draws the lowest multiple for a uniform number of 0 and the highest for one just below 1', () => {
    const dim = dimensionOf(halves, 5);
    expect(dim.candidates(none, none, scriptedRng([0]), settings(1)).map((c) => c.value)).toEqual([1]);
    expect(dim.candidates(none, none, scriptedRng([1 - 1e-12]), settings(1)).map((c) => c.value)).toEqual([3]);
  });

  it('draws a range with one multiple more than the limit from the continuous estimator', () => {
    // The prior alone, centred at 2: a normal draw of 0 gives 2 whatever uniform numbers come.
    const candidates = dimensionOf(halves, 4).candidates(none, none, scriptedRng(spread(400), [0]), settings(400));
    expect(candidates.map((c) => c.value)).toEqual([2]);
  });

  it('scores each multiple by the masses of the interval that rounds to it: halfway to its neighbours, the range ends outside', () => {
    const good = observations([1, 1.5, 1.5]);
    const bad = observations([2.5, 3, 3]);
    const candidates = dimensionOf(halves, 5).candidates(good, bad, scriptedRng(spread(400)), settings(400));
    expect(candidates).toHaveLength(5);
    const bucket = (v: number): [number, number] => [Math.max(1, v - 0.25), Math.min(3, v + 0.25)];
    expectBucketScores(candidates, (v) => expectedScore(halvesPrior, 1, 3, good, bad, ...bucket(v)));
    expect(candidates.map((c) => c.value)).toEqual([1, 1.5, 2, 2.5, 3]);
  });

  it('scores each multiple of a log range by the masses of its rounding interval in log space', () => {
    const good = observations([0, Math.log(10), Math.log(20)]);
    const bad = observations([Math.log(80), Math.log(90), Math.log(100)]);
    const candidates = dimensionOf(tens, 11).candidates(good, bad, scriptedRng(spread(1000)), settings(1000));
    expect(candidates).toHaveLength(11);
    // 1 takes [1, 5); k·10 takes [(k − 0.5)·10, (k + 0.5)·10), and 100 stops at the bound.
    const bucket = (v: number): [number, number] => (v === 1 ? [0, Math.log(5)] : [Math.log(v - 5), Math.log(Math.min(100, v + 5))]);
    expectBucketScores(candidates, (v) => expectedScore(tensPrior, 0, Math.log(100), good, bad, ...bucket(v)));
  });

  it('proposes every member, once each, of a range whose multiples of the step collide in floating point (1e16 to 1e16 + 8 in steps of 1)', () => {
    // Doubles near 1e16 are 2 apart, so the nine multiples 1e16 + i are only five distinct numbers.
    const huge = new Numerical({ low: 1e16, high: 1e16 + 8, quantize: 1, label: 'huge' });
    const candidates = dimensionOf(huge, 48).candidates(none, none, createRng(11), settings(200));
    expect(sortedValues(candidates)).toEqual([1e16, 1e16 + 2, 1e16 + 4, 1e16 + 6, 1e16 + 8]);
  });

  it('never proposes a multiple its decision rejects, even when the domain lists it', () => {
    /** Multiples of 1 in [0, 4], except 2. */
    class NoTwo extends Numerical {
      override problemWith(value: unknown): string | undefined {
        return value === 2 ? 'anything but 2' : super.problemWith(value);
      }

      override drawValue(rng: Rng): number {
        for (;;) {
          const value = super.drawValue(rng);
          if (value !== 2) return value;
        }
      }
    }
    const decision: Decision = new NoTwo({ low: 0, high: 4, quantize: 1, label: 'no2' });
    const candidates = dimensionOf(decision, 48).candidates(none, none, createRng(5), settings(200));
    const values = candidates.map((c) => c.value);
    expect(values).not.toContain(2);
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(decision.problemWith(v)).toBeUndefined();
  });
});

describe('dimensionOf: numericals without a finite prior', () => {
  it('leaves a range wider than the largest double to random draws: nothing encoded, one valid candidate scored 0', () => {
    // The uniform prior's width, 2e308, overflows to Infinity.
    const wide = new Numerical({ low: -1e308, high: 1e308, label: 'wide' });
    const dim = dimensionOf(wide, 48);
    expect(dim.encode(0)).toBeNaN();
    const candidates = dim.candidates(observations([0]), observations([1]), createRng(3), settings(24));
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.score).toBe(0);
    expect(wide.problemWith(candidates[0]!.value)).toBeUndefined();
  });
});
