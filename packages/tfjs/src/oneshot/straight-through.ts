/**
 * Straight-through choice weights: in value the hard (k-hot) pick of each choice, in gradient a soft
 * distribution over its candidates — GDAS' hard Gumbel-softmax and ProxylessNAS' binary gates.
 */
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { ArchitectureLogits, GumbelDraw } from './architecture-logits.js';
import type { SupernetChoice } from './supernet.js';

/**
 * `hard` in value, with the gradient of `soft`: `hard − stop_gradient(soft) + soft`, but exactly
 * `hard` (no rounding). The gradient reaching `soft` is the loss's gradient with respect to the
 * gates, so for `soft = softmax(α)` it is ProxylessNAS' `∂L/∂α_i = Σ_j ∂L/∂g_j · p_j (δ_ij − p_i)`.
 *
 * @example
 * ```ts
 * const gates = straightThrough(tf.softmax(logits), tf.tensor1d([0, 1, 0])); // [0, 1, 0], soft gradient
 * ```
 */
export function straightThrough(soft: Tensor1D, hard: Tensor1D): Tensor1D {
  const passThrough = tf.customGrad(() => ({ value: tf.clone(hard), gradFunc: (dy: Tensor) => [dy] }));
  return passThrough(soft) as Tensor1D;
}

/**
 * The hard weights of a choice of `size` candidates that keeps `chosen`: `1 / k` at each of the `k`
 * chosen, so that the weights sum to 1 as a softmax does (a weighted InputChoice scales the mixture
 * back to its reduction).
 */
export function hardWeights(size: number, chosen: readonly number[]): Tensor1D {
  const values = new Float32Array(size);
  for (const i of chosen) values[i] = 1 / chosen.length;
  return tf.tensor1d(values);
}

/**
 * The straight-through weights of every choice: in value the candidates `draws` chose, in gradient
 * `soft(choice, logits)` (call inside a gradient closure, under `tf.tidy`).
 */
export function straightThroughWeights(
  choices: readonly SupernetChoice[],
  logits: ArchitectureLogits,
  draws: ReadonlyMap<string, GumbelDraw>,
  soft: (logits: Tensor1D, draw: GumbelDraw) => Tensor1D,
): Map<string, Tensor1D> {
  return new Map(
    choices.map((choice) => {
      const draw = draws.get(choice.label)!;
      return [choice.label, straightThrough(soft(logits.of(choice.label) as Tensor1D, draw), hardWeights(choice.names.length, draw.chosen))];
    }),
  );
}
