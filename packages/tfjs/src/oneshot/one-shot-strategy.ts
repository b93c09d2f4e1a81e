/**
 * What a one-shot strategy is given and what it must do: train the shared weights (and its own
 * architecture parameters) one step at a time, then name the architecture it found.
 */
import type { Rng, Sample } from '@archspace/mutables';
import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { PathSetting, Supernet } from './supernet.js';

/** A batch of images (NHWC) and their one-hot labels. */
export interface OneShotBatch {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** What the search driver hands a strategy. */
export interface OneShotContext {
  /** The supernet, its weights shared by every architecture. */
  readonly supernet: Supernet;
  /** The run's random numbers (seeded: a seeded run repeats exactly on the CPU backend). */
  readonly rng: Rng;
  /** The optimizer of the shared weights. */
  readonly weightOptimizer: Optimizer;
  /** The mean cross-entropy of the supernet along `path` on `batch` (training mode: batch statistics). */
  loss(batch: OneShotBatch, path: PathSetting): Scalar;
  /** One training step of the shared weights along `path`; returns the loss before the step. */
  trainWeights(batch: OneShotBatch, path: PathSetting): number;
  /** The accuracy of `sample` with the weights it inherits from the supernet, on the validation split. */
  validationAccuracy(sample: Sample): number;
  /** How many steps the whole run takes (every epoch's), for schedules such as a temperature's. */
  readonly totalSteps: number;
  /** The 0-based index of the current step over the whole run: `0 … totalSteps − 1`. */
  readonly stepIndex: number;
}

/**
 * A one-shot strategy. One instance serves one search at a time; {@link OneShotStrategy.prepare}
 * resets it, so an instance can be used again.
 */
export interface OneShotStrategy {
  /** The strategy's name, as errors and progress reports show it. */
  readonly name: string;
  /** Checks the supernet (refusing what the strategy cannot handle) and sets up its parameters. */
  prepare(context: OneShotContext): void;
  /** One search step on a training and a validation batch; returns the training loss. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number;
  /** The architecture found, after the last epoch. */
  result(context: OneShotContext): Sample;
  /** Frees the strategy's tensors. */
  dispose(): void;
}
