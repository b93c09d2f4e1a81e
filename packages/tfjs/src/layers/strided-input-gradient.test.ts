import fc from 'fast-check';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import type { ConvGeometry } from './conv-kernels.js';
import { stridedInputGradient } from './strided-input-gradient.js';

/** A strided convolution's geometry (padding at most half the kernel, as PyTorch allows) and sizes. */
const cases = fc
  .record({
    kernel: fc.integer({ min: 1, max: 5 }),
    stride: fc.integer({ min: 2, max: 4 }),
    paddingShare: fc.double({ min: 0, max: 1, noNaN: true }),
    extraH: fc.integer({ min: 0, max: 6 }),
    extraW: fc.integer({ min: 0, max: 6 }),
    n: fc.integer({ min: 1, max: 2 }),
    cin: fc.integer({ min: 1, max: 4 }),
    cout: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ kernel, stride, paddingShare, extraH, extraW, ...rest }) => {
    const padding = Math.floor(paddingShare * (Math.floor(kernel / 2) + 0.999));
    const g: ConvGeometry = { kernel, stride, padding, dilation: 1 };
    return { g, h: Math.max(kernel - 2 * padding, 1) + extraH, w: Math.max(kernel - 2 * padding, 1) + extraW, ...rest };
  });

type Case = typeof cases extends fc.Arbitrary<infer T> ? T : never;

interface Reference {
  readonly dx: number[];
  readonly r: number[];
  readonly rShape: [number, number, number, number];
  readonly filter: number[];
  readonly xShape: [number, number, number, number];
}

/** The input gradient of Σ conv(x, w)·r by TensorFlow.js's own convolution gradient (CPU backend), and its inputs. */
function reference({ g, h, w, n, cin, cout, seed }: Case): Reference {
  let out: Reference | undefined;
  tf.tidy(() => {
    const x = tf.randomNormal([n, h, w, cin], 0, 1, 'float32', seed) as Tensor4D;
    const filter = tf.randomNormal([g.kernel, g.kernel, cin, cout], 0, 1, 'float32', seed + 1) as Tensor4D;
    const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [[0, 0], [g.padding, g.padding], [g.padding, g.padding], [0, 0]];
    const y = tf.conv2d(x, filter, g.stride, pad);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2);
    const dx = tf.grad((a: Tensor) => tf.sum(tf.mul(tf.conv2d(a as Tensor4D, filter, g.stride, pad), r)))(x);
    out = { dx: [...dx.dataSync()], r: [...r.dataSync()], rShape: y.shape, filter: [...filter.dataSync()], xShape: x.shape };
  });
  return out!;
}

describe.each(['cpu', 'wasm'] as const)('the phase-wise input gradient of a strided convolution (%s)', (backend) => {
  it('equals TensorFlow.js’s convolution input gradient for any stride, kernel, padding up to half the kernel and size', async () => {
    await useTfBackend('cpu');
    const samples = fc.sample(cases, { numRuns: 60, seed: 17 }).map((c) => ({ c, ref: reference(c) }));
    await useTfBackend(backend);
    for (const { c, ref } of samples) {
      const dx = tf.tidy(() => {
        const dy = tf.tensor4d(ref.r, ref.rShape);
        const filter = tf.tensor4d(ref.filter, [c.g.kernel, c.g.kernel, c.cin, c.cout]);
        const out = stridedInputGradient(dy, filter, ref.xShape, c.g);
        return out === undefined ? undefined : [...out.dataSync()];
      });
      expect(dx, JSON.stringify(c)).toBeDefined();
      let worst = 0;
      dx!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ref.dx[i]!))));
      expect(worst, JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });

  it('differs from the gradient of a filter with one tap changed (the comparison can fail)', async () => {
    await useTfBackend(backend);
    const g: ConvGeometry = { kernel: 3, stride: 2, padding: 1, dilation: 1 };
    const [a, b] = tf.tidy(() => {
      const dy = tf.randomNormal([1, 3, 3, 2], 0, 1, 'float32', 5) as Tensor4D;
      const filter = tf.randomNormal([3, 3, 2, 2], 0, 1, 'float32', 6) as Tensor4D;
      const changed = tf.add(filter, tf.reshape(tf.oneHot(tf.tensor1d([0], 'int32'), 36), [3, 3, 2, 2])) as Tensor4D;
      return [stridedInputGradient(dy, filter, [1, 6, 6, 2], g)!.dataSync(), stridedInputGradient(dy, changed, [1, 6, 6, 2], g)!.dataSync()];
    });
    expect(Math.max(...a!.map((v, i) => Math.abs(v - b![i]!)))).toBeGreaterThan(1e-3);
  });

  it('declines a stride of 1 and dilated convolutions (the caller spreads the gradient instead)', async () => {
    await useTfBackend(backend);
    const dy = tf.zeros([1, 4, 4, 1]) as Tensor4D;
    const filter = tf.zeros([3, 3, 1, 1]) as Tensor4D;
    expect(stridedInputGradient(dy, filter, [1, 4, 4, 1], { kernel: 3, stride: 1, padding: 1, dilation: 1 })).toBeUndefined();
    expect(stridedInputGradient(dy, filter, [1, 8, 8, 1], { kernel: 3, stride: 2, padding: 2, dilation: 2 })).toBeUndefined();
    tf.dispose([dy, filter]);
  });
});
