/**
 * ProxylessNAS (Cai, Zhu & Han 2019): binarised paths. The shared weights train one path drawn
 * from the softmax of the architecture logits; the logits learn through binary gates with the
 * gate gradient estimate `∂L/∂α_i = Σ_j ∂L/∂g_j · p_j (δ_ij − p_i)`.
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchitectureLogits, positiveOption } from './architecture-logits.js';
import { type LogitOptions, LogitStrategy } from './logit-strategy.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import { straightThroughWeights } from './straight-through.js';

/**
 * Options of {@link Proxyless}: `archLearningRate` (default 1e-3; the logits' Adam has β₁ = 0 as in
 * ProxylessNAS) and `archWeightDecay` (default 0, as in ProxylessNAS), and the cost term.
 */
export interface ProxylessOptions extends LogitOptions {
  /**
   * What each candidate costs (latency, FLOPs, parameters …), by choice label: one finite number per
   * candidate, in the order of the choice's `names` (an InputChoice's inputs). Choices not listed cost 0.
   */
  readonly candidateCosts?: ReadonlyMap<string, readonly number[]>;
  /**
   * λ of ProxylessNAS' cost loss, in its additive form: the logits' loss adds `λ · Σ_choices Σ_i p_i · cost_i`,
   * the architecture's expected cost under the softmax `p` (default 0: no cost term; ≥ 0).
   */
  readonly costWeight?: number;
}

/**
 * ProxylessNAS with binary gates. Each step draws a path from the softmax `p` of the logits (for an
 * InputChoice, `nChosen` inputs without replacement) and runs it on a validation batch with binary
 * gates `g` (1 on the drawn candidate); the logits then move along
 * `∂L/∂α_i = Σ_j ∂L/∂g_j · p_j (δ_ij − p_i)`. Then a freshly drawn path's shared weights learn on a
 * training batch, only that path running. The result is the argmax of the logits.
 *
 * This is the full-gate estimate: `∂L/∂g_j` is taken for every candidate (so the architecture step
 * computes every candidate, the gates zeroing all but the drawn one), not ProxylessNAS' two-path
 * rescaling, which saves memory but estimates the same gradient with more variance. With
`candidateCosts` and `costWeight` the logits also learn to lower the expected cost (the latency loss).
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
  /** λ of the expected-cost term (0: none). */
  readonly costWeight: number;
  readonly #costs: ReadonlyMap<string, readonly number[]>;

  constructor(options: ProxylessOptions = {}) {
    super('Proxyless', { archLearningRate: options.archLearningRate ?? 1e-3, archWeightDecay: options.archWeightDecay ?? 0, beta1: 0 });
    this.costWeight = positiveOption('Proxyless', 'costWeight', options.costWeight ?? 0, true);
    this.#costs = checkedCosts(options.candidateCosts);
  }

  /** @inheritdoc Also refuses costs for a label the space does not search, or of the wrong length. */
  override prepare(context: OneShotContext): void {
    const choices = new Map(context.supernet.choices.map((c) => [c.label, c]));
    for (const [label, costs] of this.#costs) {
      const choice = choices.get(label);
      if (choice === undefined) throw invalidCosts([label], `a label the space searches: ${[...choices.keys()].join(', ')}`, label);
      if (costs.length !== choice.names.length) throw invalidCosts([label], `${choice.names.length} costs, one per candidate (${choice.names.join(', ')})`, costs.length);
    }
    super.prepare(context);
  }

  /** @inheritdoc One step of the logits through binary gates on `validation`, then one of a drawn path's weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    const { choices } = context.supernet;
    const gates = this.logits.draw(choices, context.rng);
    tf.tidy(() => {
      this.optimizer.minimize(() => {
        const loss = this.decayed(context.loss(validation, { weights: straightThroughWeights(choices, this.logits, gates, (logits) => tf.softmax(logits) as Tensor1D) }));
        return this.costWeight === 0 || this.#costs.size === 0 ? loss : tf.add(loss, tf.mul(this.#expectedCost(), this.costWeight));
      }, false, this.logits.variables);
    });
    return context.trainWeights(train, { sample: ArchitectureLogits.sampleOf(choices, this.logits.draw(choices, context.rng)) });
  }

  /** The architecture's expected cost under the softmax of the logits (a scalar, inside a tidy). */
  #expectedCost(): tf.Scalar {
    const terms = [...this.#costs].map(([label, costs]) => tf.sum(tf.mul(tf.softmax(this.logits.of(label)), tf.tensor1d([...costs]))));
    return tf.addN(terms) as tf.Scalar;
  }
}

function invalidCosts(path: (string | number)[], expected: string, received: unknown): OneShotError {
  return new OneShotError({ code: 'invalid-option', path: ['Proxyless', 'candidateCosts', ...path], expected, received });
}

/** A copy of `costs` after checking it is a Map of finite-number lists. */
function checkedCosts(costs: ReadonlyMap<string, readonly number[]> | undefined): ReadonlyMap<string, readonly number[]> {
  if (costs === undefined) return new Map();
  if (!(costs instanceof Map)) throw invalidCosts([], 'a Map from choice label to one cost per candidate', costs);
  const copy = new Map<string, readonly number[]>();
  for (const [label, list] of costs) {
    if (!Array.isArray(list) || list.length > 1_000_000) throw invalidCosts([String(label)], 'an array of finite numbers', list);
    list.forEach((cost, i) => {
      if (typeof cost !== 'number' || !Number.isFinite(cost)) throw invalidCosts([String(label), i], 'a finite number', cost);
    });
    copy.set(String(label), [...list]);
  }
  return copy;
}
