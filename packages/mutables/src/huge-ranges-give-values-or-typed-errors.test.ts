import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import type { Mutable } from './mutable.js';
import { LayerChoice } from './nn/layer-choice.js';
import { nn } from './nn/index.js';
import { MAX_REPEAT_DEPTH, Repeat } from './nn/repeat.js';
import { MAX_NUMERICAL_GRANULARITY, Numerical, type NumericalOptions } from './numerical.js';
import { MAX_REPEATED_LENGTH, pyMul } from './python-ops.js';
import { RandomInteger } from './random-integer.js';
import { createRng } from './rng.js';

/** Builds the space, or returns the typed error that refused it (any other error fails the test). */
function buildOrRefuse<T>(build: () => T): T | SearchSpaceError {
  try {
    return build();
  } catch (error) {
    expect(error).toBeInstanceOf(SearchSpaceError);
    return error as SearchSpaceError;
  }
}

/** size, random, default, the first grid points and validation: all answer, and every sample they give is valid. */
function expectEveryQuestionAnswered(space: Mutable, gridPoints = 3): void {
  const size = space.size;
  expect(typeof size).toBe('number');
  expect(size >= 1).toBe(true);
  const samples = [space.default(), space.random(createRng(1)), space.random(createRng(2))];
  const grid = space.grid();
  for (let i = 0; i < gridPoints; i++) {
    const next = grid.next();
    if (next.done) break;
    samples.push(next.value);
  }
  for (const sample of samples) {
    space.validate(sample);
    for (const value of Object.values(sample)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  }
}

const depthBound = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: MAX_REPEAT_DEPTH + 5 }), fc.integer({ min: 0, max: 1e6 }));

describe('huge depths and ranges give a number, Infinity or a typed error — never an engine error', () => {
  it('Repeat(block, [0, 1e6]) is refused with repeat-too-deep, naming the limit', () => {
    const error = buildOrRefuse(() => new Repeat(new nn.Identity(), [0, 1e6])) as SearchSpaceError;
    expect(error.code).toBe('repeat-too-deep');
    expect(error.message).toContain(String(MAX_REPEAT_DEPTH));
    expect((buildOrRefuse(() => new Repeat(new nn.Identity(), 1e300)) as SearchSpaceError).code).toBe('repeat-too-deep');
  });

  it('a Repeat of any depth range, choice or expression up to 1e6 answers every question or is refused', () => {
    fc.assert(
      fc.property(depthBound, depthBound, fc.constantFrom('range', 'choice', 'expression'), (a, b, form) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const depth =
          form === 'range'
            ? ([low, high] as const)
            : form === 'choice'
              ? new Categorical(low === high ? [low] : [low, high], { label: 'd' })
              : new Categorical(low === high ? [low] : [low, high], { label: 'd' }).floorDiv(2);
        const repeat = buildOrRefuse(() => new Repeat(new nn.Identity(), depth, { label: 'r' }));
        const largest = form === 'expression' ? Math.floor(high / 2) : high;
        if (repeat instanceof SearchSpaceError) {
          expect(repeat.code).toBe(largest > MAX_REPEAT_DEPTH ? 'repeat-too-deep' : 'invalid-repeat');
          return;
        }
        expect(largest).toBeLessThanOrEqual(MAX_REPEAT_DEPTH);
        expectEveryQuestionAnswered(repeat);
      }),
      { numRuns: 60 },
    );
  });

  it('counts 2^2000 samples as Infinity and freezes the deepest Repeat allowed', () => {
    const wide = new Repeat((i) => new LayerChoice([new nn.Identity(), new nn.ReLU()], { label: `c${i}` }), [0, 2000], { label: 'w' });
    expect(wide.size).toBe(Infinity);
    expectEveryQuestionAnswered(wide);
    const deepest = new Repeat(new nn.Identity(), [0, MAX_REPEAT_DEPTH], { label: 'deep' });
    expect(deepest.size).toBe(MAX_REPEAT_DEPTH + 1);
    expect((deepest.freeze({ deep: MAX_REPEAT_DEPTH }) as InstanceType<typeof nn.Sequential>).length).toBe(MAX_REPEAT_DEPTH);
  });

  it('size of quniform [0, 1e300] in steps of 1e-300 is Infinity, and its draws are valid', () => {
    const q = new Numerical({ low: 0, high: 1e300, quantize: 1e-300, label: 'q' });
    expect(q.size).toBe(Infinity);
    expectEveryQuestionAnswered(q);
    expect(new Numerical({ low: -1e308, high: 1e308, label: 'w' }).default()).toEqual({ w: 0 });
  });

  it('numericals with extreme bounds, steps and spreads answer every question or are refused', () => {
    const extreme = fc.constantFrom(0, -0, 1, -1, 1e300, -1e300, 1e-300, -1e-300, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e16);
    const options: fc.Arbitrary<NumericalOptions> = fc.record(
      {
        low: extreme,
        high: extreme,
        mu: extreme,
        sigma: extreme,
        log: fc.boolean(),
        quantize: fc.constantFrom(1e-300, Number.MIN_VALUE, 1, 0.5, 1e300, Number.MAX_VALUE),
      },
      { requiredKeys: [] },
    ).map((o) => (o.sigma === undefined ? { ...o, mu: undefined } : o.mu === undefined ? { ...o, mu: 0 } : o));
    fc.assert(
      fc.property(options, (o) => {
        const numerical = buildOrRefuse(() => new Numerical({ ...o, label: 'n' }));
        if (numerical instanceof SearchSpaceError) return;
        expectEveryQuestionAnswered(numerical, 5);
        for (let g = 2; g <= 4; g++) for (const point of numerical.grid({ granularity: g })) numerical.validate(point);
        expect(() => numerical.grid({ granularity: MAX_NUMERICAL_GRANULARITY + 1 }).next()).toThrow(SearchSpaceError);
      }),
      { numRuns: 500 },
    );
  });

  it('integer ranges as wide as the safe integers count, sample and start their grid at once', () => {
    const bound = fc.constantFrom(-Number.MAX_SAFE_INTEGER, -(2 ** 40), -1, 0, 1, 2 ** 16, 2 ** 16 + 1, 2 ** 40, Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(bound, bound, (low, high) => {
        const integer = buildOrRefuse(() => new RandomInteger(low, high, { label: 'i' }));
        if (integer instanceof SearchSpaceError) return;
        expect(integer.size).toBe(high - low);
        expectEveryQuestionAnswered(integer);
        const values = integer.gridValues();
        expect(values.length).toBe(high - low);
        expect([values[0], values[values.length - 1]]).toEqual([low, low + (values.length - 1)]);
        expect(values.slice(0, 3)).toEqual([low, low + 1, low + 2].filter((v) => v < high));
      }),
    );
  });

  it('repeats long lists without a stack overflow and refuses sequences past the limit', () => {
    const long = Array.from({ length: 300_000 }, (_, i) => i);
    expect((pyMul(long, 2) as number[]).length).toBe(600_000);
    expect(() => pyMul('ab', 1e9)).toThrow(String(MAX_REPEATED_LENGTH));
    expect(() => pyMul([1], 1e300)).toThrow(RangeError);
    expect(pyMul([], 1e300)).toEqual([]);
    expect(pyMul('', 1e300)).toBe('');
  });
});
