// Fuzzes oneShot's user-facing inputs: hostile options, data whose sizes disagree with its arrays,
// labels the network cannot output, and every strategy's constructor. Each is refused with a
// OneShotError naming what was wrong (or runs, when it is valid) — never trains on garbage, never
// throws anything else.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { Darts } from './darts.js';
import { Enas } from './enas.js';
import { GumbelDarts } from './gumbel-darts.js';
import { oneShot } from './one-shot.js';
import { OneShotError } from './one-shot-error.js';
import { Proxyless } from './proxyless.js';
import { RandomOneShot } from './random-one-shot.js';
import { SkipSpace, smallShapes } from './test-support/small-spaces.js';

beforeAll(async () => {
  await useTfBackend('cpu');
});

const hostileNumber = fc.oneof(fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 1e12, -0, 2 ** 53), fc.double(), fc.string(), fc.constant(null), fc.constant({}));

/** Runs `fn`; returns the error it throws (or undefined). */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('oneShot refuses hostile input by name', () => {
  const data = smallShapes();

  it('refuses each hostile option with invalid-option naming it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('epochs', 'batchSize', 'stepsPerEpoch', 'evaluationSize', 'learningRate'), hostileNumber, async (name, value) => {
        const largest: Record<string, number> = { epochs: 100_000, batchSize: 65_536, stepsPerEpoch: Number.MAX_SAFE_INTEGER, evaluationSize: Number.MAX_SAFE_INTEGER };
        const valid =
          typeof value === 'number' &&
          (name === 'learningRate' ? Number.isFinite(value) && value > 0 : Number.isInteger(value) && value >= 1 && value <= largest[name]!);
        fc.pre(!valid); // valid values run (the README example and the search tests cover those)
        const error = await thrown(() => oneShot(SkipSpace.create(), { strategy: new Darts(), data, epochs: 1, stepsPerEpoch: 1, [name]: value }));
        expect(error).toBeInstanceOf(OneShotError);
        expect((error as OneShotError).code).toBe('invalid-option');
        expect((error as OneShotError).path).toContain(name);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses data whose counts, sizes and arrays disagree, naming the split and field, before training', async () => {
    const tensors = tf.memory().numTensors;
    const cases: [object, RegExp][] = [
      [{ ...data, train: { ...data.train, images: data.train.images.subarray(0, 100) } }, /train,images|train\.images|images/],
      [{ ...data, train: { ...data.train, labels: data.train.labels.subarray(0, 3) } }, /labels/],
      [{ ...data, validation: { ...data.validation, count: 1e9 } }, /count/],
      [{ ...data, validation: { ...data.validation, count: 0 } }, /count/],
      [{ ...data, imageSize: Number.NaN }, /imageSize/],
      [{ ...data, channels: 2.5 }, /channels/],
      [{ ...data, train: null }, /train/],
      [{ ...data, train: { ...data.train, images: Array.from(data.train.images) } }, /images/],
    ];
    for (const [hostile, named] of cases) {
      const error = await thrown(() => oneShot(SkipSpace.create(), { strategy: new Darts(), data: hostile as typeof data, epochs: 1 }));
      expect(error).toBeInstanceOf(OneShotError);
      expect((error as OneShotError).code).toBe('invalid-data');
      expect(`${(error as OneShotError).path.join('.')} ${(error as Error).message}`).toMatch(named);
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses a label the network cannot output, naming the split and the index', async () => {
    const tensors = tf.memory().numTensors;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: data.validation.count - 1 }), fc.oneof(fc.integer({ min: 4, max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: -1 })), async (index, label) => {
        const labels = Int32Array.from(data.validation.labels);
        labels[index] = label;
        const error = await thrown(() => oneShot(SkipSpace.create(), { strategy: new Darts(), data: { ...data, validation: { ...data.validation, labels } }, epochs: 1 }));
        expect(error).toBeInstanceOf(OneShotError);
        expect((error as OneShotError).path).toEqual(['data', 'validation', 'labels', index]);
        expect((error as Error).message).toMatch(/0 to 3/);
      }),
      { numRuns: 10 },
    );
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it("every strategy's constructor builds or refuses hostile options with invalid-option, never another error", () => {
    const makers: [string, (options: object) => unknown, readonly string[]][] = [
      ['Darts', (o) => new Darts(o), ['archLearningRate', 'archWeightDecay', 'order', 'unrolledLearningRate']],
      ['GumbelDarts', (o) => new GumbelDarts(o), ['archLearningRate', 'archWeightDecay', 'tauMax', 'tauMin']],
      ['Proxyless', (o) => new Proxyless(o), ['archLearningRate', 'archWeightDecay', 'costWeight', 'candidateCosts']],
      ['RandomOneShot', (o) => new RandomOneShot(o), ['population', 'generations', 'mutationProbability']],
      ['Enas', (o) => new Enas(o), ['controllerLearningRate', 'controllerEvery', 'controllerSamples', 'baselineDecay', 'entropyWeight', 'resultSamples']],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...makers), fc.nat(), hostileNumber, ([, make, names], pick, value) => {
        const name = names[pick % names.length]!;
        try {
          make({ [name]: value });
        } catch (error) {
          expect(error).toBeInstanceOf(OneShotError);
          expect((error as OneShotError).code).toBe('invalid-option');
        }
      }),
      { numRuns: 300 },
    );
  });
});
