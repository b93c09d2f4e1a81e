/**
 * Guards for the numeric specs of TPE's dimensions (`tpe-dimension.ts`) and for which model
 * `dimensionOf` picks: which numerical decisions are modelled and which are left to random draws,
 * the prior of a range, rounding and clipping for decisions that are not `Numerical` instances, where
 * a quantised log-normal's 0 is encoded, the rounding buckets of quantised values, and the modelled
 * range and prior of an integer range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, CategoricalMultiple, createRng, type Decision, type Domain, Numerical, RandomInteger, type Rng } from '@archspace/mutables';
import { type CandidateSettings, type Dimension, dimensionOf, type Observations } from './tpe-dimension.js';
import { Scratch } from './tpe-parzen.js';

/** The parts of a numeric dimension's spec these tests read. */
interface SpecView {
  readonly lo: number;
  readonly hi: number;
  readonly prior: { readonly mu: number; readonly sigma: number };
  qclip(value: number): number;
  readonly bucket?: (value: number) => readonly [number, number];
}

const specOf = (dim: Dimension): SpecView => {
  const spec = (dim as unknown as { spec?: SpecView }).spec;
  if (spec === undefined) throw new Error(`${dim.label} has no numeric spec`);
  return spec;
};

/** The ordered values of an ordinal dimension, or `undefined` for any other model. */
const ordinalValues = (dim: Dimension): readonly unknown[] | undefined => {
  const view = dim as unknown as { values?: readonly unknown[]; edges?: Float64Array };
  return view.edges === undefined ? undefined : view.values;
};

const none: Observations = { x: [], w: [] };
const observe = (xs: readonly number[]): Observations => ({ x: Float64Array.from(xs), w: new Float64Array(xs.length).fill(1) });
const settings = (candidates: number): CandidateSettings => ({ candidates, priorWeight: 1, scratch: new Scratch() });

/** A decision of another class that behaves like `inner` but reports `domain`. */
function foreignDecision(inner: Numerical, domain: Domain = inner.domain): Decision<number> {
  const decision = {
    [Symbol.for('archspace.decision')]: true,
    label: `foreign-${inner.label}`,
    domain,
    valueCount: inner.valueCount,
    origin: inner.origin,
    children: () => [],
    problemWith: (value: unknown) => inner.problemWith(value),
    drawValue: (rng: Rng) => inner.drawValue(rng),
    defaultValue: () => inner.defaultValue(),
    gridValues: (granularity: number) => inner.gridValues(granularity),
    sameDecision: (other: Decision): boolean => other.label === decision.label && other.domain === domain,
    describe: () => `Foreign(${inner.describe()})`,
  };
  return decision as unknown as Decision<number>;
}

/** Asserts that `dim` does not model its decision: it encodes nothing and proposes one valid random value. */
function expectRandom(dim: Dimension, probe: unknown): void {
  expect(dim.encode(probe)).toBeNaN();
  const candidates = dim.candidates(none, none, createRng(3), settings(8));
  expect(candidates).toHaveLength(1);
  expect(candidates[0]!.score).toBe(0);
  expect(dim.decision.problemWith(candidates[0]!.value)).toBeUndefined();
}

describe('numerical decisions TPE models', () => {
  it('models an unbounded log-normal in log space', () => {
    const dim = dimensionOf(new Numerical({ mu: 0, sigma: 1, log: true }), 20);
    expect(dim.encode(1)).toBe(0);
    expect(dim.encode(Math.E)).toBe(1);
    expect(specOf(dim).lo).toBe(-Infinity);
    expect(specOf(dim).hi).toBe(Infinity);
  });

  it('models a log-uniform range by the logarithms of its values', () => {
    const dim = dimensionOf(new Numerical({ low: 1, high: 100, log: true }), 20);
    expect(dim.encode(10)).toBe(Math.log(10));
    expect(specOf(dim).lo).toBe(0);
    expect(specOf(dim).hi).toBe(Math.log(100));
  });

  it('uses a normal decision’s own mu and sigma as the prior, bounded or not', () => {
    const unbounded = dimensionOf(new Numerical({ mu: 0, sigma: 1 }), 20);
    expect(unbounded.encode(0.5)).toBe(0.5);
    expect(specOf(unbounded).prior).toEqual({ mu: 0, sigma: 1 });
    const bounded = dimensionOf(new Numerical({ low: 0, high: 10, mu: 1, sigma: 2 }), 20);
    expect(specOf(bounded).prior).toEqual({ mu: 1, sigma: 2 });
  });

  it('gives a uniform range a prior centred on the range and as wide as it, below zero too', () => {
    const dim = dimensionOf(new Numerical({ low: -3, high: -1 }), 20);
    expect(dim.encode(-2)).toBe(-2);
    expect(specOf(dim).prior).toEqual({ mu: -2, sigma: 2 });
    expect(specOf(dimensionOf(new Numerical({ low: 2, high: 3 }), 20)).prior).toEqual({ mu: 2.5, sigma: 1 });
  });

  it('takes a domain that gives mu without sigma as uniform over its range', () => {
    const inner = new Numerical({ low: 0, high: 4 });
    const dim = dimensionOf(foreignDecision(inner, { ...inner.domain, mu: 1 } as Domain), 20);
    expect(dim.encode(1)).toBe(1);
    expect(specOf(dim).prior).toEqual({ mu: 2, sigma: 4 });
  });

  it('takes a domain that gives sigma without mu as uniform over its range', () => {
    const inner = new Numerical({ low: 0, high: 4 });
    const dim = dimensionOf(foreignDecision(inner, { ...inner.domain, sigma: 1 } as Domain), 20);
    expect(dim.encode(1)).toBe(1);
    expect(specOf(dim).prior).toEqual({ mu: 2, sigma: 4 });
  });

  it('leaves a foreign normal whose sigma is not positive to random draws', () => {
    for (const sigma of [0, -1]) {
      const inner = new Numerical({ low: 0, high: 4 });
      expectRandom(dimensionOf(foreignDecision(inner, { ...inner.domain, mu: 1, sigma } as Domain), 20), 1);
    }
  });

  it('leaves a log range too narrow to tell apart in log space to random draws', () => {
    const high = 10 + 2 ** -49;
    expect(Math.log(high)).toBe(Math.log(10));
    expectRandom(dimensionOf(new Numerical({ low: 10, high, mu: 2, sigma: 1, log: true }), 20), 10);
  });

  it('leaves a uniform range whose width overflows the doubles to random draws', () => {
    expectRandom(dimensionOf(new Numerical({ low: -1e308, high: 1e308 }), 20), 0);
    expectRandom(dimensionOf(new Numerical({ low: 1e308, high: 1.7e308 }), 20), 1.5e308);
  });
});

describe('rounding and clipping of quantised numbers', () => {
  it('models a bounded quantised Numerical with few values as its multiples of the step', () => {
    expect(ordinalValues(dimensionOf(new Numerical({ low: 0, high: 1, quantize: 0.25 }), 20))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('rounds half to even to the step and clips to the bounds for a decision that is not a Numerical', () => {
    const quantised = specOf(dimensionOf(foreignDecision(new Numerical({ low: -1, high: 2, quantize: 0.25 })), 4));
    expect(quantised.qclip(0.37)).toBe(0.25);
    expect(quantised.qclip(0.125)).toBe(0);
    expect(quantised.qclip(0.375)).toBe(0.5);
    expect(quantised.qclip(0.625)).toBe(0.5);
    expect(quantised.qclip(-7)).toBe(-1);
    expect(quantised.qclip(5)).toBe(2);
    const continuous = specOf(dimensionOf(foreignDecision(new Numerical({ low: -1, high: 2 })), 4));
    expect(continuous.qclip(0.37)).toBe(0.37);
    expect(continuous.qclip(-7)).toBe(-1);
    expect(continuous.qclip(5)).toBe(2);
  });

  it('rounds and clips a foreign decision’s numbers exactly as Numerical.qclip does', () => {
    const inner = new Numerical({ low: -3, high: 7.5, quantize: 0.5 });
    const spec = specOf(dimensionOf(foreignDecision(inner), 4));
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => {
        expect(spec.qclip(x) + 0).toBe(inner.qclip(x));
      }),
      { seed: 7 },
    );
  });

  it('models a foreign bounded quantised decision with few values as its multiples of the step', () => {
    expect(ordinalValues(dimensionOf(foreignDecision(new Numerical({ low: 0, high: 1, quantize: 0.25 })), 20))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('a quantised log-normal’s 0', () => {
  const decision = new Numerical({ mu: 0, sigma: 1, log: true, quantize: 0.5 });

  it('is a member of the decision', () => {
    expect(decision.problemWith(0)).toBeUndefined();
  });

  it('is encoded at the top of its bucket, log(q / 2), below every positive value', () => {
    const dim = dimensionOf(decision, 20);
    const spec = specOf(dim);
    expect(dim.encode(0)).toBe(Math.log(0.25));
    expect(dim.encode(0)).toBeLessThan(dim.encode(0.5));
    expect(spec.bucket!(0)).toEqual([-Infinity, Math.log(0.25)]);
    expect(spec.bucket!(0.5)).toEqual([Math.log(0.25), Math.log(0.75)]);
  });

  it('can be observed and proposed like any other value', () => {
    const dim = dimensionOf(decision, 20);
    const candidates = dim.candidates(observe([dim.encode(0), dim.encode(0), dim.encode(0)]), observe([dim.encode(3), dim.encode(4)]), createRng(5), settings(24));
    const zero = candidates.find((c) => c.value === 0);
    expect(zero).toBeDefined();
    expect(Number.isFinite(zero!.score)).toBe(true);
  });
});

describe('buckets of quantised values', () => {
  it('is the interval that rounds to the value, clipped to the range', () => {
    const spec = specOf(dimensionOf(new Numerical({ low: 0, high: 10, quantize: 0.5 }), 4));
    expect(spec.bucket!(3)).toEqual([2.75, 3.25]);
    expect(spec.bucket!(0)).toEqual([0, 0.25]);
    expect(spec.bucket!(10)).toEqual([9.75, 10]);
  });

  it('is the logarithm of that interval for a log-distributed decision', () => {
    const spec = specOf(dimensionOf(new Numerical({ low: 1, high: 100, log: true, quantize: 0.5 }), 4));
    expect(spec.bucket!(3)).toEqual([Math.log(2.75), Math.log(3.25)]);
    expect(spec.bucket!(1)).toEqual([0, Math.log(1.25)]);
    expect(spec.bucket!(100)).toEqual([Math.log(99.75), Math.log(100)]);
  });

  it('reaches down to the bottom of the range for the low bound, even when half a step below it rounds above the bound', () => {
    expect((20 - 0.5) * 0.1).toBeGreaterThan(1.95);
    const spec = specOf(dimensionOf(new Numerical({ low: 1.95, high: 3, quantize: 0.1 }), 4));
    expect(spec.bucket!(1.95)[0]).toBe(1.95);
  });

  it('reaches up to the top of the range for the high bound, even when half a step above it rounds below the bound', () => {
    expect((26 + 0.5) * 0.3).toBeLessThan(7.95);
    const spec = specOf(dimensionOf(new Numerical({ low: 0, high: 7.95, quantize: 0.3 }), 4));
    expect(spec.bucket!(7.95)[1]).toBe(7.95);
  });

  it('is absent for a number that is not quantised', () => {
    expect(specOf(dimensionOf(new Numerical({ low: 0, high: 10 }), 4)).bucket).toBeUndefined();
  });
});

describe('the model dimensionOf picks', () => {
  it('models a categorical by counts over its values, however many there are', () => {
    const values = Array.from({ length: 2000 }, (_, i) => `v${i}`);
    const dim = dimensionOf(new Categorical(values), 20);
    expect(dim.encode('v1234')).toBe(1234);
  });

  it('models a subset decision of up to 1024 possible subsets by counts', () => {
    const decision = new CategoricalMultiple(Array.from({ length: 10 }, (_, i) => i));
    expect(decision.valueCount).toBe(1024);
    const dim = dimensionOf(decision, 20);
    expect(dim.encode([1, 4, 9])).toBeGreaterThanOrEqual(0);
    expect(dim.encode([9, 1])).toBeNaN();
  });

  it('leaves a subset decision of more than 1024 possible subsets to random draws', () => {
    const decision = new CategoricalMultiple(Array.from({ length: 11 }, (_, i) => i));
    expect(decision.valueCount).toBe(2048);
    expectRandom(dimensionOf(decision, 20), [1, 4, 9]);
  });

  it('models a small integer range as its values, with one bucket per value', () => {
    const dim = dimensionOf(new RandomInteger(3, 8), 20);
    expect(ordinalValues(dim)).toEqual([3, 4, 5, 6, 7]);
    const spec = specOf(dim);
    expect([spec.lo, spec.hi]).toEqual([2.5, 7.5]);
    expect(spec.prior).toEqual({ mu: 5, sigma: 5 });
  });

  it('gives a large integer range the union of its values’ buckets as its range, with a prior centred on it and as wide as it', () => {
    const dim = dimensionOf(new RandomInteger(-10, 30), 4);
    expect(ordinalValues(dim)).toBeUndefined();
    const spec = specOf(dim);
    expect([spec.lo, spec.hi]).toEqual([-10.5, 29.5]);
    expect(spec.prior).toEqual({ mu: 9.5, sigma: 40 });
  });

  it('can propose the lowest value of a large integer range', () => {
    const dim = dimensionOf(new RandomInteger(0, 40), 4);
    const candidates = dim.candidates(observe([0, 0, 0]), observe([30, 35, 39]), createRng(11), settings(24));
    expect(candidates.map((c) => c.value)).toContain(0);
  });

  it('scores an integer range symmetrically: mirroring the observations mirrors the scores', () => {
    const low = 2;
    const high = 9;
    const mirror = (v: number) => low + high - 1 - v;
    const dim = dimensionOf(new RandomInteger(low, high), 20);
    const scores = (good: number[], bad: number[]) => {
      const list = dim.candidates(observe(good), observe(bad), createRng(17), settings(400));
      expect(list).toHaveLength(high - low);
      return new Map(list.map((c) => [c.value as number, c.score]));
    };
    const good = [3, 4];
    const bad = [6, 7, 8];
    const direct = scores(good, bad);
    const mirrored = scores(good.map(mirror).reverse(), bad.map(mirror).reverse());
    for (let v = low; v < high; v++) expect(mirrored.get(mirror(v))).toBeCloseTo(direct.get(v)!, 9);
  });
});
