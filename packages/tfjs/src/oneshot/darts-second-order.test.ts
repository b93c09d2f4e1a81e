// Second-order DARTS: the logits' gradient through one virtual training step, checked against a
// numerical derivative of that very objective; ξ = 0 is first order; the weights come back unchanged.
import type { Tensor1D, Variable } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { imageBatch } from '../data/shapes-dataset.js';
import { tf } from '../tf.js';
import { Darts } from './darts.js';
import { oneShot } from './one-shot.js';
import type { OneShotBatch } from './one-shot-strategy.js';
import { type PathSetting, Supernet } from './supernet.js';
import { SkipSpace, smallNasBench201, smallShapes } from './test-support/small-spaces.js';
import { unrolledLogitGradients } from './unrolled-gradient.js';

beforeAll(async () => {
  await useTfBackend('cpu');
});

describe('second-order DARTS', () => {
  const data = smallShapes();
  const supernet = Supernet.compile(SkipSpace.create(), { inputShapes: [[null, 3, 8, 8]], seed: 3 });
  const batch = (set: typeof data.train, from: number): OneShotBatch => {
    const { x, y } = imageBatch(set, Array.from({ length: 16 }, (_, i) => from + i), 8, 3);
    return { x, y: tf.tidy(() => tf.cast(tf.oneHot(y, 4), 'float32')) };
  };
  const train = batch(data.train, 0);
  const validation = batch(data.validation, 0);
  const loss = (b: OneShotBatch, path: PathSetting) => tf.losses.softmaxCrossEntropy(b.y, supernet.forward(b.x, path, true)) as tf.Scalar;
  const weights = supernet.trainableVariables;
  const logits: Variable[] = supernet.choices.map((c, k) => tf.variable(tf.tensor1d(c.names.map((_, i) => 0.3 * Math.sin(3 * k + i))), true, `test/${c.label}`));
  const mixture = (): PathSetting => ({ weights: new Map(supernet.choices.map((c, k) => [c.label, tf.softmax(logits[k]!) as Tensor1D])) });
  afterAll(() => {
    tf.dispose([train.x, train.y, validation.x, validation.y, ...logits]);
    supernet.dispose();
  });

  /** The validation loss after one plain gradient step of size `xi` on the training loss. */
  const unrolledObjective = (xi: number): number => {
    const saved = weights.map((w) => w.clone());
    const { grads, value } = tf.variableGrads(() => loss(train, mixture()), weights);
    weights.forEach((w) => w.assign(tf.tidy(() => tf.sub(w, tf.mul(grads[w.name]!, xi)))));
    const after = tf.tidy(() => loss(validation, mixture()).dataSync()[0]!);
    weights.forEach((w, i) => w.assign(saved[i]!));
    tf.dispose([...saved, ...Object.values(grads), value]);
    return after;
  };

  const flat = (gradients: tf.NamedTensorMap) => logits.flatMap((v) => Array.from(gradients[v.name]!.dataSync()));
  const distance = (a: number[], b: number[]) => Math.hypot(...a.map((x, i) => x - b[i]!));

  it('matches the numerical derivative of the unrolled objective far better than the first-order gradient, and restores the weights', () => {
    const xi = 1;
    const before = weights.map((w) => Array.from(w.dataSync()));
    const secondOrder = unrolledLogitGradients({ loss, weights }, logits, mixture, train, validation, xi);
    const firstOrder = unrolledLogitGradients({ loss, weights }, logits, mixture, train, validation, 0);
    expect(weights.map((w) => Array.from(w.dataSync()))).toEqual(before);
    const numerical: number[] = [];
    const h = 1e-2;
    for (const v of logits) {
      const base = Array.from(v.dataSync());
      for (let i = 0; i < base.length; i++) {
        const at = (delta: number) => {
          v.assign(tf.tensor1d(base.map((x, j) => (j === i ? x + delta : x))));
          return unrolledObjective(xi);
        };
        numerical.push((at(h) - at(-h)) / (2 * h));
      }
      v.assign(tf.tensor1d(base));
    }
    const second = flat(secondOrder);
    const first = flat(firstOrder);
    tf.dispose([...Object.values(secondOrder), ...Object.values(firstOrder)]);
    const errorOfSecond = distance(second, numerical);
    const errorOfFirst = distance(first, numerical);
    expect(errorOfFirst).toBeGreaterThan(0.01 * Math.hypot(...numerical));
    expect(errorOfSecond).toBeLessThan(errorOfFirst / 3);
  });

  it('with ξ = 0 searches exactly as first order, and a seeded second-order run repeats', async () => {
    const space = smallNasBench201();
    const options = { data: smallShapes(), epochs: 1, batchSize: 16, stepsPerEpoch: 2, seed: 2 } as const;
    const first = new Darts();
    const zero = new Darts({ order: 2, unrolledLearningRate: 0 });
    const a = await oneShot(space, { ...options, strategy: first });
    const b = await oneShot(space, { ...options, strategy: zero });
    expect(b.sample).toEqual(a.sample);
    for (const [label, p] of first.probabilities()) {
      zero.probabilities().get(label)!.forEach((q, i) => expect(q).toBeCloseTo(p[i]!, 6));
    }
    const tensors = tf.memory().numTensors;
    const c = await oneShot(space, { ...options, strategy: new Darts({ order: 2 }) });
    expect(tf.memory().numTensors).toBe(tensors);
    const d = await oneShot(space, { ...options, strategy: new Darts({ order: 2 }) });
    expect(d.sample).toEqual(c.sample);
    expect(d.history).toEqual(c.history);
  });

  it('refuses an order other than 1 or 2 and a negative or non-finite ξ, naming the option', () => {
    expect(() => new Darts({ order: 3 as 2 })).toThrow(/order/);
    expect(() => new Darts({ order: 2, unrolledLearningRate: -1 })).toThrow(/unrolledLearningRate/);
    expect(() => new Darts({ order: 2, unrolledLearningRate: Number.NaN })).toThrow(/unrolledLearningRate/);
  });
});
