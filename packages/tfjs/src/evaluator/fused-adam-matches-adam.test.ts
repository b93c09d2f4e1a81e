import fc from 'fast-check';
import type { Optimizer, Tensor, Variable } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { FusedAdamOptimizer } from './fused-adam.js';

/** The weights after `steps` updates of `optimizer` from `start`, with gradient `grads(step)` each step. */
function train(optimizer: Optimizer, start: Float32Array[], grads: (step: number) => Float32Array[], steps: number, asList: boolean): Float32Array[] {
  const weights = start.map((w) => tf.variable(tf.tensor1d(w)) as Variable);
  for (let s = 0; s < steps; s++) {
    const gs = grads(s).map((g) => tf.tensor1d(g));
    optimizer.applyGradients(asList ? weights.map((w, i) => ({ name: w.name, tensor: gs[i]! })) : Object.fromEntries(weights.map((w, i) => [w.name, gs[i]!])));
    tf.dispose(gs);
  }
  const out = weights.map((w) => w.dataSync() as Float32Array);
  tf.dispose(weights);
  optimizer.dispose();
  return out;
}

/** Gradients by weight name, typed as `applyGradients` declares its record form. */
const gradients = (record: Record<string, Tensor | null>) => record as unknown as Parameters<InstanceType<typeof tf.AdamOptimizer>['applyGradients']>[0];

const floats = (n: number) => fc.array(fc.float({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }).map((a) => Float32Array.from(a));

describe('FusedAdamOptimizer', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('gives bit-for-bit the weights of tf.train.adam, step after step, for any weights and gradients', () => {
    fc.assert(
      fc.property(fc.tuple(floats(5), floats(3)), fc.array(fc.tuple(floats(5), floats(3)), { minLength: 1, maxLength: 4 }), fc.boolean(), (start, gradSteps, asList) => {
        const grads = (s: number) => gradSteps[s]!;
        const expected = train(tf.train.adam(0.01, 0.9, 0.999, 1e-8), start, grads, gradSteps.length, asList);
        const actual = train(new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-8), start, grads, gradSteps.length, asList);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('follows a learning rate changed between steps, as the evaluator schedules it', () => {
    const fused = new FusedAdamOptimizer(0.1, 0.9, 0.999);
    const w = tf.variable(tf.tensor1d([1])) as Variable;
    fused.applyGradients(gradients({ [w.name]: tf.tensor1d([2]) }));
    (fused as unknown as { learningRate: number }).learningRate = 0.01;
    const before = w.dataSync()[0]!;
    fused.applyGradients(gradients({ [w.name]: tf.tensor1d([2]) }));
    // A constant gradient makes Adam's step ≈ the learning rate.
    expect(before - w.dataSync()[0]!).toBeCloseTo(0.01, 4);
    tf.dispose(w);
    fused.dispose();
  });

  it('keeps its state as tf.train.adam does: moments and iterations round-trip through getWeights/setWeights', async () => {
    const w = tf.variable(tf.tensor1d([0.5, -0.5])) as Variable;
    const first = new FusedAdamOptimizer(0.05, 0.9, 0.999);
    first.applyGradients(gradients({ [w.name]: tf.tensor1d([1, -3]) }));
    const state = await first.getWeights();
    expect(state.map((s) => s.name)).toEqual(['iter', `${w.name}/m`, `${w.name}/v`]);
    const plain = tf.train.adam(0.05, 0.9, 0.999);
    const w2 = tf.variable(tf.tensor1d([0.5, -0.5])) as Variable;
    plain.applyGradients(gradients({ [w2.name]: tf.tensor1d([1, -3]) }));
    const plainState = await plain.getWeights();
    expect(state.map((s) => Array.from(s.tensor.dataSync()))).toEqual(plainState.map((s) => Array.from(s.tensor.dataSync())));
    tf.dispose([w, w2]);
    first.dispose();
    plain.dispose();
  });

  it('skips a weight whose gradient is missing, leaving it unchanged', () => {
    const a = tf.variable(tf.tensor1d([1])) as Variable;
    const b = tf.variable(tf.tensor1d([2])) as Variable;
    const fused = new FusedAdamOptimizer(0.1, 0.9, 0.999);
    fused.applyGradients(gradients({ [a.name]: tf.tensor1d([1]), [b.name]: null }));
    expect(a.dataSync()[0]).toBeLessThan(1);
    expect(b.dataSync()[0]).toBe(2);
    tf.dispose([a, b]);
    fused.dispose();
  });

  it('matches tf.train.adam on the WASM backend too', async () => {
    await useTfBackend('wasm');
    try {
      const start = [Float32Array.from([0.3, -1.2, 4])];
      const grads = (s: number) => [Float32Array.from([0.1 * (s + 1), -2, 1e-6])];
      expect(train(new FusedAdamOptimizer(0.005, 0.9, 0.999), start, grads, 3, false)).toEqual(train(tf.train.adam(0.005, 0.9, 0.999), start, grads, 3, false));
    } finally {
      await useTfBackend('cpu');
    }
  });
});
