import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { Darts } from './darts.js';
import { OneShotError } from './one-shot-error.js';
import { type OneShotData, oneShot } from './one-shot.js';
import { RandomOneShot } from './random-one-shot.js';
import { SkipSpace, smallNasBench201, smallShapes } from './test-support/small-spaces.js';

/** `data` with every image of `split` poisoned by NaN. */
function poisoned(data: OneShotData, split: 'train' | 'validation'): OneShotData {
  const set = data[split];
  return { ...data, [split]: { ...set, images: new Float32Array(set.images.length).fill(Number.NaN) } };
}

async function refusal(promise: Promise<unknown>): Promise<OneShotError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OneShotError);
  return error as OneShotError;
}

describe('oneShot refuses what it cannot search, and stops on a non-finite loss', () => {
  const data = smallShapes();
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('refuses an InputChoice of any subset, and a concatenating one for Darts', async () => {
    const any = await refusal(oneShot(SkipSpace.create(null, 'sum'), { strategy: new RandomOneShot(), data }));
    expect(any.message).toMatch(/^RandomOneShot cannot search the InputChoice "__proto__" without nChosen/);
    const concat = await refusal(oneShot(SkipSpace.create(1, 'concat'), { strategy: new Darts(), data }));
    expect(concat.message).toMatch(/^Darts cannot search the InputChoice "__proto__" with reduction "concat"/);
  });

  it('refuses options out of range, naming the option', async () => {
    const space = smallNasBench201();
    for (const [options, path] of [
      [{ epochs: 0 }, 'epochs'],
      [{ batchSize: 1.5 }, 'batchSize'],
      [{ learningRate: Number.POSITIVE_INFINITY }, 'learningRate'],
      [{ stepsPerEpoch: -1 }, 'stepsPerEpoch'],
    ] as const) {
      const error = await refusal(oneShot(space, { strategy: new RandomOneShot(), data, ...options }));
      expect(error.path).toEqual([path]);
    }
    expect(() => new RandomOneShot({ population: 1 })).toThrow(OneShotError);
    expect(() => new Darts({ archLearningRate: Number.NaN })).toThrow(/archLearningRate/);
  });

  it('stops with an error naming the epoch and step when a poisoned batch makes the loss NaN, and never reports the epoch', async () => {
    const epochs: unknown[] = [];
    const spos = await refusal(oneShot(smallNasBench201(), { strategy: new RandomOneShot(), data: poisoned(data, 'train'), batchSize: 16, onEpoch: (e) => epochs.push(e) }));
    expect(spos.code).toBe('non-finite-loss');
    expect(spos.path).toEqual(['epoch', 1, 'step', 1]);
    expect(spos.message).toMatch(/training loss became NaN at epoch 1, step 1/);
    expect(epochs).toEqual([]);
    // DARTS' architecture step reads the poisoned validation batch: the logits, then the loss, become NaN.
    const darts = await refusal(oneShot(SkipSpace.create(), { strategy: new Darts(), data: poisoned(data, 'validation'), batchSize: 16, epochs: 2 }));
    expect(darts.code).toBe('non-finite-loss');
    expect(darts.message).toMatch(/became NaN at epoch 1, step [12]\b/);
  });
});
