import type { Scalar, Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { BatchNorm2dLayer } from './batch-norm-layer.js';
import { Conv2dLayer } from './conv2d-layer.js';
import { AdaptiveAvgPool2dLayer, Pool2dLayer } from './pool-layers.js';
import { ZeroLayer } from './shape-layers.js';

/** A deterministic NHWC test image: value = f(n, y, x, c). */
function ramp(n: number, h: number, w: number, c: number): Tensor4D {
  const values = new Float32Array(n * h * w * c);
  for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 0.7) * 2 + (i % 5) * 0.1;
  return tf.tensor4d(values, [n, h, w, c]);
}

function nhwc(t: Tensor): number[][][][] {
  return t.arraySync() as number[][][][];
}

function expectClose(actual: Tensor, expected: number[][][][], tolerance = 1e-4): void {
  const a = nhwc(actual);
  expect(actual.shape).toEqual([expected.length, expected[0]!.length, expected[0]![0]!.length, expected[0]![0]![0]!.length]);
  a.forEach((img, n) => img.forEach((row, y) => row.forEach((px, x) => px.forEach((v, c) => expect(Math.abs(v - expected[n]![y]![x]![c]!)).toBeLessThan(tolerance)))));
}

/** A pooling geometry and mode, as PyTorch's `MaxPool2d` / `AvgPool2d` take them. */
interface PoolCase {
  readonly mode: 'max' | 'avg';
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly countIncludePad: boolean;
}

/**
 * PyTorch's pooling written out with loops (NHWC arrays): `visit(n, i, j, c, positions, divisor)`
 * sees every output with the in-bounds input positions `[y, x]` of its window, in PyTorch's scan
 * order, and the average's divisor.
 */
function poolWindows(x: number[][][][], { k, s, p, countIncludePad }: PoolCase, visit: (n: number, i: number, j: number, c: number, positions: [number, number][], divisor: number) => void): [number, number] {
  const h = x[0]!.length;
  const w = x[0]![0]!.length;
  const oh = Math.floor((h + 2 * p - k) / s) + 1;
  const ow = Math.floor((w + 2 * p - k) / s) + 1;
  x.forEach((img, n) => {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const positions: [number, number][] = [];
        for (let di = 0; di < k; di++) {
          for (let dj = 0; dj < k; dj++) {
            const y = i * s - p + di;
            const xx = j * s - p + dj;
            if (y >= 0 && y < h && xx >= 0 && xx < w) positions.push([y, xx]);
          }
        }
        img[0]![0]!.forEach((_, c) => visit(n, i, j, c, positions, countIncludePad ? k * k : positions.length));
      }
    }
  });
  return [oh, ow];
}

/** The first position of `positions` holding the largest value of channel `c` (PyTorch's argmax). */
function firstMax(img: number[][][], positions: [number, number][], c: number): [number, number] {
  return positions.reduce((best, at) => (img[at[0]]![at[1]]![c]! > img[best[0]]![best[1]]![c]! ? at : best));
}

/** PyTorch's pooling of `x`. */
function referencePool(x: number[][][][], pool: PoolCase): number[][][][] {
  const out: number[][][][] = x.map(() => []);
  poolWindows(x, pool, (n, i, j, c, positions, divisor) => {
    const img = x[n]!;
    const [y, xx] = firstMax(img, positions, c);
    const value = pool.mode === 'max' ? img[y]![xx]![c]! : positions.reduce((sum, [a, b]) => sum + img[a]![b]![c]!, 0) / divisor;
    ((out[n]![i] ??= [])[j] ??= [])[c] = value;
  });
  return out;
}

/** PyTorch's gradient of Σ r·pool(x) with respect to `x`. */
function referencePoolGradient(x: number[][][][], r: number[][][][], pool: PoolCase): number[][][][] {
  const dx = x.map((img) => img.map((row) => row.map((px) => px.map(() => 0))));
  poolWindows(x, pool, (n, i, j, c, positions, divisor) => {
    const g = r[n]![i]![j]![c]!;
    if (pool.mode === 'max') {
      const [y, xx] = firstMax(x[n]!, positions, c);
      dx[n]![y]![xx]![c]! += g;
    } else {
      for (const [y, xx] of positions) dx[n]![y]![xx]![c]! += g / divisor;
    }
  });
  return dx;
}

/** PyTorch's Conv2d with groups (NHWC arrays; `weight[o][ci][ki][kj]` in PyTorch's layout). */
function referenceConv(x: number[][][][], weight: number[][][][], bias: number[] | null, s: number, p: number, d: number, groups: number): number[][][][] {
  const h = x[0]!.length;
  const w = x[0]![0]!.length;
  const cin = x[0]![0]![0]!.length;
  const cout = weight.length;
  const k = weight[0]![0]!.length;
  const oh = Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
  const ow = Math.floor((w + 2 * p - d * (k - 1) - 1) / s) + 1;
  const perGroupIn = cin / groups;
  const perGroupOut = cout / groups;
  return x.map((img) =>
    Array.from({ length: oh }, (_, i) =>
      Array.from({ length: ow }, (_, j) =>
        Array.from({ length: cout }, (_, o) => {
          const g = Math.floor(o / perGroupOut);
          let sum = bias ? bias[o]! : 0;
          for (let ci = 0; ci < perGroupIn; ci++) {
            for (let ki = 0; ki < k; ki++) {
              for (let kj = 0; kj < k; kj++) {
                const y = i * s - p + ki * d;
                const xx = j * s - p + kj * d;
                if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                sum += img[y]![xx]![g * perGroupIn + ci]! * weight[o]![ci]![ki]![kj]!;
              }
            }
          }
          return sum;
        }),
      ),
    ),
  );
}

/** The layer's TensorFlow.js kernel in PyTorch's `[out][in/groups][k][k]` layout. */
function pytorchWeight(layer: Conv2dLayer): number[][][][] {
  const kernel = layer.trainableWeights[0]!.read().arraySync() as number[][][][]; // [k][k][a][b]
  const { inChannels, outChannels, kernelSize: k, groups } = layer.config;
  const depthwise = groups === inChannels && groups > 1;
  return Array.from({ length: outChannels }, (_, o) =>
    Array.from({ length: inChannels / groups }, (_, ci) =>
      Array.from({ length: k }, (_, ki) =>
        Array.from({ length: k }, (_, kj) => {
          if (depthwise) {
            const m = outChannels / inChannels;
            return kernel[ki]![kj]![Math.floor(o / m)]![o % m]!;
          }
          return kernel[ki]![kj]![ci]![o]!;
        }),
      ),
    ),
  );
}

describe.each(['cpu', 'wasm'] as const)('layers compute what PyTorch computes (%s)', (backend) => {
  beforeAll(async () => {
    await useTfBackend(backend);
  });

  it.each([
    { name: 'plain 3×3', inC: 4, outC: 6, k: 3, s: 1, p: 1, d: 1, groups: 1, bias: true },
    { name: 'stride 2', inC: 4, outC: 5, k: 3, s: 2, p: 1, d: 1, groups: 1, bias: false },
    { name: 'groups 2', inC: 4, outC: 6, k: 3, s: 1, p: 1, d: 1, groups: 2, bias: true },
    { name: 'depthwise ×2', inC: 3, outC: 6, k: 3, s: 1, p: 1, d: 1, groups: 3, bias: true },
    { name: 'dilated depthwise stride 2', inC: 4, outC: 4, k: 3, s: 2, p: 2, d: 2, groups: 4, bias: false },
    { name: 'dilated 5×5', inC: 2, outC: 3, k: 5, s: 1, p: 4, d: 2, groups: 1, bias: false },
  ])('Conv2d $name', ({ inC, outC, k, s, p, d, groups, bias }) => {
    const layer = new Conv2dLayer({ inChannels: inC, outChannels: outC, kernelSize: k, stride: s, padding: p, dilation: d, groups, bias, seed: 5 });
    const x = ramp(2, 7, 6, inC);
    const y = layer.apply(x) as Tensor;
    const b = bias ? (layer.trainableWeights[1]!.read().arraySync() as number[]) : null;
    expectClose(y, referenceConv(nhwc(x), pytorchWeight(layer), b, s, p, d, groups));
  });

  const POOLS = [
    ['max', 3, 2, 1, false],
    ['max', 3, 1, 1, false],
    ['max', 2, 2, 0, false],
    ['avg', 3, 2, 1, true],
    ['avg', 3, 2, 1, false],
    ['avg', 3, 1, 1, true],
    ['avg', 3, 1, 1, false],
    ['avg', 2, 2, 0, true],
    ['avg', 2, 2, 1, false],
  ] as const;

  it.each(POOLS)('%s pool k%i s%i p%i countIncludePad %s: value and gradient', (mode, k, s, p, countIncludePad) => {
    const pool: PoolCase = { mode, k, s, p, countIncludePad };
    const layer = new Pool2dLayer({ mode, kernelSize: k, stride: s, padding: p, countIncludePad });
    const x = ramp(2, 8, 7, 3);
    const y = layer.apply(x) as Tensor;
    expectClose(y, referencePool(nhwc(x), pool));
    const r = tf.mul(ramp(...(y.shape as [number, number, number, number])), -0.5);
    const dx = tf.grad((a: Tensor) => tf.sum(tf.mul(layer.apply(a) as Tensor, r)))(x);
    expectClose(dx, referencePoolGradient(nhwc(x), nhwc(r), pool));
  });

  it.each([
    [3, 2, 1],
    [3, 1, 1],
    [2, 2, 0],
  ] as const)("max pool k%i s%i p%i sends each window's gradient to its first maximum, also when all are negative or tied", (k, s, p) => {
    const pool: PoolCase = { mode: 'max', k, s, p, countIncludePad: false };
    const layer = new Pool2dLayer({ mode: 'max', kernelSize: k, stride: s, padding: p, countIncludePad: false });
    // Every value negative (WASM's own MaxPoolGrad loses those windows), then values rounded to
    // integers (many ties; WASM's kernel picks the last).
    for (const x of [tf.sub(ramp(2, 8, 7, 3), 5), tf.round(ramp(2, 8, 7, 3))]) {
      const y = layer.apply(x) as Tensor;
      expectClose(y, referencePool(nhwc(x), pool));
      const r = tf.add(ramp(...(y.shape as [number, number, number, number])), 3);
      const dx = tf.grad((a: Tensor) => tf.sum(tf.mul(layer.apply(a) as Tensor, r)))(x);
      expectClose(dx, referencePoolGradient(nhwc(x), nhwc(r), pool));
    }
  });

  it("average pooling's gradient on ones is PyTorch's at the corner, edge and centre of a 3×3 image", () => {
    const gradient = (countIncludePad: boolean) => {
      const layer = new Pool2dLayer({ mode: 'avg', kernelSize: 3, stride: 1, padding: 1, countIncludePad });
      return [...tf.grad((a: Tensor) => tf.sum(layer.apply(a) as Tensor))(tf.ones([1, 3, 3, 1])).dataSync()];
    };
    // TensorFlow.js's own AvgPoolGrad gives 4/9, 6/9 and 9/9 whatever the mode.
    // Corner, edge and centre: Σ 1/count over the windows that cover each.
    const cornerEdgeCentre = (countIncludePad: boolean) => [0, 1, 4].map((i) => gradient(countIncludePad)[i]!.toFixed(4));
    expect(cornerEdgeCentre(false)).toEqual([1 / 4 + 2 / 6 + 1 / 9, 2 / 4 + 3 / 6 + 1 / 9, 4 / 4 + 4 / 6 + 1 / 9].map((v) => v.toFixed(4))); // 0.694, 1.111, 1.778
    expect(cornerEdgeCentre(true)).toEqual([4 / 9, 6 / 9, 9 / 9].map((v) => v.toFixed(4)));
  });

  it('AdaptiveAvgPool2d averages PyTorch windows, even uneven ones', () => {
    const x = ramp(2, 7, 5, 3);
    const img = nhwc(x);
    const windows = (length: number, out: number) => Array.from({ length: out }, (_, o) => [Math.floor((o * length) / out), Math.ceil(((o + 1) * length) / out)] as const);
    for (const [oh, ow] of [[1, 1], [3, 2], [7, 5], [4, 3]] as const) {
      const y = new AdaptiveAvgPool2dLayer({ outputSize: [oh, ow] }).apply(x) as Tensor;
      const expected = img.map((im) =>
        windows(7, oh).map(([y0, y1]) =>
          windows(5, ow).map(([x0, x1]) =>
            [0, 1, 2].map((c) => {
              let sum = 0;
              for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += im[yy]![xx]![c]!;
              return sum / ((y1 - y0) * (x1 - x0));
            }),
          ),
        ),
      );
      expectClose(y, expected);
    }
  });

  it('Zero gives zeros of the size and channels it is configured with', () => {
    const y = new ZeroLayer({ height: 4, width: 3, channels: 5 }).apply(ramp(2, 7, 6, 3)) as Tensor;
    expect(y.shape).toEqual([2, 4, 3, 5]);
    expect(tf.max(tf.abs(y)).dataSync()[0]).toBe(0);
  });

  it('BatchNorm2d: batch statistics while training, gradients of automatic differentiation, PyTorch running statistics', () => {
    const layer = new BatchNorm2dLayer({ numFeatures: 3, affine: true, eps: 1e-5, momentum: 0.1 });
    const x = ramp(4, 5, 3, 3);
    const weights = tf.mul(ramp(4, 5, 3, 3), 0.3);
    const naive = (input: Tensor, g: Tensor, b: Tensor) => {
      const mean = tf.mean(input, [0, 1, 2]);
      const variance = tf.mean(tf.square(tf.sub(input, mean)), [0, 1, 2]);
      return tf.add(tf.mul(tf.div(tf.sub(input, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    layer.apply(x, { training: false }); // builds the weights
    const g0 = tf.tensor1d([1.5, 0.5, -1]);
    const b0 = tf.tensor1d([0.1, -0.2, 0.3]);
    layer.trainableWeights[0]!.write(g0);
    layer.trainableWeights[1]!.write(b0);
    const [dxRef, dgRef, dbRef] = tf.grads((a: Tensor, g: Tensor, b: Tensor) => tf.sum(tf.mul(naive(a, g, b), weights)))([x, g0, b0]);
    // The layer's own gradients: with respect to its input, then to its (variable) scale and shift.
    const [dx] = tf.grads((a: Tensor) => tf.sum(tf.mul(layer.apply(a, { training: true }) as Tensor, weights)))([x]);
    const variables = layer.trainableWeights.map((w) => w.read() as unknown as Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }) as Tensor, weights)) as Scalar, variables);
    const close = (a: Tensor, b: Tensor, tolerance = 1e-4) => expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(tolerance);
    close(layer.apply(x, { training: true }) as Tensor, naive(x, g0, b0));
    close(dx!, dxRef!);
    close(grads[variables[0]!.name]!, dgRef!, 1e-3);
    close(grads[variables[1]!.name]!, dbRef!, 1e-3);
    // Three training calls from running mean 0 and variance 1: each mixes in 10 % of the batch's
    // mean and unbiased variance.
    const mean = tf.mean(x, [0, 1, 2]);
    const unbiased = tf.mul(tf.mean(tf.square(tf.sub(x, mean)), [0, 1, 2]), 60 / 59);
    const kept = 0.9 ** 3;
    const [runningMean, runningVar] = layer.nonTrainableWeights.map((w) => w.read());
    close(runningMean!, tf.mul(mean, 1 - kept));
    close(runningVar!, tf.add(kept, tf.mul(unbiased, 1 - kept)));
    // Inference uses the running statistics.
    const inferred = layer.apply(x, { training: false }) as Tensor;
    close(inferred, tf.add(tf.mul(tf.div(tf.sub(x, runningMean!), tf.sqrt(tf.add(runningVar!, 1e-5))), g0), b0));
  });
});
