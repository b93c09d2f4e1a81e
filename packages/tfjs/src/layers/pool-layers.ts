/**
 * PyTorch's pooling over NHWC tensors: `MaxPool2d` (padding never wins the max), `AvgPool2d` (padded
 * zeros in the divisor or not, `countIncludePad`) and `AdaptiveAvgPool2d` (any output size), with
 * PyTorch's gradients.
 *
 * TensorFlow.js's average pooling divides by the in-bounds positions going forward but by the whole
 * window going back (its `AvgPoolGrad`, on the CPU and WASM backends alike), so differentiating
 * `tf.avgPool` with padding gives neither of PyTorch's gradients. Average pooling here pools the
 * zero-padded input (see {@link makeAvgPool}): every window is then whole, and both directions divide
 * by k² (`countIncludePad`). PyTorch's other mode is TensorFlow.js's forward pooling, with a gradient
 * that divides by each window's in-bounds count (see {@link makeAvgPoolExcludingPadding}).
 *
 * Max pooling's gradient is PyTorch's too: each window's gradient goes to the first position, in
 * row-major order, that holds the window's maximum. The CPU backend's `MaxPoolGrad` does that, but
 * WASM's sends the gradient of a window whose maximum is negative to the wrong place (and a tie to the
 * last maximum), so there the gradient is built from forward ops instead (see {@link makeMaxPool}).
 */
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { depthwiseInputGradient, spreadByStride, windowLength } from './conv-kernels.js';
import { ArchspaceLayer, type LayerShape, single, singleShape } from './layer-support.js';

/** The configuration of a {@link Pool2dLayer}. */
export interface Pool2dLayerConfig {
  readonly mode: 'max' | 'avg';
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
  /** Average pooling only: whether padded zeros count in the divisor. */
  readonly countIncludePad: boolean;
  readonly name?: string;
}

/** In-bounds positions of each window along one axis. */
function windowCounts(length: number, out: number, k: number, s: number, p: number): number[] {
  return Array.from({ length: out }, (_, o) => {
    const start = o * s - p;
    return Math.min(start + k, length) - Math.max(start, 0);
  });
}

/**
 * Max pooling of NHWC tensors over k×k windows (stride `s`, padding `p` that never wins), with
 * PyTorch's gradient on every backend: for each of the k² window offsets, in row-major order, the
 * positions holding their window's maximum and not yet claimed by an earlier offset receive the
 * window's output gradient.
 *
 * @example
 * ```ts
 * const pool = makeMaxPool(3, 2, 1);
 * tf.grad((x) => tf.sum(pool(x)))(x); // one 1 per window, at its first maximum
 * ```
 */
export function makeMaxPool(k: number, s: number, p: number): (x: Tensor4D) => Tensor4D {
  const op = tf.customGrad(((x: Tensor, save: (tensors: Tensor[]) => void) => {
    const value = tf.maxPool(x as Tensor4D, k, s, p);
    save([x, value]);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor => {
      const [xs, y] = saved as [Tensor4D, Tensor4D];
      const [n, h, w, c] = xs.shape;
      const [, oh, ow] = y.shape;
      const padded = p > 0 ? tf.pad(xs, [[0, 0], [p, p], [p, p], [0, 0]], -Infinity) : xs;
      const zero = tf.zerosLike(dy);
      let taken = tf.cast(tf.zerosLike(y), 'bool');
      const parts: Tensor[] = [];
      for (let di = 0; di < k; di++) {
        for (let dj = 0; dj < k; dj++) {
          // The element at offset (di, dj) of every window.
          const element = tf.stridedSlice(padded, [0, di, dj, 0], [n, di + s * (oh - 1) + 1, dj + s * (ow - 1) + 1, c], [1, s, s, 1]);
          const wins = tf.logicalAnd(tf.equal(element, y), tf.logicalNot(taken));
          taken = tf.logicalOr(taken, wins);
          // Back to where the elements sit in the padded input.
          const spread = spreadByStride(tf.where(wins, dy, zero) as Tensor4D, s);
          const [, sh, sw] = spread.shape;
          parts.push(tf.pad(spread, [[0, 0], [di, h + 2 * p - di - sh], [dj, w + 2 * p - dj - sw], [0, 0]]));
        }
      }
      const sum = parts.length === 1 ? parts[0]! : tf.addN(parts);
      return p > 0 ? tf.slice(sum, [0, p, p, 0], [n, h, w, c]) : sum;
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op as (x: Tensor4D) => Tensor4D;
}

/** The `[k, k, channels, 1]` depthwise filter that averages a whole k×k window. */
function averagingFilter(k: number, channels: number): Tensor4D {
  return tf.fill([k, k, channels, 1], 1 / (k * k));
}

/**
 * Average pooling of NHWC tensors over k×k windows (stride `s`, zero padding `p` counted in the
 * divisor: Σ/k² everywhere), with a hand-written gradient. TensorFlow.js's `AvgPoolGrad`, and the
 * slice that differentiates an explicit pad, are among WASM's slowest kernels; here the padding lives
 * in a depthwise convolution by the constant averaging filter, whose input gradient is itself a
 * depthwise convolution — or, for non-overlapping windows (`k = s`, no padding, sizes divisible by
 * `s`), every output gradient spread over its window by one broadcast product.
 *
 * @example
 * ```ts
 * makeAvgPool(3, 1, 1)(x); // as tf.avgPool(tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), 3, 1, 'valid')
 * ```
 */
export function makeAvgPool(k: number, s: number, p: number): (x: Tensor4D) => Tensor4D {
  const g = { kernel: k, stride: s, padding: p, dilation: 1 };
  const op = tf.customGrad(((x: Tensor, save: (tensors: Tensor[]) => void) => {
    const input = x as Tensor4D;
    save([input]);
    const value = p === 0 ? tf.avgPool(input, k, s, 'valid') : tf.depthwiseConv2d(input, averagingFilter(k, input.shape[3]), s, p);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor => {
      const [xs] = saved as [Tensor4D];
      const grad = dy as Tensor4D;
      const [n, h, w, c] = xs.shape;
      const [, oh, ow] = grad.shape;
      if (k === s && p === 0 && oh * s === h && ow * s === w) {
        const spread = tf.mul(tf.reshape(grad, [n, oh, 1, ow, 1, c]), tf.fill([1, 1, s, 1, s, 1], 1 / (k * k)));
        return tf.reshape(spread, [n, h, w, c]);
      }
      return depthwiseInputGradient(grad, xs, averagingFilter(k, c), g);
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op as (x: Tensor4D) => Tensor4D;
}

/** `1/(in-bounds positions)` of every output position's k×k window: PyTorch's `countIncludePad = false` divisor. */
function inverseWindowCounts(h: number, w: number, oh: number, ow: number, k: number, s: number, p: number): Float32Array {
  const rows = windowCounts(h, oh, k, s, p);
  const cols = windowCounts(w, ow, k, s, p);
  const inverses = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) inverses[i * ow + j] = 1 / (rows[i]! * cols[j]!);
  return inverses;
}

/**
 * Average pooling of NHWC tensors whose divisor is each window's in-bounds positions (PyTorch's
 * `countIncludePad = false`), as TensorFlow.js's own pooling divides going forward: one pool kernel.
 * Its gradient is hand-written (TensorFlow.js's `AvgPoolGrad` divides by the whole window): every
 * output gradient divided by its window's count, then spread back over the window by the depthwise
 * convolution of {@link makeAvgPool}'s gradient (by a filter of ones).
 *
 * @example
 * ```ts
 * makeAvgPoolExcludingPadding(3, 1, 1)(x); // corners average 4 values, edges 6, the rest 9
 * ```
 */
export function makeAvgPoolExcludingPadding(k: number, s: number, p: number): (x: Tensor4D) => Tensor4D {
  const g = { kernel: k, stride: s, padding: p, dilation: 1 };
  const op = tf.customGrad(((x: Tensor, save: (tensors: Tensor[]) => void) => {
    save([x]);
    // The kernel directly: `tf.avgPool` adds a cast to the input's type, a kernel call of its own.
    const value = tf.engine().runKernel('AvgPool', { x }, { filterSize: [k, k], strides: [s, s], pad: p }) as Tensor4D;
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor => {
      const [xs] = saved as [Tensor4D];
      const [, h, w, c] = xs.shape;
      const [, oh, ow] = dy.shape as [number, number, number, number];
      const perWindow = tf.mul(dy, tf.tensor4d(inverseWindowCounts(h, w, oh, ow, k, s, p), [1, oh, ow, 1])) as Tensor4D;
      return depthwiseInputGradient(perWindow, xs, tf.ones([k, k, c, 1]) as Tensor4D, g);
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op as (x: Tensor4D) => Tensor4D;
}

/** Max or average pooling with symmetric padding. */
export class Pool2dLayer extends ArchspaceLayer<Pool2dLayerConfig> {
  static readonly className = 'ArchspacePool2d';
  readonly #maxPool: (x: Tensor4D) => Tensor4D;
  readonly #avgPool: (x: Tensor4D) => Tensor4D;
  readonly #avgPoolExcludingPadding: (x: Tensor4D) => Tensor4D;

  constructor(config: Pool2dLayerConfig) {
    super(config);
    this.#maxPool = makeMaxPool(config.kernelSize, config.stride, config.padding);
    this.#avgPool = makeAvgPool(config.kernelSize, config.stride, config.padding);
    this.#avgPoolExcludingPadding = makeAvgPoolExcludingPadding(config.kernelSize, config.stride, config.padding);
  }

  #geometry() {
    return { kernel: this.config.kernelSize, stride: this.config.stride, padding: this.config.padding, dilation: 1 };
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [n, h, w, c] = singleShape(inputShape);
    const g = this.#geometry();
    return [n ?? null, h == null ? null : windowLength(h, g), w == null ? null : windowLength(w, g), c ?? null];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = single(inputs) as Tensor4D;
      const { mode, kernelSize: k, stride: s, padding: p, countIncludePad } = this.config;
      // The CPU backend's own MaxPoolGrad is PyTorch's, and three times faster there.
      if (mode === 'max') return tf.getBackend() === 'cpu' ? tf.maxPool(x, k, s, p) : this.#maxPool(x);
      // Whole windows over the zero-padded input: Σ/k² forward and back (see the file comment); or
      // divided by each window's in-bounds positions.
      return countIncludePad || p === 0 ? this.#avgPool(x) : this.#avgPoolExcludingPadding(x);
    });
  }
}

/** The configuration of an {@link AdaptiveAvgPool2dLayer}. */
export interface AdaptiveAvgPool2dLayerConfig {
  readonly outputSize: readonly [number, number];
  readonly name?: string;
}

/** PyTorch's averaging matrix of an adaptive pool along one axis: row `o` averages `[⌊o·L/O⌋, ⌈(o+1)·L/O⌉)`. */
function adaptiveMatrix(length: number, out: number): Float32Array {
  const m = new Float32Array(out * length);
  for (let o = 0; o < out; o++) {
    const start = Math.floor((o * length) / out);
    const end = Math.ceil(((o + 1) * length) / out);
    for (let i = start; i < end; i++) m[o * length + i] = 1 / (end - start);
  }
  return m;
}

/** Average pooling to a fixed output size, whatever the input size. */
export class AdaptiveAvgPool2dLayer extends ArchspaceLayer<AdaptiveAvgPool2dLayerConfig> {
  static readonly className = 'ArchspaceAdaptiveAvgPool2d';

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [n, , , c] = singleShape(inputShape);
    return [n ?? null, this.config.outputSize[0], this.config.outputSize[1], c ?? null];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = single(inputs) as Tensor4D;
      const [n, h, w, c] = x.shape;
      const [oh, ow] = this.config.outputSize;
      if (oh === 1 && ow === 1) return tf.mean(x, [1, 2], true);
      if (h % oh === 0 && w % ow === 0) return tf.avgPool(x, [h / oh, w / ow], [h / oh, w / ow], 'valid');
      // Uneven windows: two matrix products with PyTorch's averaging matrices.
      const alongH = tf.matMul(tf.tensor2d(adaptiveMatrix(h, oh), [oh, h]), tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, n * w * c]));
      const hw = tf.transpose(tf.reshape(alongH, [oh, n, w, c]), [2, 1, 0, 3]); // [w, n, oh, c]
      const alongW = tf.matMul(tf.tensor2d(adaptiveMatrix(w, ow), [ow, w]), tf.reshape(hw, [w, n * oh * c]));
      return tf.transpose(tf.reshape(alongW, [ow, n, oh, c]), [1, 2, 0, 3]);
    });
  }

  override getConfig() {
    return { ...this.baseConfig(), outputSize: [...this.config.outputSize] };
  }
}
