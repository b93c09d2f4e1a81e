// `onTrained` hands a ranking study the trained supernet's proxy: any sample's validation accuracy
// with inherited weights, only while the callback runs.
import { beforeAll, expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import { useTfBackend } from '../backend.js';
import { oneShot } from './one-shot.js';
import { RandomOneShot } from './random-one-shot.js';
import { smallNasBench201, smallShapes } from './test-support/small-spaces.js';

beforeAll(async () => {
  await useTfBackend('cpu');
});

it('scores samples with inherited weights inside onTrained (accuracies on the 32 validation images), refuses a foreign sample, and refuses calls afterwards', async () => {
  const space = smallNasBench201();
  const rng = createRng(3);
  const samples = Array.from({ length: 4 }, () => space.random(rng));
  let scores: number[] = [];
  let kept: ((sample: (typeof samples)[number]) => number) | undefined;
  const result = await oneShot(space, {
    strategy: new RandomOneShot({ population: 3, generations: 1 }),
    data: smallShapes(),
    epochs: 1,
    batchSize: 16,
    seed: 5,
    onTrained: (inheritedAccuracy) => {
      scores = samples.map(inheritedAccuracy);
      expect(() => inheritedAccuracy({ 'cell/0_1': 'conv_7x7' })).toThrow(/cell\/0_1|conv_7x7/);
      kept = inheritedAccuracy;
    },
  });
  expect(space.contains(result.sample)).toBe(true);
  expect(scores).toHaveLength(4);
  // 32 validation images: every accuracy is a multiple of 1/32 in [0, 1].
  for (const s of scores) expect(Number.isInteger(s * 32) && s >= 0 && s <= 1).toBe(true);
  expect(() => kept!(samples[0]!)).toThrow(/supernet is freed/);
});
