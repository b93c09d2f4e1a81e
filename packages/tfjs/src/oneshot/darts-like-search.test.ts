import type { Sample } from '@archspace/mutables';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { compileModel } from '../compile/compile-model.js';
import { tf } from '../tf.js';
import { Darts } from './darts.js';
import { Enas } from './enas.js';
import { GumbelDarts } from './gumbel-darts.js';
import { Proxyless } from './proxyless.js';
import { oneShot } from './one-shot.js';
import { RandomOneShot } from './random-one-shot.js';
import { Supernet } from './supernet.js';
import { DartsLikeSpace } from './test-support/darts-like-space.js';
import { smallShapes } from './test-support/small-spaces.js';

const OPTIONS = { data: smallShapes(), epochs: 1, batchSize: 16, backend: 'cpu', seed: 4 } as const;

/** The sample freezes into an architecture that compiles and classifies 8×8 images into 4 classes. */
function expectFreezes(space: DartsLikeSpace, sample: Sample): void {
  space.validate(sample);
  const model = compileModel(space.freeze(sample), { inputShapes: [[null, 3, 8, 8]] });
  expect(model.outputs[0]!.shape).toEqual([null, 4]);
  model.dispose();
}

describe('one-shot search of a DARTS-like space with ValueChoice widths and kernel sizes and a Repeat depth', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('searches the stem width, the depth, each op, kernel size and input as categoricals', () => {
    const supernet = Supernet.compile(DartsLikeSpace.create(), { inputShapes: [[null, 3, 8, 8]] });
    const kinds = Object.fromEntries(supernet.choices.map((c) => [c.label, [c.kind, c.names]]));
    expect(kinds).toEqual({
      width: ['value-choice', [2, 4]],
      depth: ['repeat', [1, 2]],
      'cell0/op0': ['layer-choice', ['conv', 'max_pool', 'avg_pool', 'skip']],
      'cell0/kernel0': ['value-choice', [3, 5]],
      'cell0/in1': ['input-choice', [0, 1]],
      'cell0/op1': ['layer-choice', ['conv', 'max_pool', 'avg_pool', 'skip']],
      'cell0/kernel1': ['value-choice', [3, 5]],
      'cell1/op0': ['layer-choice', ['conv', 'max_pool', 'avg_pool', 'skip']],
      'cell1/kernel0': ['value-choice', [3, 5]],
      'cell1/in1': ['input-choice', [0, 1]],
      'cell1/op1': ['layer-choice', ['conv', 'max_pool', 'avg_pool', 'skip']],
      'cell1/kernel1': ['value-choice', [3, 5]],
    });
    supernet.dispose();
  });

  it('Darts returns a sample that validates and freezes, with probabilities over widths and depths; a seeded run repeats', async () => {
    const strategy = new Darts();
    const space = DartsLikeSpace.create();
    const first = await oneShot(space, { ...OPTIONS, strategy });
    expectFreezes(space, first.sample);
    expect(strategy.probabilities().get('width')).toHaveLength(2);
    expect(strategy.probabilities().get('depth')).toHaveLength(2);
    const again = await oneShot(DartsLikeSpace.create(), { ...OPTIONS, strategy: new Darts() });
    expect(again.sample).toEqual(first.sample);
    expect(again.history).toEqual(first.history);
  });

  it('RandomOneShot returns a sample that validates and freezes, leaking no tensor; a seeded run repeats', async () => {
    const options = { ...OPTIONS, evaluationSize: 16 };
    const space = DartsLikeSpace.create();
    const tensors = tf.memory().numTensors;
    const first = await oneShot(space, { ...options, strategy: new RandomOneShot({ population: 4, generations: 1 }) });
    expect(tf.memory().numTensors).toBe(tensors);
    expectFreezes(space, first.sample);
    const again = await oneShot(DartsLikeSpace.create(), { ...options, strategy: new RandomOneShot({ population: 4, generations: 1 }) });
    expect(again.sample).toEqual(first.sample);
    expect(again.history).toEqual(first.history);
  });

  it.each([
    ['GumbelDarts', () => new GumbelDarts()],
    ['Proxyless', () => new Proxyless()],
    ['Enas', () => new Enas({ controllerSamples: 1 })],
  ] as const)('%s returns a sample that validates and freezes, leaking no tensor; a seeded run repeats', async (_, make) => {
    const options = { ...OPTIONS, stepsPerEpoch: 2 };
    const tensors = tf.memory().numTensors;
    const first = await oneShot(DartsLikeSpace.create(), { ...options, strategy: make() });
    expect(tf.memory().numTensors).toBe(tensors);
    expectFreezes(DartsLikeSpace.create(), first.sample);
    const again = await oneShot(DartsLikeSpace.create(), { ...options, strategy: make() });
    expect(again.sample).toEqual(first.sample);
    expect(again.history).toEqual(first.history);
  });
});
