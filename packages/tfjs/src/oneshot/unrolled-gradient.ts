/**
 * Second-order DARTS: the gradient of the validation loss after one virtual training step,
 * `∇α L_val(w − ξ ∇w L_train(w, α), α)`, with DARTS' finite-difference approximation of the
 * Hessian-vector product (Liu et al. 2019, eq. 7–8):
 *
 *   ∇α L_val(w′, α) − ξ · (∇α L_train(w⁺, α) − ∇α L_train(w⁻, α)) / 2ε,   w± = w ± ε ∇w′ L_val(w′, α),
 *
 * with `ε = 0.01 / ‖∇w′ L_val‖`. The shared weights are back where they were afterwards.
 */
import type { NamedTensorMap, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import type { PathSetting } from './supernet.js';

/** What the unrolled gradient needs of the search: the loss along a path and the shared weights. */
export interface UnrolledProblem {
  /** The mean cross-entropy along `path` on `batch` (training mode). */
  readonly loss: OneShotContext['loss'];
  /** The shared weights (the supernet's trainable variables). */
  readonly weights: readonly Variable[];
}

/** The gradients of `loss()` with respect to `variables`, in their order (zeros where it does not depend on one). */
function gradientsOf(loss: () => Scalar, variables: readonly Variable[]): Tensor[] {
  const { value, grads } = tf.variableGrads(loss, [...variables]);
  value.dispose();
  return variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
}

/** Sets every weight to `base[i] + scale · direction[i]`. */
function moveWeights(weights: readonly Variable[], base: readonly Tensor[], direction: readonly Tensor[], scale: number): void {
  weights.forEach((w, i) => {
    const moved = tf.tidy(() => tf.add(base[i]!, tf.mul(direction[i]!, scale)));
    w.assign(moved);
    moved.dispose(); // the variable holds its own reference to the data
  });
}

/**
 * The second-order DARTS gradient of the architecture `logits` (by variable name): `mixture()` gives
 * the path (the softmax of the logits, computed anew under each tape), `xi` the virtual step's
 * learning rate (0 gives the first-order gradient). Restores the weights even when it throws.
 */
export function unrolledLogitGradients(
  problem: UnrolledProblem,
  logits: readonly Variable[],
  mixture: () => PathSetting,
  train: OneShotBatch,
  validation: OneShotBatch,
  xi: number,
): NamedTensorMap {
  const { weights } = problem;
  const original = weights.map((w) => w.clone());
  const trainLoss = () => problem.loss(train, mixture());
  const validationLoss = () => problem.loss(validation, mixture());
  try {
    const trainGradients = gradientsOf(trainLoss, weights);
    moveWeights(weights, original, trainGradients, -xi);
    tf.dispose(trainGradients);
    const atUnrolled = gradientsOf(validationLoss, [...logits, ...weights]);
    const direct = atUnrolled.slice(0, logits.length);
    const towardsValidation = atUnrolled.slice(logits.length);
    const norm = tf.tidy(() => Math.sqrt(towardsValidation.reduce((sum, g) => sum + tf.sum(tf.square(g)).dataSync()[0]!, 0)));
    let result: Tensor[];
    if (xi === 0 || !(norm > 0) || !Number.isFinite(norm)) {
      result = direct;
    } else {
      const epsilon = 0.01 / norm;
      moveWeights(weights, original, towardsValidation, epsilon);
      const plus = gradientsOf(trainLoss, logits);
      moveWeights(weights, original, towardsValidation, -epsilon);
      const minus = gradientsOf(trainLoss, logits);
      result = direct.map((d, i) => tf.tidy(() => tf.sub(d, tf.mul(tf.sub(plus[i]!, minus[i]!), xi / (2 * epsilon)))));
      tf.dispose([...direct, ...plus, ...minus]);
    }
    tf.dispose(towardsValidation);
    return Object.fromEntries(logits.map((v, i) => [v.name, result[i]!]));
  } finally {
    weights.forEach((w, i) => w.assign(original[i]!));
    tf.dispose(original);
  }
}
