/**
 * PyTorch's `BatchNorm2d` over NHWC tensors: batch statistics while training (the running variance
 * takes the unbiased estimate, as PyTorch's does), running statistics otherwise. The scale and shift
 * are the trainable weights (when affine); the running mean and variance are non-trainable weights.
 */
import type { nn } from '@archspace/mutables';
import type { Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs-core';
import { tf, tfl } from '../tf.js';
import { channelAffine, hasFusedChannelAffine } from './channel-affine.js';
import { ArchspaceLayer, isTraining, type LayerShape, single, singleShape } from './layer-support.js';

/**
 * The per-channel means of an NHWC tensor, read to the host: the tensor seen as one image `n·h` rows
 * high (a free reshape), averaged by one whole-image average pool — the fastest reduction on both
 * backends (`tf.mean` over the batch transposes and casts first on WASM). The pool kernel is called
 * directly: `tf.avgPool` adds a cast to the input's type, a kernel call of its own.
 */
function channelMeans(t: Tensor): Float32Array {
  const [n, h, w, c] = t.shape as [number, number, number, number];
  const pooled = tf.tidy(() => {
    const image = tf.reshape(t, [1, n * h, w, c]);
    if (n * h * w === 1) return image;
    return tf.engine().runKernel('AvgPool', { x: image }, { filterSize: [n * h, w], strides: [n * h, w], pad: 'valid' }) as Tensor;
  });
  const means = pooled.dataSync() as Float32Array;
  pooled.dispose();
  return means;
}

/** `f(i)` for every channel `i < c`, as float32. */
function perChannel(c: number, f: (i: number) => number): Float32Array {
  const out = new Float32Array(c);
  for (let i = 0; i < c; i++) out[i] = f(i);
  return out;
}

/**
 * The configuration of a {@link BatchNorm2dLayer}: the `BatchNorm2d` op's parameters (`momentum` is
 * the weight of the newest batch in the running statistics, PyTorch's convention; Keras uses 1 − it).
 */
export interface BatchNorm2dLayerConfig extends nn.BatchNorm2dParams {
  readonly name?: string;
}

/** Batch normalization per channel (the last axis). */
export class BatchNorm2dLayer extends ArchspaceLayer<BatchNorm2dLayerConfig> {
  static readonly className = 'ArchspaceBatchNorm2d';
  #gamma: tfl.LayerVariable | undefined;
  #beta: tfl.LayerVariable | undefined;
  #runningMean: tfl.LayerVariable | undefined;
  #runningVar: tfl.LayerVariable | undefined;

  override build(): void {
    const c = [this.config.numFeatures];
    if (this.config.affine) {
      this.#gamma = this.addWeight('gamma', c, 'float32', tfl.initializers.ones());
      this.#beta = this.addWeight('beta', c, 'float32', tfl.initializers.zeros());
    }
    this.#runningMean = this.addWeight('running_mean', c, 'float32', tfl.initializers.zeros(), undefined, false);
    this.#runningVar = this.addWeight('running_var', c, 'float32', tfl.initializers.ones(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return singleShape(inputShape);
  }

  override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const c = this.config.numFeatures;
      const gamma = this.#gamma ? this.#gamma.read() : tf.ones([c]);
      const beta = this.#beta ? this.#beta.read() : tf.zeros([c]);
      if (isTraining(kwargs)) return this.#normalizeBatch(x, gamma, beta);
      const scale = tf.mul(tf.rsqrt(tf.add(this.#runningVar!.read(), this.config.eps)), gamma);
      return tf.add(tf.mul(tf.sub(x, this.#runningMean!.read()), scale), beta);
    });
  }

  /**
   * Training mode, with a hand-written gradient. Per-channel statistics and coefficients are a few
   * numbers per channel: they are computed on the host, so that the forward pass runs six kernels on
   * the feature map (a pool per mean, a subtraction, a square, a product and a sum) and the backward
   * pass seven, instead of the dozens of small kernels automatic differentiation takes. On WASM every
   * per-channel product and sum is one fused kernel (`channelAffine`): five forward, six backward.
   */
  #normalizeBatch = tf.customGrad(((x: Tensor, gamma: Tensor, beta: Tensor, save: (tensors: Tensor[]) => void) => {
    const c = this.config.numFeatures;
    const rows = x.size / c;
    // The CPU backend keeps its broadcasting ops (and the results its seeded runs repeat).
    const fused = hasFusedChannelAffine() && x.rank === 4;
    const mean = channelMeans(x);
    const centered = fused ? channelAffine(x as Tensor4D, perChannel(c, () => 1), perChannel(c, (i) => -mean[i]!)) : tf.sub(x, tf.tensor1d(mean));
    const variance = channelMeans(tf.square(centered));
    const g = gamma.dataSync();
    const invStd = perChannel(c, (i) => 1 / Math.sqrt(variance[i]! + this.config.eps));
    const scale = perChannel(c, (i) => invStd[i]! * g[i]!);
    const value = fused ? channelAffine(centered as Tensor4D, scale, beta as Tensor1D) : tf.add(tf.mul(centered, tf.tensor1d(scale)), beta);
    this.#updateRunningStatistics(mean, variance, rows);
    save([centered]);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
      const [cent] = saved as [Tensor];
      const meanDy = channelMeans(dy);
      const meanDyCentered = channelMeans(tf.mul(dy, cent));
      // dx = scale·(dy − mean(dy) − x̂·mean(dy·x̂)) with x̂ = centered·invStd, as one product of dy
      // and one of centered, per channel: scale·dy − (scale·invStd²·mean(dy·centered))·centered − scale·mean(dy).
      const onCentered = perChannel(c, (i) => scale[i]! * invStd[i]! * invStd[i]! * meanDyCentered[i]!);
      const constant = perChannel(c, (i) => scale[i]! * meanDy[i]!);
      const dx = fused
        ? tf.add(channelAffine(dy as Tensor4D, scale, perChannel(c, (i) => -constant[i]!)), channelAffine(cent as Tensor4D, perChannel(c, (i) => -onCentered[i]!)))
        : tf.sub(tf.mul(dy, tf.tensor1d(scale)), tf.add(tf.mul(cent, tf.tensor1d(onCentered)), tf.tensor1d(constant)));
      const dGamma = perChannel(c, (i) => meanDyCentered[i]! * invStd[i]! * rows);
      const dBeta = perChannel(c, (i) => meanDy[i]! * rows);
      return [dx, tf.tensor1d(dGamma), tf.tensor1d(dBeta)];
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: Tensor, gamma: Tensor, beta: Tensor) => Tensor;

  /** PyTorch's update: the running variance takes the unbiased batch variance (host arithmetic, float32 results). */
  #updateRunningStatistics(mean: Float32Array, variance: Float32Array, rows: number): void {
    const { momentum, numFeatures: c } = this.config;
    const correction = rows > 1 ? rows / (rows - 1) : 1;
    const rm = this.#runningMean!;
    const rv = this.#runningVar!;
    const oldMean = rm.read().dataSync();
    const oldVar = rv.read().dataSync();
    tf.tidy(() => {
      rm.write(tf.tensor1d(perChannel(c, (i) => oldMean[i]! * (1 - momentum) + mean[i]! * momentum)));
      rv.write(tf.tensor1d(perChannel(c, (i) => oldVar[i]! * (1 - momentum) + variance[i]! * correction * momentum)));
    });
  }
}
