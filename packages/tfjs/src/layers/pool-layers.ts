/**
 * PyTorch's pooling over NHWC tensors: `MaxPool2d` (padding never wins the max), `AvgPool2d` (padded
 * zeros in the divisor or not, `countIncludePad`) and `AdaptiveAvgPool2d` (any output size).
 */
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { windowLength } from './conv-kernels.js';
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

/** Max or average pooling with symmetric padding. */
export class Pool2dLayer extends ArchspaceLayer<Pool2dLayerConfig> {
  static readonly className = 'ArchspacePool2d';

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
      if (mode === 'max') return tf.maxPool(x, k, s, p);
      // TensorFlow.js averages over the positions inside the input only (countIncludePad = false).
      const y = tf.avgPool(x, k, s, p);
      if (!countIncludePad || p === 0) return y;
      const [, h, w] = x.shape;
      const [, oh, ow] = y.shape;
      const rows = windowCounts(h, oh, k, s, p);
      const cols = windowCounts(w, ow, k, s, p);
      const factors = new Float32Array(oh * ow);
      for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) factors[i * ow + j] = (rows[i]! * cols[j]!) / (k * k);
      return tf.mul(y, tf.tensor4d(factors, [1, oh, ow, 1]));
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
