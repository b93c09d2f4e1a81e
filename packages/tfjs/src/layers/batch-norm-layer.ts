/**
 * PyTorch's `BatchNorm2d` over NHWC tensors: batch statistics while training (the running variance
 * takes the unbiased estimate, as PyTorch's does), running statistics otherwise. The scale and shift
 * are the trainable weights (when affine); the running mean and variance are non-trainable weights.
 */
import type { nn } from '@archspace/mutables';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf, tfl } from '../tf.js';
import { ArchspaceLayer, isTraining, type LayerShape, single, singleShape } from './layer-support.js';

/** The per-channel mean of an NHWC tensor, as a `[C]` vector. */
function channelMean(t: Tensor4D): Tensor {
  const [, h, w] = t.shape;
  return tf.mean(tf.avgPool(t, [h, w], [h, w], 'valid'), [0, 1, 2]);
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
   * Training mode, with a hand-written gradient: the backward pass costs five passes over the tensor
   * instead of the dozen automatic differentiation takes, and channel means are a whole-image average
   * pool (the fastest reduction on both backends) followed by a mean over the batch.
   */
  #normalizeBatch = tf.customGrad(((x: Tensor, gamma: Tensor, beta: Tensor, save: (tensors: Tensor[]) => void) => {
    const input = x as Tensor4D;
    const mean = channelMean(input);
    const centered = tf.sub(input, mean);
    const variance = channelMean(tf.square(centered) as Tensor4D);
    const invStd = tf.rsqrt(tf.add(variance, this.config.eps));
    const scale = tf.mul(invStd, gamma);
    const value = tf.add(tf.mul(centered, scale), beta);
    this.#updateRunningStatistics(mean, variance, input.size / this.config.numFeatures);
    save([centered, invStd, scale]);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
      const [cent, inv, sc] = saved as [Tensor4D, Tensor, Tensor];
      const grad = dy as Tensor4D;
      const meanDy = channelMean(grad);
      const meanDyCentered = channelMean(tf.mul(grad, cent) as Tensor4D);
      const rows = cent.size / this.config.numFeatures;
      // dx = scale·(dy − mean(dy) − x̂·mean(dy·x̂)), with x̂ = centered·invStd.
      const dx = tf.sub(tf.sub(tf.mul(grad, sc), tf.mul(cent, tf.mul(tf.mul(sc, tf.square(inv)), meanDyCentered))), tf.mul(sc, meanDy));
      return [dx, tf.mul(tf.mul(meanDyCentered, inv), rows), tf.mul(meanDy, rows)];
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: Tensor, gamma: Tensor, beta: Tensor) => Tensor;

  /** PyTorch's update: the running variance takes the unbiased batch variance. */
  #updateRunningStatistics(mean: Tensor, variance: Tensor, rows: number): void {
    const { momentum } = this.config;
    tf.tidy(() => {
      const unbiased = rows > 1 ? tf.mul(variance, rows / (rows - 1)) : variance;
      const rm = this.#runningMean!;
      const rv = this.#runningVar!;
      rm.write(tf.add(tf.mul(rm.read(), 1 - momentum), tf.mul(mean, momentum)));
      rv.write(tf.add(tf.mul(rv.read(), 1 - momentum), tf.mul(unbiased, momentum)));
    });
  }
}
