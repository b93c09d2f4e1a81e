import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { GumbelDarts } from './gumbel-darts.js';
import type { LogitStrategy } from './logit-strategy.js';
import { OneShotError } from './one-shot-error.js';
import { oneShot } from './one-shot.js';
import { Proxyless } from './proxyless.js';
import { OneGoodCandidateSpace, SkipSpace, arbitraryLabelPair, quadrantData, smallNasBench201, smallShapes } from './test-support/small-spaces.js';

const NAS_BENCH_201_OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];

describe.each([
  { name: 'GumbelDarts', make: (lr = 0.05) => new GumbelDarts({ archLearningRate: lr, tauMax: 1 }) as LogitStrategy },
  { name: 'Proxyless', make: (lr = 0.05) => new Proxyless({ archLearningRate: lr }) as LogitStrategy },
])('oneShot with $name', ({ name, make }) => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('returns the argmax of its logits, a sample of the NAS-Bench-201 space, and repeats exactly with its seed', async () => {
    const space = smallNasBench201();
    const run = async () => {
      const strategy = make();
      const result = await oneShot(space, { strategy, data: smallShapes(), epochs: 2, batchSize: 16, stepsPerEpoch: 2, seed: 5 });
      return { result, probabilities: strategy.probabilities() };
    };
    const first = await run();
    expect(first.result.strategy).toBe(name);
    expect(space.contains(first.result.sample)).toBe(true);
    expect(first.result.history.map((e) => e.epoch)).toEqual([1, 2]);
    expect([...first.probabilities.keys()].sort()).toEqual(Object.keys(space.simplify()).sort());
    for (const [label, p] of first.probabilities) {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // Four Adam steps of 0.05 take the logits far from their 1e-3 start.
      expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.01);
      expect(first.result.sample[label]).toBe(NAS_BENCH_201_OPS[p.indexOf(Math.max(...p))]);
    }
    const again = await run();
    expect(again.result.sample).toEqual(first.result.sample);
    expect(again.result.history).toEqual(first.result.history);
    expect(again.probabilities).toEqual(first.probabilities);
  });

  it('searches a LayerChoice "constructor" and an InputChoice "__proto__", and frees every tensor', async () => {
    for (const [nChosen, reduction] of [[1, 'sum'], [2, 'mean']] as const) {
      const space = SkipSpace.create(nChosen, reduction);
      const tensors = tf.memory().numTensors;
      const strategy = make();
      const { sample } = await oneShot(space, { strategy, data: smallShapes(2), epochs: 2, batchSize: 16, seed: 1 });
      expect(tf.memory().numTensors).toBe(tensors); // nothing leaks
      expect(Object.hasOwn(sample, '__proto__')).toBe(true);
      expect(space.contains(sample)).toBe(true);
      expect(sample['__proto__']).toHaveLength(nChosen);
      const p = strategy.probabilities().get('constructor')!;
      expect(sample['constructor']).toBe(['conv', 'pool', 'skip'][p.indexOf(Math.max(...p))]);
    }
  });

  it('returns a sample of the space whatever the labels are (fuzzed)', async () => {
    const data = smallShapes(3);
    await fc.assert(
      fc.asyncProperty(arbitraryLabelPair(), async ([a, b]) => {
        const space = SkipSpace.create(1, 'mean', [a, b]);
        const strategy = make();
        const { sample } = await oneShot(space, { strategy, data, batchSize: 24, seed: 2 });
        expect(Object.keys(sample).sort()).toEqual([a, b].sort());
        expect([...strategy.probabilities().keys()].sort()).toEqual([a, b].sort());
        expect(space.contains(sample)).toBe(true);
      }),
      { numRuns: 4, seed: 11 },
    );
  });

  it('moves its probabilities toward the only candidate that can fit the labels', async () => {
    for (const seed of [0, 1]) {
      const strategy = make();
      const { sample } = await oneShot(OneGoodCandidateSpace.create(), { strategy, data: quadrantData(seed), epochs: 6, batchSize: 16, seed });
      const [zero, keep] = strategy.probabilities().get('edge')!;
      // Both start at 0.5; 18 steps leave `keep` above 0.7 in every seed tried (0.75–0.88).
      expect(keep!).toBeGreaterThan(0.65);
      expect(zero!).toBeLessThan(0.35);
      expect(sample).toEqual({ edge: 'keep' });
    }
  });

  it('refuses a concatenating InputChoice, naming the strategy', async () => {
    const error = await oneShot(SkipSpace.create(1, 'concat'), { strategy: make(), data: smallShapes() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneShotError);
    expect((error as OneShotError).code).toBe('unsupported-primitive');
    expect((error as OneShotError).message).toMatch(new RegExp(`^${name} cannot search the InputChoice "__proto__" with reduction "concat"`));
  });
});
