import { NasBench201Space, nasBench201Sample } from '@archspace/mutables';
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { compileModel } from '../compile/compile-model.js';
import { tf } from '../tf.js';
import { ReluLayer } from './relu-layer.js';

describe.each(['cpu', 'wasm'] as const)('ReluLayer (%s)', (backend) => {
  it('gives tf.relu’s values and gradient, zero at zero and below', async () => {
    await useTfBackend(backend);
    const x = tf.tensor4d([-2, -0, 0, 1e-30, 0.5, 3, -1e-30, 7], [1, 2, 2, 2]);
    const r = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const layer = new ReluLayer({});
    const ours = tf.grad((a: Tensor) => tf.sum(tf.mul(layer.apply(a) as Tensor, r)))(x);
    const theirs = tf.grad((a: Tensor) => tf.sum(tf.mul(tf.relu(a), r)))(x);
    expect([...(layer.apply(x) as Tensor).dataSync()]).toEqual([...tf.relu(x).dataSync()]);
    expect([...ours.dataSync()]).toEqual([...theirs.dataSync()]);
    expect([...ours.dataSync()]).toEqual([0, 0, 0, 4, 5, 6, 0, 8]);
    tf.dispose([x, r, ours, theirs]);
  });
});

describe('compiled ReLUs', () => {
  it('share one layer per rectified tensor (a NAS-Bench-201 node feeding three convolution edges is rectified once)', async () => {
    await useTfBackend('cpu');
    const space = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 3 });
    const count = (arch: string) => {
      const model = compileModel(space.freeze(nasBench201Sample(arch)), { inputShapes: [[null, 3, 8, 8]], seed: 1 });
      const n = model.layers.filter((l) => l.getClassName() === 'ArchspaceReLU').length;
      model.dispose();
      return n;
    };
    // Every cell: node 0 feeds three ReLU-Conv-BN edges (one ReLU), node 2 one; two ReLUs per reduction block, one at the end.
    expect(count('|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|')).toBe(3 * 2 + 2 * 2 + 1);
    // Convolutions on three different nodes: three ReLUs per cell.
    expect(count('|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|skip_connect~1|nor_conv_1x1~2|')).toBe(3 * 3 + 2 * 2 + 1);
  });
});
