/**
 * Convolutions with hand-written gradients. TensorFlow.js's WASM backend has no kernel for the filter
 * gradient of a convolution (nor for either gradient of a depthwise one), its CPU backend's are
 * slow (seconds per step), and neither takes gradients through dilated convolutions. Every gradient
 * here is itself a forward convolution, the kernel both backends run fastest:
 *
 * - the filter gradient convolves the input with the output gradient, batch and channels swapped
 *   (for a depthwise convolution: batch folded into the channels);
 * - the input gradient convolves the output gradient, spread out by the stride and padded, with the
 *   filter flipped — or, strided and undilated, the output gradient by one filter per phase of the
 *   stride (see `strided-input-gradient.ts`).
 *
 * A 1×1, stride-1, unpadded convolution's filter gradient is a matrix product instead (see
 * {@link pointwiseFilterGradient}).
 *
 * Padding is explicit and symmetric, as in PyTorch. Stride and dilation cannot both exceed 1 here
 * (TensorFlow.js refuses it); the layer subsamples a stride-1 result instead.
 */
import { nn } from '@archspace/mutables';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { lazyCustomGrad } from './lazy-custom-grad.js';
import { stridedInputGradient } from './strided-input-gradient.js';

/** A square sliding window: kernel size, stride, symmetric zero padding and dilation. */
export interface ConvGeometry {
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

/** Output length of a window over `length` input positions, as PyTorch computes it. */
export function windowLength(length: number, g: ConvGeometry): number {
  return nn.slidingOutput(length, g.kernel, g.stride, g.padding, g.dilation)!;
}

/** Padded input positions the window never reaches (at the end), for one axis. */
function unusedTail(length: number, g: ConvGeometry): number {
  const out = windowLength(length, g);
  return length + 2 * g.padding - ((out - 1) * g.stride + g.dilation * (g.kernel - 1) + 1);
}

/** Pads (positive amounts) or crops (negative amounts) height and width. */
function padOrCrop(t: Tensor4D, [top, bottom]: readonly [number, number], [left, right]: readonly [number, number]): Tensor4D {
  let out = t;
  if (top > 0 || bottom > 0 || left > 0 || right > 0) {
    out = tf.pad(out, [[0, 0], [Math.max(top, 0), Math.max(bottom, 0)], [Math.max(left, 0), Math.max(right, 0)], [0, 0]]);
  }
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [n, h, w, c] = out.shape;
    const t0 = Math.max(-top, 0);
    const l0 = Math.max(-left, 0);
    out = tf.slice(out, [0, t0, l0, 0], [n, h - t0 - Math.max(-bottom, 0), w - l0 - Math.max(-right, 0), c]);
  }
  return out;
}

/**
 * Follows every position of height and width with `stride − 1` zeros, the last one included: the
 * result is `stride` times as high and wide. One pad, no slice (WASM's 4-D slice is its slowest kernel).
 */
function spreadWithTail(t: Tensor4D, stride: number): Tensor4D {
  if (stride === 1) return t;
  const [n, h, w, c] = t.shape;
  const spread = tf.pad(tf.reshape(t, [n, h, 1, w, 1, c]), [[0, 0], [0, 0], [0, stride - 1], [0, 0], [0, stride - 1], [0, 0]]);
  return tf.reshape(spread, [n, h * stride, w * stride, c]);
}

/** Inserts `stride − 1` zeros between neighbouring positions of height and width. */
export function spreadByStride(t: Tensor4D, stride: number): Tensor4D {
  if (stride === 1) return t;
  const [n, h, w, c] = t.shape;
  return tf.slice(spreadWithTail(t, stride), [0, 0, 0, 0], [n, (h - 1) * stride + 1, (w - 1) * stride + 1, c]);
}

/** Explicit padding as TensorFlow.js convolutions take it (NHWC). */
type Padding = [[0, 0], [number, number], [number, number], [0, 0]];

function explicit([top, bottom]: readonly [number, number], [left, right]: readonly [number, number]): Padding {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}

/**
 * A tensor and the padding a convolution adds to it, from paddings that may be negative: positive
 * amounts stay in the convolution's padding (no copy), negative ones crop the tensor first.
 */
function splitPadding(t: Tensor4D, rows: readonly [number, number], cols: readonly [number, number]): [Tensor4D, Padding] {
  const crop = (a: number) => Math.min(a, 0);
  const keep = (a: number) => Math.max(a, 0);
  const cropped = rows.some((a) => a < 0) || cols.some((a) => a < 0) ? padOrCrop(t, [crop(rows[0]), crop(rows[1])], [crop(cols[0]), crop(cols[1])]) : t;
  return [cropped, explicit([keep(rows[0]), keep(rows[1])], [keep(cols[0]), keep(cols[1])])];
}

/**
 * The output gradient spread by the stride, and the padding under which a flipped-filter
 * convolution of it gives the input gradient.
 */
function outputGradientPadding(dy: Tensor4D, x: Tensor4D, g: ConvGeometry): [Tensor4D, Padding] {
  const q = g.dilation * (g.kernel - 1) - g.padding;
  // The spread's trailing `stride − 1` zeros stand in for as much of the bottom and right padding.
  const end = (length: number) => q + unusedTail(length, g) - (g.stride - 1);
  return splitPadding(spreadWithTail(dy, g.stride), [q, end(x.shape[1])], [q, end(x.shape[2])]);
}

/** The input and the padding that make it the padded input cropped to the positions the window reaches. */
function reachedInputPadding(x: Tensor4D, g: ConvGeometry): [Tensor4D, Padding] {
  const p = g.padding;
  return splitPadding(x, [p, p - unusedTail(x.shape[1], g)], [p, p - unusedTail(x.shape[2], g)]);
}

/**
 * A `[k, k, a, b]` filter turned by 180° in its window, its last two axes swapped when `swap` (to
 * `[k, k, b, a]`). Filters are small: the permutation runs on the host, one upload instead of a
 * reverse and a transpose kernel (WASM's reverse is among its slowest kernels, a millisecond for a
 * 3×3×32×32 filter).
 */
function flipWindow(w: Tensor4D, swap = false): Tensor4D {
  const [k, , a, b] = w.shape;
  if (k === 1 && !swap) return w;
  const source = w.dataSync() as Float32Array;
  const out = new Float32Array(source.length);
  const taps = k * k;
  for (let p = 0; p < taps; p++) {
    const from = p * a * b;
    const to = (taps - 1 - p) * a * b;
    if (!swap) {
      out.set(source.subarray(from, from + a * b), to);
      continue;
    }
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) out[to + j * a + i] = source[from + i * b + j]!;
  }
  return tf.tensor4d(out, swap ? [k, k, b, a] : [k, k, a, b]);
}

/** A small `[a, k, k, b]` tensor as `[k, k, a, b]`, permuted on the host (one upload, no transpose kernel). */
function channelsToWindow(t: Tensor4D): Tensor4D {
  const [a, k, , b] = t.shape;
  const source = t.dataSync() as Float32Array;
  const out = new Float32Array(source.length);
  for (let i = 0; i < a; i++) {
    for (let p = 0; p < k * k; p++) {
      const from = (i * k * k + p) * b;
      out.set(source.subarray(from, from + b), (p * a + i) * b);
    }
  }
  return tf.tensor4d(out, [k, k, a, b]);
}

/** The type `tf.customGrad` expects; its declared parameter type does not admit named arguments. */
type CustomGradient = Parameters<typeof tf.customGrad>[0];

function checkGeometry(g: ConvGeometry): void {
  if (g.stride > 1 && g.dilation > 1) throw new RangeError('conv kernels: stride and dilation cannot both exceed 1 (subsample a stride-1 result)');
}

/**
 * NHWC `x` as `[c, h, w, n]` (batch and channels swapped). For images of 64 positions or more with 8
 * channels or more, in two transposes that read or write contiguously — the batch to the end of each
 * image, then whole batch rows behind their channel — which WASM runs two to three times faster than
 * the one four-axis transpose, whose every read strides over a whole image; smaller ones gain nothing
 * from the extra calls.
 */
function swapBatchAndChannels(x: Tensor4D): Tensor4D {
  const [n, h, w, c] = x.shape;
  if (h * w < 64 || c < 8) return tf.transpose(x, [3, 1, 2, 0]);
  const batchLast = tf.transpose(tf.reshape(x, [n, h * w * c])); // [h·w·c, n]
  return tf.reshape(tf.transpose(tf.reshape(batchLast, [h * w, c, n]), [1, 0, 2]), [c, h, w, n]);
}

/** The filter gradient of a convolution: `x` convolved with `dy`, channels and batch swapped. */
function filterGradient(x: Tensor4D, dy: Tensor4D, g: ConvGeometry): Tensor4D {
  const [xIn, xPad] = reachedInputPadding(x, g);
  const xT = swapBatchAndChannels(xIn);
  const dyT = tf.transpose(dy, [1, 2, 0, 3]);
  return channelsToWindow(tf.conv2d(xT, dyT, g.dilation, xPad, 'NHWC', g.stride));
}

/**
 * The filter gradient of a 1×1, stride-1, unpadded convolution: one matrix product xᵀ·dy over every
 * position of the batch (the XNNPACK product on WASM), instead of a convolution with a filter the
 * size of the image.
 */
function pointwiseFilterGradient(x: Tensor4D, dy: Tensor4D): Tensor4D {
  const [n, h, w, cin] = x.shape;
  const cout = dy.shape[3];
  // A two-axis transpose: WASM runs it about three times faster than the same permutation on four axes.
  const xT = tf.transpose(tf.reshape(x, [n * h * w, cin]));
  return tf.reshape(tf.matMul(xT, tf.reshape(dy, [n * h * w, cout])), [1, 1, cin, cout]);
}

/** The input gradient of a convolution: the output gradient, spread by the stride, convolved with the flipped filter. */
function inputGradient(dy: Tensor4D, x: Tensor4D, w: Tensor4D, g: ConvGeometry): Tensor4D {
  const flipped = flipWindow(w, true); // input and output channels swapped too
  const [dyIn, dyPad] = outputGradientPadding(dy, x, g);
  return tf.conv2d(dyIn, flipped, 1, dyPad, 'NHWC', g.dilation);
}

/**
 * A 2-D convolution of NHWC `x` with a `[k, k, in, out]` filter, differentiable on every backend.
 *
 * @example
 * ```ts
 * const conv = makeConv2d({ kernel: 3, stride: 1, padding: 1, dilation: 1 });
 * conv(x, w); // as tf.conv2d(x, w, 1, 1), with fast gradients
 * ```
 */
export function makeConv2d(g: ConvGeometry): (x: Tensor4D, w: Tensor4D) => Tensor4D {
  checkGeometry(g);
  const pointwise = g.kernel === 1 && g.stride === 1 && g.padding === 0;
  // Lazy gradients: the first layer's input gradient (towards the images) is never computed.
  const op = lazyCustomGrad<[Tensor, Tensor]>((x, w, save) => {
    save([x, w]);
    const value = tf.conv2d(x as Tensor4D, w as Tensor4D, g.stride, g.padding, 'NHWC', g.dilation);
    const gradFunc = (dy: Tensor, saved: Tensor[]) => {
      const [xs, ws] = saved as [Tensor4D, Tensor4D];
      const grad = dy as Tensor4D;
      const dx = () => stridedInputGradient(grad, ws, xs.shape, g) ?? inputGradient(grad, xs, ws, g);
      const dw = () => (pointwise ? pointwiseFilterGradient(xs, grad) : filterGradient(xs, grad, g));
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op as (x: Tensor4D, w: Tensor4D) => Tensor4D;
}

/**
 * A depthwise convolution of NHWC `x` with a `[k, k, channels, multiplier]` filter (output channel
 * `c·multiplier + m`, as PyTorch's grouped convolution with `groups = channels` orders them),
 * differentiable on every backend.
 */
export function makeDepthwiseConv2d(g: ConvGeometry): (x: Tensor4D, w: Tensor4D) => Tensor4D {
  checkGeometry(g);
  const op = tf.customGrad(((x: Tensor, w: Tensor, save: (tensors: Tensor[]) => void) => {
    save([x, w]);
    const value = tf.depthwiseConv2d(x as Tensor4D, w as Tensor4D, g.stride, g.padding, 'NHWC', g.dilation);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
      const [xs, ws] = saved as [Tensor4D, Tensor4D];
      const grad = dy as Tensor4D;
      const [n, , , c] = xs.shape;
      const [k, , , m] = ws.shape;
      const [, oh, ow] = grad.shape;
      // Filter gradient: one image whose channels are (channel, example) pairs, filtered by the
      // output gradient of each pair; the examples are summed afterwards.
      const [xIn, xPad] = reachedInputPadding(xs, g);
      const [, ih, iw] = xIn.shape;
      const folded = tf.reshape(tf.transpose(xIn, [1, 2, 3, 0]), [1, ih, iw, c * n]);
      const filters = tf.reshape(tf.transpose(tf.reshape(grad, [n, oh, ow, c, m]), [1, 2, 3, 0, 4]), [oh, ow, c * n, m]);
      const perExample = tf.depthwiseConv2d(folded as Tensor4D, filters as Tensor4D, g.dilation, xPad, 'NHWC', g.stride);
      const dw = tf.sum(tf.reshape(perExample, [k, k, c, n, m]), 3);
      return [depthwiseInputGradient(grad, xs, ws, g), dw];
    };
    return { value, gradFunc };
  }) as unknown as CustomGradient);
  return op as (x: Tensor4D, w: Tensor4D) => Tensor4D;
}

/**
 * The input gradient of a depthwise convolution of `x` by `w` (`[k, k, channels, multiplier]`) whose
 * output gradient is `dy`: every (channel, multiplier) output filtered back by its flipped filter.
 */
export function depthwiseInputGradient(dy: Tensor4D, x: Tensor4D, w: Tensor4D, g: ConvGeometry): Tensor4D {
  const [n, h, wd, c] = x.shape;
  const [k, , , m] = w.shape;
  const flipped = tf.reshape(flipWindow(w), [k, k, c * m, 1]) as Tensor4D;
  const [dyIn, dyPad] = outputGradientPadding(dy, x, g);
  const back = tf.depthwiseConv2d(dyIn, flipped, 1, dyPad, 'NHWC', g.dilation);
  return m === 1 ? back : tf.sum(tf.reshape(back, [n, h, wd, c, m]), 4);
}
