import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { type OneShotEpoch, oneShot } from './one-shot.js';
import { RandomOneShot } from './random-one-shot.js';
import { SkipSpace, arbitraryLabelPair, smallNasBench201, smallShapes } from './test-support/small-spaces.js';

describe('oneShot with RandomOneShot (SPOS)', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('trains the NAS-Bench-201 supernet, reports every epoch, returns a sample of the space and repeats exactly with its seed', async () => {
    const space = smallNasBench201();
    const data = smallShapes();
    const run = async () => {
      const epochs: OneShotEpoch[] = [];
      const result = await oneShot(space, { strategy: new RandomOneShot({ population: 4, generations: 1 }), data, epochs: 2, batchSize: 16, stepsPerEpoch: 2, seed: 7, onEpoch: (e) => epochs.push(e) });
      return { result, epochs };
    };
    const first = await run();
    expect(space.contains(first.result.sample)).toBe(true);
    expect(Object.keys(first.result.sample).sort()).toEqual(Object.keys(space.simplify()).sort());
    expect(first.result.strategy).toBe('RandomOneShot');
    expect(first.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(first.epochs.every((e) => Number.isFinite(e.loss) && e.loss > 0 && e.steps === 2)).toBe(true);
    expect(first.result.history).toEqual(first.epochs);
    space.freeze(first.result.sample);
    const again = await run();
    expect(again.result.sample).toEqual(first.result.sample);
    expect(again.epochs).toEqual(first.epochs);
  });

  it('searches an InputChoice and a LayerChoice whose labels are "__proto__" and "constructor"', async () => {
    const space = SkipSpace.create(1, 'concat');
    const tensors = tf.memory().numTensors;
    const result = await oneShot(space, { strategy: new RandomOneShot({ population: 3, generations: 1 }), data: smallShapes(2), epochs: 1, batchSize: 16, seed: 1 });
    expect(tf.memory().numTensors).toBe(tensors); // nothing leaks
    expect(Object.hasOwn(result.sample, '__proto__')).toBe(true);
    expect(space.contains(result.sample)).toBe(true);
    expect(result.sample['__proto__']).toHaveLength(1);
    expect(['conv', 'pool', 'skip']).toContain(result.sample['constructor']);
  });

  it('returns a sample of the space whatever the labels are (fuzzed)', async () => {
    const data = smallShapes(3);
    await fc.assert(
      fc.asyncProperty(arbitraryLabelPair(), async ([a, b]) => {
        const space = SkipSpace.create(1, 'sum', [a, b]);
        const { sample } = await oneShot(space, { strategy: new RandomOneShot({ population: 2, generations: 1 }), data, batchSize: 24, seed: 2 });
        expect(Object.keys(sample).sort()).toEqual([a, b].sort());
        expect(space.contains(sample)).toBe(true);
      }),
      { numRuns: 5, seed: 5 },
    );
  });
});
