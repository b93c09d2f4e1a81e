/**
 * GDAS (Gumbel DARTS, Dong & Yang 2019): every step draws one architecture by perturbing the
 * architecture logits with Gumbel noise, runs it, and learns the logits through the hard
 * Gumbel-softmax's straight-through gradient, at a temperature that anneals over the run.
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchitectureLogits, type GumbelDraw, positiveOption } from './architecture-logits.js';
import { type LogitOptions, LogitStrategy } from './logit-strategy.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import { straightThroughWeights } from './straight-through.js';

/** Options of {@link GumbelDarts}: `archLearningRate` (default 3e-4, GDAS' own), `archWeightDecay` (default 1e-3) and the temperatures. */
export interface GumbelDartsOptions extends LogitOptions {
  /** The Gumbel-softmax temperature at the first step (default 10). */
  readonly tauMax?: number;
  /** The temperature at the last step (default 0.1; > 0 and ≤ `tauMax`). */
  readonly tauMin?: number;
}

/**
 * GDAS. Each step draws one architecture per batch from the Gumbel-perturbed logits (the `nChosen`
 * largest for an InputChoice). The logits learn on a validation batch through
 * `hard − stop_gradient(soft) + soft`, `soft` the softmax of the perturbed logits divided by the
 * temperature; then the shared weights of a freshly drawn path learn on a training batch. The
 * temperature falls linearly from `tauMax` to `tauMin` over the run's steps. The result is the
 * argmax of the logits.
 *
 * The architecture step computes every candidate and weights them by the hard one-hot (the value
 * equals the chosen path's; the other candidates add exact zeros but give the gates their
 * gradient); the weight step runs only the drawn path.
 *
 * @example
 * ```ts
 * const gdas = new GumbelDarts({ tauMax: 10, tauMin: 0.1 });
 * const result = await oneShot(space, { strategy: gdas, data, epochs: 2 });
 * console.log(gdas.probabilities());
 * ```
 */
export class GumbelDarts extends LogitStrategy {
  readonly name = 'GumbelDarts';
  readonly tauMax: number;
  readonly tauMin: number;

  constructor(options: GumbelDartsOptions = {}) {
    super('GumbelDarts', { archLearningRate: options.archLearningRate ?? 3e-4, archWeightDecay: options.archWeightDecay ?? 1e-3, beta1: 0.5 });
    this.tauMax = positiveOption(this.name, 'tauMax', options.tauMax ?? 10);
    this.tauMin = positiveOption(this.name, 'tauMin', options.tauMin ?? 0.1);
    if (this.tauMin > this.tauMax) {
      throw new OneShotError({ code: 'invalid-option', path: [this.name, 'tauMin'], expected: `a temperature > 0 and ≤ tauMax (${this.tauMax})`, received: this.tauMin });
    }
  }

  /**
   * The temperature at step `stepIndex` (0-based) of `totalSteps`: `tauMax` at the first step,
   * `tauMin` at the last, linear in between.
   */
  temperature(stepIndex: number, totalSteps: number): number {
    const progress = totalSteps > 1 ? Math.min(1, stepIndex / (totalSteps - 1)) : 0;
    return this.tauMax - (this.tauMax - this.tauMin) * progress;
  }

  /** @inheritdoc One step of the logits on `validation` through a drawn path, then one of a freshly drawn path's weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    const { choices } = context.supernet;
    const tau = this.temperature(context.stepIndex, context.totalSteps);
    const draws = this.logits.draw(choices, context.rng);
    const soft = (logits: Tensor1D, draw: GumbelDraw): Tensor1D => tf.softmax(tf.div(tf.add(logits, tf.tensor1d([...draw.noise])), tau)) as Tensor1D;
    tf.tidy(() => {
      this.optimizer.minimize(() => {
        const weights = straightThroughWeights(choices, this.logits, draws, soft);
        return this.decayed(context.loss(validation, { weights }));
      }, false, this.logits.variables);
    });
    return context.trainWeights(train, { sample: ArchitectureLogits.sampleOf(choices, this.logits.draw(choices, context.rng)) });
  }
}
