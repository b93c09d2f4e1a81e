/**
 * The common part of the one-shot strategies that learn architecture logits by gradient (DARTS,
 * GDAS, ProxylessNAS): set-up, the argmax result, probabilities and clean-up; each adds its step.
 */
import type { Sample } from '@archspace/mutables';
import type { Scalar } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchitectureLogits, positiveOption, refuseUnmixable } from './architecture-logits.js';
import type { OneShotBatch, OneShotContext, OneShotStrategy } from './one-shot-strategy.js';

/** Options every {@link LogitStrategy} takes; each strategy documents its defaults. */
export interface LogitOptions {
  /** Learning rate of the architecture logits' Adam (> 0). */
  readonly archLearningRate?: number;
  /** Weight decay of the architecture logits (≥ 0; 0 for none). */
  readonly archWeightDecay?: number;
}

/** The logits' optimizer settings of a {@link LogitStrategy}, defaults already applied. */
export interface LogitSettings {
  /** Learning rate of the logits' Adam (> 0). */
  readonly archLearningRate: number;
  /** Weight decay of the logits (≥ 0). */
  readonly archWeightDecay: number;
  /** First-moment decay of the logits' Adam (β₂ is 0.999). */
  readonly beta1: number;
}

/**
 * A strategy with one learnable logit per candidate of every choice, trained by its own optimizer.
 * Subclasses write {@link LogitStrategy.step} with `this.logits`, `this.optimizer` and `this.decayed`.
 *
 * @example
 * ```ts
 * class MyStrategy extends LogitStrategy {
 *   readonly name = 'Mine';
 *   constructor() { super('Mine', { archLearningRate: 1e-3, archWeightDecay: 0, beta1: 0.9 }); }
 *   step(context, train) { return context.trainWeights(train, { weights: this.logits.softmaxes() }); }
 * }
 * ```
 */
export abstract class LogitStrategy implements OneShotStrategy {
  abstract readonly name: string;
  /** Learning rate of the logits' Adam. */
  readonly archLearningRate: number;
  /** Weight decay of the logits (0: none). */
  readonly archWeightDecay: number;
  /** The architecture logits (created by {@link LogitStrategy.prepare}). */
  protected readonly logits: ArchitectureLogits;
  #optimizer: tf.Optimizer | undefined;
  readonly #beta1: number;

  /** Checks the settings: an `'invalid-option'` error names `strategy` and the option. */
  protected constructor(strategy: string, settings: LogitSettings) {
    this.archLearningRate = positiveOption(strategy, 'archLearningRate', settings.archLearningRate);
    this.archWeightDecay = positiveOption(strategy, 'archWeightDecay', settings.archWeightDecay, true);
    this.#beta1 = settings.beta1;
    this.logits = new ArchitectureLogits(strategy);
  }

  /** The optimizer of the logits, during a search. */
  protected get optimizer(): tf.Optimizer {
    if (this.#optimizer === undefined) throw new Error(`${this.name}: step() before prepare()`);
    return this.#optimizer;
  }

  /** @inheritdoc Refuses what a mixture cannot stand for (see `refuseUnmixable`); sets the logits to small seeded values. */
  prepare(context: OneShotContext): void {
    this.dispose();
    refuseUnmixable(context, this.name);
    this.logits.reset(context.supernet.choices, context.rng);
    this.#optimizer = tf.train.adam(this.archLearningRate, this.#beta1, 0.999);
  }

  abstract step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number;

  /** @inheritdoc The candidate (or the `nChosen` inputs) with the largest logit of each choice. */
  result(context: OneShotContext): Sample {
    return this.logits.best(context.supernet.choices);
  }

  /** The softmax of each choice's logits, by label: during the search, or as the last search ended. */
  probabilities(): Map<string, number[]> {
    return this.logits.probabilities();
  }

  /** @inheritdoc Keeps the final probabilities for {@link LogitStrategy.probabilities}. */
  dispose(): void {
    this.logits.dispose();
    this.#optimizer?.dispose();
    this.#optimizer = undefined;
  }

  /** `loss` plus the logits' weight decay. */
  protected decayed(loss: Scalar): Scalar {
    return this.logits.withDecay(loss, this.archWeightDecay);
  }
}
