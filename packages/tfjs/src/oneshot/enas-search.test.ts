import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { Enas } from './enas.js';
import { type OneShotEpoch, oneShot } from './one-shot.js';
import { SkipSpace, smallNasBench201, smallShapes } from './test-support/small-spaces.js';

describe('oneShot with Enas', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('searches the NAS-Bench-201 space, returns the most probable architecture, and repeats exactly with its seed', async () => {
    const space = smallNasBench201();
    const data = smallShapes();
    const run = async () => {
      const enas = new Enas({ controllerLearningRate: 0.1 });
      const epochs: OneShotEpoch[] = [];
      const result = await oneShot(space, { strategy: enas, data, epochs: 2, batchSize: 16, stepsPerEpoch: 2, seed: 7, onEpoch: (e) => epochs.push(e) });
      return { result, epochs, probabilities: enas.probabilities(), baseline: enas.baseline };
    };
    const first = await run();
    expect(space.contains(first.result.sample)).toBe(true);
    expect(first.result.strategy).toBe('Enas');
    expect(first.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(first.epochs.every((e) => Number.isFinite(e.loss) && e.loss > 0)).toBe(true);
    expect([...first.probabilities.keys()].sort()).toEqual(Object.keys(space.simplify()).sort());
    expect(first.baseline).toBeGreaterThanOrEqual(0);
    const names = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
    for (const [label, p] of first.probabilities) {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      // Four steps of two controller updates (the first only sets the baseline) move every choice.
      expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.01);
      expect(first.result.sample[label]).toBe(names[p.indexOf(Math.max(...p))]);
    }
    space.freeze(first.result.sample);
    const again = await run();
    expect(again).toEqual(first);
  });

  it('searches a LayerChoice "constructor" and a concatenating InputChoice "__proto__", scoring draws for the result, without leaking tensors', async () => {
    const space = SkipSpace.create(1, 'concat');
    const tensors = tf.memory().numTensors;
    const enas = new Enas({ resultSamples: 3, controllerSamples: 1 });
    const result = await oneShot(space, { strategy: enas, data: smallShapes(2), epochs: 1, batchSize: 16, seed: 1 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Object.hasOwn(result.sample, '__proto__')).toBe(true);
    expect(space.contains(result.sample)).toBe(true);
    expect(result.sample['__proto__']).toHaveLength(1);
    expect(['conv', 'pool', 'skip']).toContain(result.sample['constructor']);
    expect([...enas.probabilities().keys()]).toEqual(['constructor', '__proto__']);
  });
});
