/**
 * DARTS: every choice mixes its candidates by the softmax of learnable architecture logits; steps
 * alternate between the logits (Adam, on a validation batch) and the shared weights (on a training
 * batch). First order by default; `order: 2` differentiates through one virtual training step
 * (DARTS' second-order approximation). The result keeps the strongest candidate of each choice.
 */
import { tf } from '../tf.js';
import { positiveOption } from './architecture-logits.js';
import { type LogitOptions, LogitStrategy } from './logit-strategy.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import { unrolledLogitGradients } from './unrolled-gradient.js';

/** Options of {@link Darts}: `archLearningRate` (default 3e-3, DARTS' own) and `archWeightDecay` (default 1e-3), and the order. */
export interface DartsOptions extends LogitOptions {
  /** 1 (default): the logits' gradient at the current weights; 2: through one virtual training step. */
  readonly order?: 1 | 2;
  /** Second order: the virtual step's learning rate ξ (default: the shared weights' learning rate, as DARTS). */
  readonly unrolledLearningRate?: number;
}

/**
 * DARTS. The architecture logits start near zero (seeded); {@link Darts.probabilities} shows them as
 * probabilities once the search ran.
 *
 * @example
 * ```ts
 * const result = await oneShot(space, { strategy: new Darts({ archLearningRate: 3e-3 }), data, epochs: 2 });
 * const second = await oneShot(space, { strategy: new Darts({ order: 2 }), data, epochs: 2 });
 * ```
 */
export class Darts extends LogitStrategy {
  readonly name = 'Darts';
  /** 1 or 2 (see {@link DartsOptions.order}). */
  readonly order: 1 | 2;
  /** ξ, when given (see {@link DartsOptions.unrolledLearningRate}). */
  readonly unrolledLearningRate: number | undefined;

  constructor(options: DartsOptions = {}) {
    super('Darts', { archLearningRate: options.archLearningRate ?? 3e-3, archWeightDecay: options.archWeightDecay ?? 1e-3, beta1: 0.5 });
    const order = options.order ?? 1;
    if (order !== 1 && order !== 2) throw new OneShotError({ code: 'invalid-option', path: ['Darts', 'order'], expected: '1 (first order) or 2 (second order)', received: options.order });
    this.order = order;
    this.unrolledLearningRate = options.unrolledLearningRate === undefined ? undefined : positiveOption('Darts', 'unrolledLearningRate', options.unrolledLearningRate, true);
  }

  /** @inheritdoc One step of the logits on `validation`, then one of the weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    if (this.order === 1) {
      tf.tidy(() => {
        this.optimizer.minimize(() => this.decayed(context.loss(validation, { weights: this.logits.softmaxes() })), false, this.logits.variables);
      });
    } else {
      this.#secondOrderStep(context, train, validation);
    }
    return tf.tidy(() => context.trainWeights(train, { weights: this.logits.softmaxes() }));
  }

  #secondOrderStep(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): void {
    const logits = this.logits.variables;
    const xi = this.unrolledLearningRate ?? (context.weightOptimizer as { learningRate?: number }).learningRate ?? 0;
    const weights = context.supernet.trainableVariables;
    const gradients = unrolledLogitGradients({ loss: context.loss, weights }, logits, () => ({ weights: this.logits.softmaxes() }), train, validation, xi);
    const decayed = tf.tidy(() => Object.fromEntries(logits.map((v) => [v.name, this.archWeightDecay === 0 ? gradients[v.name]!.clone() : tf.add(gradients[v.name]!, tf.mul(v, this.archWeightDecay))])));
    tf.dispose(Object.values(gradients));
    this.optimizer.applyGradients(decayed);
    tf.dispose(Object.values(decayed));
  }
}
