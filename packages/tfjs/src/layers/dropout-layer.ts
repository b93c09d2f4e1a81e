/**
 * PyTorch's `Dropout` with reproducible masks: every training call draws a fresh mask from a seed
 * that advances by one, so a run with the same seed drops the same elements at the same steps.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchspaceLayer, isTraining, type LayerShape, single, singleShape } from './layer-support.js';

/** The configuration of a {@link SeededDropoutLayer}. */
export interface SeededDropoutLayerConfig {
  /** Probability of zeroing an element. */
  readonly rate: number;
  /** Seed of the first mask. */
  readonly seed: number;
  readonly name?: string;
}

/** Zeroes each element with probability `rate` while training and scales the rest by `1 / (1 − rate)`. */
export class SeededDropoutLayer extends ArchspaceLayer<SeededDropoutLayerConfig> {
  static readonly className = 'ArchspaceDropout';
  #calls = 0;

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return singleShape(inputShape);
  }

  override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
    const x = single(inputs);
    const { rate, seed } = this.config;
    if (!isTraining(kwargs) || rate === 0) return tf.clone(x);
    if (rate >= 1) return tf.zerosLike(x);
    return tf.dropout(x, rate, undefined, seed + this.#calls++);
  }
}
