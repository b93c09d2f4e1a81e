import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { type ConvGeometry, makeConv2d, makeDepthwiseConv2d, windowLength } from './conv-kernels.js';

/** A convolution built from gathers and products only, so that automatic differentiation applies. */
function referenceConv(x: Tensor4D, w: Tensor4D, g: ConvGeometry, depthwise: boolean): Tensor {
  const [n, h, wd, c] = x.shape;
  const [k, , , co] = w.shape;
  const xp = tf.pad(x, [[0, 0], [g.padding, g.padding], [g.padding, g.padding], [0, 0]]);
  const oh = windowLength(h, g);
  const ow = windowLength(wd, g);
  let out: Tensor | undefined;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const rows = Array.from({ length: oh }, (_, o) => o * g.stride + i * g.dilation);
      const cols = Array.from({ length: ow }, (_, o) => o * g.stride + j * g.dilation);
      const patch = tf.gather(tf.gather(xp, rows, 1), cols, 2); // [n, oh, ow, c]
      const tap = tf.slice(w, [i, j, 0, 0], [1, 1, w.shape[2], co]);
      const term = depthwise
        ? tf.reshape(tf.mul(tf.reshape(patch, [n, oh, ow, c, 1]), tf.reshape(tap, [c, co])), [n, oh, ow, c * co])
        : tf.reshape(tf.matMul(tf.reshape(patch, [n * oh * ow, c]), tf.reshape(tap, [c, co])), [n, oh, ow, co]);
      out = out === undefined ? term : tf.add(out, term);
    }
  }
  return out!;
}

const GEOMETRIES: ConvGeometry[] = [
  { kernel: 3, stride: 1, padding: 1, dilation: 1 },
  { kernel: 3, stride: 2, padding: 1, dilation: 1 },
  { kernel: 1, stride: 2, padding: 0, dilation: 1 },
  { kernel: 1, stride: 1, padding: 0, dilation: 1 },
  { kernel: 5, stride: 1, padding: 4, dilation: 2 },
  { kernel: 3, stride: 1, padding: 2, dilation: 2 },
  { kernel: 3, stride: 3, padding: 0, dilation: 1 },
  { kernel: 2, stride: 1, padding: 0, dilation: 3 },
];

interface Outcome {
  readonly value: number[];
  readonly shape: number[];
  readonly dx: number[];
  readonly dw: number[];
}

/** Value and gradients of Σ conv(x, w)·r, for fixed seeded x, w and r. */
function outcome(g: ConvGeometry, depthwise: boolean, conv: (x: Tensor4D, w: Tensor4D) => Tensor): Outcome {
  return tf.tidy(() => {
    const x = tf.randomNormal([2, 8, 7, 3], 0, 1, 'float32', 1) as Tensor4D;
    const w = tf.randomNormal([g.kernel, g.kernel, 3, depthwise ? 2 : 4], 0, 1, 'float32', 2) as Tensor4D;
    const y = conv(x, w);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    const [dx, dw] = tf.grads((a: Tensor, b: Tensor) => tf.sum(tf.mul(conv(a as Tensor4D, b as Tensor4D), r)))([x, w]);
    return { value: [...y.dataSync()], shape: y.shape, dx: [...dx!.dataSync()], dw: [...dw!.dataSync()] };
  });
}

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]!))));
  expect(worst).toBeLessThan(tolerance);
}

describe.each(['cpu', 'wasm'] as const)('hand-written convolution gradients (%s)', (backend) => {
  for (const g of GEOMETRIES) {
    for (const depthwise of [false, true]) {
      it(`${depthwise ? 'depthwise' : 'regular'} k${g.kernel} s${g.stride} p${g.padding} d${g.dilation} agrees with automatic differentiation`, async () => {
        // The reference differentiates gathers, which only the CPU backend can.
        await useTfBackend('cpu');
        const expected = outcome(g, depthwise, (x, w) => referenceConv(x, w, g, depthwise));
        await useTfBackend(backend);
        const fast = depthwise ? makeDepthwiseConv2d(g) : makeConv2d(g);
        const actual = outcome(g, depthwise, fast);
        expect(actual.shape).toEqual(expected.shape);
        expectClose(actual.value, expected.value, 1e-4);
        expectClose(actual.dx, expected.dx, 1e-4);
        expectClose(actual.dw, expected.dw, 1e-3);
      });
    }
  }
});
