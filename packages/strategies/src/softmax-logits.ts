/**
 * One softmax distribution over a few values, its logits trained by Adam ascent on plain
 * Float64Arrays: the building block of the REINFORCE policies (PolicyBasedRL's, and the ENAS
 * controller of the one-shot strategies).
 */
import type { Rng } from '@archspace/mutables';

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/**
 * Softmax logits with the Adam moments that train them. A `-Infinity` logit (a value a prior
 * excludes) keeps probability 0 forever.
 *
 * @example
 * ```ts
 * const logits = new SoftmaxLogits(3);
 * logits.ascend(Float64Array.of(1, -0.5, -0.5), 0.1); // the first value becomes more probable
 * const index = drawIndex(logits.probabilities(), rng);
 * ```
 */
export class SoftmaxLogits {
  readonly logits: Float64Array;
  readonly #m: Float64Array;
  readonly #v: Float64Array;
  #steps = 0;
  /** The softmax of the current logits; dropped whenever `ascend` changes them. */
  #probabilities: Float64Array | undefined;

  /** `size` logits, all 0 (a uniform distribution) unless `prior` gives each value's weight. */
  constructor(size: number, prior?: readonly number[]) {
    this.logits = new Float64Array(size);
    if (prior) for (let i = 0; i < size; i++) this.logits[i] = Math.log(prior[i]!);
    this.#m = new Float64Array(size);
    this.#v = new Float64Array(size);
  }

  /**
   * The probability of each value (zero for values whose prior weight is zero). The array is cached
   * until the next `ascend`: callers must not change it.
   */
  probabilities(): Float64Array {
    return (this.#probabilities ??= softmax(this.logits));
  }

  /** One Adam ascent step along `gradient` (one entry per logit). */
  ascend(gradient: Float64Array, learningRate: number): void {
    this.#probabilities = undefined;
    this.#steps++;
    const c1 = 1 - ADAM_BETA1 ** this.#steps;
    const c2 = 1 - ADAM_BETA2 ** this.#steps;
    for (let i = 0; i < gradient.length; i++) {
      const g = gradient[i]!;
      this.#m[i] = ADAM_BETA1 * this.#m[i]! + (1 - ADAM_BETA1) * g;
      this.#v[i] = ADAM_BETA2 * this.#v[i]! + (1 - ADAM_BETA2) * g * g;
      // A value the prior excludes keeps its -Infinity logit (its gradient is always 0).
      if (Number.isFinite(this.logits[i]!)) this.logits[i]! += (learningRate * (this.#m[i]! / c1)) / (Math.sqrt(this.#v[i]! / c2) + ADAM_EPSILON);
    }
  }
}

/** The softmax of `logits` (`-Infinity` entries get probability 0). */
export function softmax(logits: Float64Array): Float64Array {
  const k = logits.length;
  let max = -Infinity;
  for (let i = 0; i < k; i++) if (logits[i]! > max) max = logits[i]!;
  const p = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) total += p[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < k; i++) p[i]! /= total;
  return p;
}

/** An index drawn with the probabilities `p` (which sum to 1; zero entries are never drawn). One `rng.next()`. */
export function drawIndex(p: Float64Array, rng: Rng): number {
  let r = rng.next();
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i]! === 0) continue;
    last = i;
    r -= p[i]!;
    if (r < 0) return i;
  }
  return last;
}

/**
 * Adds `weight` times the gradient of the entropy of the softmax `p` with respect to its logits to
 * `gradient`: ∂H/∂θ_i = −p_i (log p_i + H), with 0 · log 0 = 0.
 */
export function addEntropyGradient(gradient: Float64Array, p: Float64Array, weight: number): void {
  if (weight === 0) return;
  let entropy = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) entropy -= p[i]! * Math.log(p[i]!);
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) gradient[i]! -= weight * p[i]! * (Math.log(p[i]!) + entropy);
}
