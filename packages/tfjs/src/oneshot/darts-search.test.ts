import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { Darts } from './darts.js';
import { oneShot } from './one-shot.js';
import { SkipSpace, smallNasBench201, smallShapes } from './test-support/small-spaces.js';

describe('oneShot with Darts (first order)', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('moves the architecture logits and returns their argmax, a sample of the NAS-Bench-201 space', async () => {
    const space = smallNasBench201();
    const darts = new Darts({ archLearningRate: 0.05 });
    let probabilities = new Map<string, number[]>();
    const result = await oneShot(space, {
      strategy: darts,
      data: smallShapes(),
      epochs: 1,
      batchSize: 16,
      stepsPerEpoch: 2,
      seed: 3,
      onEpoch: () => {
        probabilities = darts.probabilities();
      },
    });
    expect(space.contains(result.sample)).toBe(true);
    expect(result.history).toHaveLength(1);
    expect(darts.probabilities()).toEqual(probabilities);
    expect([...probabilities.keys()].sort()).toEqual(Object.keys(space.simplify()).sort());
    for (const [label, p] of probabilities) {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // Two Adam steps of 0.05 take the logits far from their 1e-3 start.
      expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.01);
      const names = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
      expect(result.sample[label]).toBe(names[p.indexOf(Math.max(...p))]);
    }
  });

  it('keeps the inputs with the largest weights of an InputChoice, frees every tensor, and repeats exactly with its seed', async () => {
    const space = SkipSpace.create(1, 'mean');
    const run = () => oneShot(space, { strategy: new Darts({ archLearningRate: 0.05 }), data: smallShapes(4), epochs: 2, batchSize: 16, seed: 9 });
    const tensors = tf.memory().numTensors;
    const first = await run();
    expect(tf.memory().numTensors).toBe(tensors); // nothing leaks
    expect(space.contains(first.sample)).toBe(true);
    const again = await run();
    expect(again.sample).toEqual(first.sample);
    expect(again.history).toEqual(first.history);
  });
});
