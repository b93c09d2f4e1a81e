/**
 * DARTS, first order: every choice mixes its candidates by the softmax of learnable architecture
 * logits; steps alternate between the logits (Adam, on a validation batch) and the shared weights
 * (on a training batch). The result keeps the strongest candidate of each choice.
 */
import { tf } from '../tf.js';
import { type LogitOptions, LogitStrategy } from './logit-strategy.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';

/** Options of {@link Darts}: `archLearningRate` (default 3e-3, DARTS' own) and `archWeightDecay` (default 1e-3). */
export type DartsOptions = LogitOptions;

/**
 * First-order DARTS. The architecture logits start near zero (seeded); {@link Darts.probabilities}
 * shows them as probabilities once the search ran.
 *
 * @example
 * ```ts
 * const result = await oneShot(space, { strategy: new Darts({ archLearningRate: 3e-3 }), data, epochs: 2 });
 * ```
 */
export class Darts extends LogitStrategy {
  readonly name = 'Darts';

  constructor(options: DartsOptions = {}) {
    super('Darts', { archLearningRate: options.archLearningRate ?? 3e-3, archWeightDecay: options.archWeightDecay ?? 1e-3, beta1: 0.5 });
  }

  /** @inheritdoc One step of the logits on `validation`, then one of the weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    tf.tidy(() => {
      this.optimizer.minimize(() => this.decayed(context.loss(validation, { weights: this.logits.softmaxes() })), false, this.logits.variables);
    });
    return tf.tidy(() => context.trainWeights(train, { weights: this.logits.softmaxes() }));
  }
}
