import fc from 'fast-check';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { BatchNorm2dLayer } from './batch-norm-layer.js';

/** Batch normalization written with plain ops, differentiated automatically. */
function naive(x: Tensor, gamma: Tensor, beta: Tensor, eps: number): Tensor {
  const mean = tf.mean(x, [0, 1, 2]);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), [0, 1, 2]);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
}

const worst = (a: Tensor, b: Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;

describe.each(['cpu', 'wasm'] as const)('BatchNorm2dLayer in training mode (host statistics, hand-written gradient, %s)', (backend) => {
  beforeAll(async () => {
    await useTfBackend(backend);
  });

  it('gives the output and the input, scale and shift gradients of automatic differentiation, for any shape', () => {
    const shape = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1000 }), ([n, h, w, c], seed) => {
        tf.tidy(() => {
          const layer = new BatchNorm2dLayer({ numFeatures: c, affine: true, eps: 1e-5, momentum: 0.1 });
          const x = tf.randomNormal([n, h, w, c], 0.5, 2, 'float32', seed);
          const weights = tf.randomNormal([n, h, w, c], 0, 1, 'float32', seed + 1);
          layer.apply(x, { training: false }); // builds the weights
          const gamma = tf.randomNormal([c], 1, 0.5, 'float32', seed + 2);
          const beta = tf.randomNormal([c], 0, 0.5, 'float32', seed + 3);
          layer.trainableWeights[0]!.write(gamma);
          layer.trainableWeights[1]!.write(beta);
          const [dxRef, dgRef, dbRef] = tf.grads((a: Tensor, g: Tensor, b: Tensor) => tf.sum(tf.mul(naive(a, g, b, 1e-5), weights)))([x, gamma, beta]);
          const [dx] = tf.grads((a: Tensor) => tf.sum(tf.mul(layer.apply(a, { training: true }) as Tensor, weights)))([x]);
          const variables = layer.trainableWeights.map((v) => v.read() as unknown as Variable);
          const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }) as Tensor, weights)) as Scalar, variables);
          // With one value per channel (n·h·w = 1) the output is the shift and every gradient but the shift's is 0.
          expect(worst(layer.apply(x, { training: true }) as Tensor, naive(x, gamma, beta, 1e-5))).toBeLessThan(1e-3);
          expect(worst(dx!, dxRef!)).toBeLessThan(2e-3);
          expect(worst(grads[variables[0]!.name]!, dgRef!)).toBeLessThan(2e-3);
          expect(worst(grads[variables[1]!.name]!, dbRef!)).toBeLessThan(1e-4);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('fails against a batch norm whose scale gradient is 10 % too large (the comparison can fail)', () => {
    const x = tf.randomNormal([2, 3, 3, 2], 0, 1, 'float32', 7);
    const gamma = tf.tensor1d([1.5, -0.5]);
    const beta = tf.tensor1d([0.1, 0.2]);
    const weights = tf.randomNormal([2, 3, 3, 2], 0, 1, 'float32', 8);
    const layer = new BatchNorm2dLayer({ numFeatures: 2, affine: true, eps: 1e-5, momentum: 0.1 });
    layer.apply(x, { training: false });
    layer.trainableWeights[0]!.write(gamma);
    layer.trainableWeights[1]!.write(beta);
    const [, dgRef] = tf.grads((a: Tensor, g: Tensor, b: Tensor) => tf.sum(tf.mul(naive(a, g, b, 1e-5), weights)))([x, gamma, beta]);
    const variables = layer.trainableWeights.map((v) => v.read() as unknown as Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }) as Tensor, weights)) as Scalar, variables);
    expect(worst(grads[variables[0]!.name]!, dgRef!)).toBeLessThan(2e-3);
    expect(worst(tf.mul(grads[variables[0]!.name]!, 1.1), dgRef!)).toBeGreaterThan(2e-3);
  });
});
