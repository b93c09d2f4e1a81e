/**
 * Guards for TPE's per-decision models (`tpe-dimension.ts`) that the main tests leave open: how each
 * model encodes values, how many and which candidates it returns, how undefined scores are ordered,
 * the fallback for values a decision refuses, half-to-even rounding of foreign quantised decisions,
 * and the normalisation of the ordinal model's probabilities (including its uniform fallback).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, CategoricalMultiple, type Decision, type Domain, Numerical, type Rng, createRng } from '@archspace/mutables';
import { type Candidate, type CandidateSettings, dimensionOf, type Observations } from './tpe-dimension.js';
import { Scratch } from './tpe-parzen.js';

type NumericalDomain = Extract<Domain, { kind: 'numerical' }>;

const settings = (candidates: number, priorWeight = 1): CandidateSettings => ({ candidates, priorWeight, scratch: new Scratch() });

const observed = (x: readonly number[], w: readonly number[] = x.map(() => 1)): Observations => ({ x: Float64Array.from(x), w: Float64Array.from(w) });

const none = observed([]);

/** An rng whose draws from the standard normal are always 0, so a mixture draw lands on its component's centre. */
function centredRng(): Rng {
  const rng = createRng(1);
  rng.normal = () => 0;
  return rng;
}

/**
 * A numerical decision that is not a `Numerical` (as another package might define one): TPE rounds
 * and clips its values itself.
 */
function foreignNumerical(domain: Omit<NumericalDomain, 'kind'>, behaviour: { problemWith?: (value: number) => string | undefined; drawValue?: (rng: Rng) => number } = {}): Decision<number> {
  const { problemWith = () => undefined, drawValue = (rng: Rng) => rng.uniform(domain.low, domain.high) } = behaviour;
  return {
    label: 'foreign',
    domain: { kind: 'numerical', ...domain },
    valueCount: Infinity,
    problemWith: (value: unknown) => (typeof value === 'number' ? problemWith(value) : 'a number'),
    drawValue,
    defaultValue: () => domain.low,
    gridValues: () => [domain.low],
    children: () => [],
    sameDecision: () => false,
    describe: () => 'Foreign()',
    origin: 'test',
  } as unknown as Decision<number>;
}

const scoresByValue = (candidates: readonly Candidate[]) => new Map(candidates.map((c) => [c.value, c.score]));

describe('categorical encoding', () => {
  it('encodes primitive values (including null) by their index and unknown values as NaN', () => {
    const dim = dimensionOf(new Categorical(['a', 'b', null, 3]), 16);
    expect(dim.encode('a')).toBe(0);
    expect(dim.encode('b')).toBe(1);
    expect(dim.encode(null)).toBe(2);
    expect(dim.encode(3)).toBe(3);
    expect(dim.encode('z')).toBeNaN();
  });

  it('encodes object values by content, so an equal copy in any key order finds the same index', () => {
    const dim = dimensionOf(new Categorical([{ a: 1 }, { a: 2, b: [1] }, [1, 2]]), 16);
    expect(dim.encode({ a: 1 })).toBe(0);
    expect(dim.encode({ b: [1], a: 2 })).toBe(1);
    expect(dim.encode([1, 2])).toBe(2);
    expect(dim.encode({ a: 3 })).toBeNaN();
    expect(dim.encode([2, 1])).toBeNaN();
  });
});

describe('numeric encoding', () => {
  const decision = new Numerical({ low: 0, high: 10, quantize: 1 });

  it('encodes numbers and gives NaN for anything else, whether modelled ordinally or continuously', () => {
    for (const limit of [100, 0]) {
      const dim = dimensionOf(decision, limit);
      expect(dim.encode(3)).toBe(3);
      expect(dim.encode(0)).toBe(0);
      expect(dim.encode('3')).toBeNaN();
      expect(dim.encode(null)).toBeNaN();
    }
  });
});

describe('subsets too large to model', () => {
  const decision = new CategoricalMultiple(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);

  it('encode nothing (NaN) and propose one random allowed subset with a neutral score', () => {
    expect(decision.valueCount).toBeGreaterThan(1024);
    const dim = dimensionOf(decision, 16);
    expect(dim.encode(['a'])).toBeNaN();
    const candidates = dim.candidates(none, none, createRng(3), settings(5));
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.score).toBe(0);
    expect(decision.problemWith(candidates[0]!.value)).toBeUndefined();
  });
});

describe('how many candidates', () => {
  it('draws no more than the requested number of candidates from a categorical model', () => {
    const values = Array.from({ length: 20 }, (_, i) => `v${i}`);
    const dim = dimensionOf(new Categorical(values), 16);
    for (let seed = 0; seed < 5; seed++) {
      expect(dim.candidates(none, none, createRng(seed), settings(1))).toHaveLength(1);
      expect(dim.candidates(none, none, createRng(seed), settings(3)).length).toBeLessThanOrEqual(3);
    }
  });

  it('draws no more than the requested number of candidates from a continuous model', () => {
    const dim = dimensionOf(new Numerical({ low: 0, high: 1 }), 16);
    for (let seed = 0; seed < 5; seed++) {
      expect(dim.candidates(none, none, createRng(seed), settings(1))).toHaveLength(1);
      expect(dim.candidates(none, none, createRng(seed), settings(3))).toHaveLength(3);
    }
  });

  it('returns distinct values when a quantised number is modelled continuously', () => {
    const dim = dimensionOf(new Numerical({ low: 0, high: 4, quantize: 1 }), 0);
    const values = dim.candidates(observed([2]), observed([3]), createRng(5), settings(60)).map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values.length).toBeGreaterThan(1);
  });
});

describe('categorical draws', () => {
  it('never proposes a value of weight 0, even when the generator returns exactly 0', () => {
    const dim = dimensionOf(new Categorical(['never', 'always'], { weights: [0, 1] }), 16);
    const rng = createRng(1);
    rng.next = () => 0;
    expect(dim.candidates(none, none, rng, settings(5)).map((c) => c.value)).toEqual(['always']);
  });
});

describe('continuous candidates', () => {
  it('are drawn from the good estimator, not from the decision', () => {
    const decision = new Numerical({ low: 0, high: 100 });
    const good = observed(Array.from({ length: 20 }, (_, i) => 49 + i * 0.1));
    const bad = observed([5, 25, 75, 95]);
    const values = dimensionOf(decision, 16)
      .candidates(good, bad, createRng(11), settings(24))
      .map((c) => c.value as number);
    const near = values.filter((v) => Math.abs(v - 50) < 15).length;
    expect(near).toBeGreaterThanOrEqual(0.75 * values.length);
  });

  it('replace values the decision refuses by its own draws, and put candidates with an undefined score last', () => {
    // l = g = N(10, 1): values near 10 score exactly 0; odd ones are refused and replaced by far
    // even draws, where both estimators have no mass, so their score is NaN.
    const decision = foreignNumerical(
      { low: 0, high: 100, mu: 10, sigma: 1, log: false, quantize: 1 },
      { problemWith: (v) => (v % 2 === 0 ? undefined : 'an even number'), drawValue: (rng) => 60 + 2 * rng.int(15) },
    );
    const candidates = dimensionOf(decision, 0).candidates(none, none, createRng(2), settings(40));
    for (const c of candidates) expect(decision.problemWith(c.value)).toBeUndefined();
    const scored = candidates.filter((c) => !Number.isNaN(c.score));
    const unscored = candidates.filter((c) => Number.isNaN(c.score));
    expect(scored.length).toBeGreaterThan(0);
    expect(unscored.length).toBeGreaterThan(0);
    for (const c of scored) expect(Math.abs((c.value as number) - 10)).toBeLessThan(10);
    expect(candidates.slice(0, scored.length)).toEqual(scored);
  });
});

describe('quantisation of numerical decisions TPE rounds itself', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3, 3],
    [3.5, 4],
    [4.5, 4],
  ])('rounds a draw of %d to the step half to even (%d)', (centre, expected) => {
    const decision = foreignNumerical({ low: 0, high: 10, mu: centre, sigma: 1, log: false, quantize: 1 });
    const candidates = dimensionOf(decision, 0).candidates(none, none, centredRng(), settings(3));
    expect(candidates.map((c) => c.value)).toEqual([expected]);
  });
});

describe('quantised scores', () => {
  it('score each value by the mass of its rounding bucket, whether the number is modelled ordinally or continuously', () => {
    const decision = new Numerical({ low: 0, high: 20, quantize: 1 });
    const good = observed([3, 4, 4, 5]);
    const bad = observed([10, 12, 15, 17]);
    const ordinal = scoresByValue(dimensionOf(decision, 100).candidates(good, bad, createRng(4), settings(300)));
    const continuous = scoresByValue(dimensionOf(decision, 0).candidates(good, bad, createRng(4), settings(300)));
    let common = 0;
    for (const [value, score] of continuous) {
      const other = ordinal.get(value);
      if (other === undefined) continue;
      common++;
      expect(Math.abs(score - other)).toBeLessThan(1e-9);
    }
    expect(common).toBeGreaterThanOrEqual(10);
  });
});

describe('ordinal probabilities', () => {
  it('rank values the good trials favour first and those the bad trials favour last', () => {
    const dim = dimensionOf(new Numerical({ low: 0, high: 10, quantize: 1 }), 100);
    const candidates = dim.candidates(observed([2, 2, 2]), observed([8, 8, 8]), createRng(6), settings(400));
    const scores = scoresByValue(candidates);
    expect(scores.get(2)).toBeGreaterThan(0);
    expect(scores.get(8)).toBeLessThan(0);
    expect(candidates[0]!.value).toBeLessThan(5);
    expect(candidates.at(-1)!.value).toBeGreaterThan(5);
  });

  // A normal centred far outside the range: the prior's component has no mass in it.
  const farPrior = new Numerical({ low: 0, high: 10, mu: 1000, sigma: 1, quantize: 1 });

  it('are normalised over the values, so weight lying outside the range does not shift the scores', () => {
    const dim = dimensionOf(farPrior, 100);
    // Same shape in range, but half of l's weight and a quarter of g's lie with the prior outside it.
    const candidates = dim.candidates(observed([5], [1]), observed([5], [3]), createRng(7), settings(50));
    expect(candidates.length).toBeGreaterThan(3);
    for (const c of candidates) expect(c.score).toBeCloseTo(0, 12);
  });

  it('fall back to uniform when the good estimator has no mass in the range', () => {
    const dim = dimensionOf(farPrior, 100);
    const candidates = dim.candidates(none, observed([5]), createRng(8), settings(400));
    expect(candidates.map((c) => c.value as number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // With l uniform (1/11 each), exp(-score) = pmfG / (1/11), and pmfG sums to 1 over the 11 values.
    const sum = candidates.reduce((s, c) => s + Math.exp(-c.score), 0);
    expect(sum).toBeCloseTo(11, 9);
  });
});
