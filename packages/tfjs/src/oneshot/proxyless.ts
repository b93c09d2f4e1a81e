/**
 * ProxylessNAS (Cai, Zhu & Han 2019): binarised paths. The shared weights train one path drawn
 * from the softmax of the architecture logits; the logits learn through binary gates with the
 * gate gradient estimate `∂L/∂α_i = Σ_j ∂L/∂g_j · p_j (δ_ij − p_i)`.
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchitectureLogits } from './architecture-logits.js';
import { type LogitOptions, LogitStrategy } from './logit-strategy.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import { straightThroughWeights } from './straight-through.js';

/**
 * Options of {@link Proxyless}: `archLearningRate` (default 1e-3; the logits' Adam has β₁ = 0 as in
 * ProxylessNAS) and `archWeightDecay` (default 0, as in ProxylessNAS).
 */
export type ProxylessOptions = LogitOptions;

/**
 * ProxylessNAS with binary gates. Each step draws a path from the softmax `p` of the logits (for an
 * InputChoice, `nChosen` inputs without replacement) and runs it on a validation batch with binary
 * gates `g` (1 on the drawn candidate); the logits then move along
 * `∂L/∂α_i = Σ_j ∂L/∂g_j · p_j (δ_ij − p_i)`. Then a freshly drawn path's shared weights learn on a
 * training batch, only that path running. The result is the argmax of the logits.
 *
 * This is the full-gate estimate: `∂L/∂g_j` is taken for every candidate (so the architecture step
 * computes every candidate, the gates zeroing all but the drawn one), not ProxylessNAS' two-path
 * rescaling, which saves memory but estimates the same gradient with more variance. No latency term.
 *
 * @example
 * ```ts
 * const proxyless = new Proxyless({ archLearningRate: 1e-3 });
 * const result = await oneShot(space, { strategy: proxyless, data, epochs: 2 });
 * console.log(proxyless.probabilities());
 * ```
 */
export class Proxyless extends LogitStrategy {
  readonly name = 'Proxyless';

  constructor(options: ProxylessOptions = {}) {
    super('Proxyless', { archLearningRate: options.archLearningRate ?? 1e-3, archWeightDecay: options.archWeightDecay ?? 0, beta1: 0 });
  }

  /** @inheritdoc One step of the logits through binary gates on `validation`, then one of a drawn path's weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    const { choices } = context.supernet;
    const gates = this.logits.draw(choices, context.rng);
    tf.tidy(() => {
      this.optimizer.minimize(() => this.decayed(context.loss(validation, { weights: straightThroughWeights(choices, this.logits, gates, (logits) => tf.softmax(logits) as Tensor1D) })), false, this.logits.variables);
    });
    return context.trainWeights(train, { sample: ArchitectureLogits.sampleOf(choices, this.logits.draw(choices, context.rng)) });
  }
}
