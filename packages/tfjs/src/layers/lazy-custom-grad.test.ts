import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { lazyCustomGrad } from './lazy-custom-grad.js';

/** a·b with a hand-written gradient that counts how often each input's gradient is computed. */
function countedProduct() {
  const calls = { a: 0, b: 0 };
  const op = lazyCustomGrad<[Tensor, Tensor]>((a, b, save) => {
    save([a, b]);
    return {
      value: tf.mul(a, b),
      gradFunc: (dy, [sa, sb]) => [
        () => {
          calls.a++;
          return tf.mul(dy, sb!);
        },
        () => {
          calls.b++;
          return tf.mul(dy, sa!);
        },
      ],
    };
  });
  return { op, calls };
}

describe.each(['cpu', 'wasm'] as const)('lazyCustomGrad (%s)', (backend) => {
  beforeAll(async () => {
    await useTfBackend(backend);
  });

  it('computes only the gradients of inputs the gradient is taken through', () => {
    const { op, calls } = countedProduct();
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.variable(tf.tensor1d([4, 5, 6]));
    // `a` depends on no variable, as a network's input images: its gradient is never asked for.
    const { grads } = tf.variableGrads(() => tf.sum(op(a, b)) as tf.Scalar, [b]);
    expect([...grads[b.name]!.dataSync()]).toEqual([1, 2, 3]);
    expect(calls).toEqual({ a: 0, b: 1 });
    tf.dispose([a, b, grads[b.name]!]);
  });

  it('gives every input its gradient when all are asked for, as tf.customGrad does', () => {
    const { op, calls } = countedProduct();
    const a = tf.tensor1d([1, -2, 3]);
    const b = tf.tensor1d([4, 5, -6]);
    const weights = tf.tensor1d([0.5, 2, -1]);
    const [da, db] = tf.grads((x: Tensor, y: Tensor) => tf.sum(tf.mul(op(x, y), weights)))([a, b]);
    expect([...da!.dataSync()]).toEqual([2, 10, 6]);
    expect([...db!.dataSync()]).toEqual([0.5, -4, -3]);
    expect(calls).toEqual({ a: 1, b: 1 });
    expect([...op(a, b).dataSync()]).toEqual([4, -10, -18]);
    tf.dispose([a, b, weights, da!, db!]);
  });

  it('leaves no tensor behind after a gradient', () => {
    const { op } = countedProduct();
    const a = tf.tensor1d([1, 2]);
    const b = tf.tensor1d([3, 4]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((x: Tensor, y: Tensor) => tf.sum(op(x, y)))([a, b]);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});
