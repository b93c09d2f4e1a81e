/**
 * The policy of {@link PolicyBasedRL}: one independent softmax distribution per decision of a
 * categorical space, trained by REINFORCE with Adam on the logits. It is small on purpose — the
 * NAS-Bench-201 paper's REINFORCE is exactly this — and internal to the strategies package.
 */
import { isDeepStrictEqual } from 'node:util';
import { SearchSpaceError } from '@archspace/ir';
import type { Decision, Mutable, Rng, Sample } from '@archspace/mutables';

/** The most values one decision may have: its logits are a dense array. */
export const MAX_POLICY_VALUES = 100_000;

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** One decision's softmax over its values, with the Adam moments of its logits. */
class DecisionPolicy {
  readonly logits: Float64Array;
  readonly #m: Float64Array;
  readonly #v: Float64Array;
  #steps = 0;
  readonly #byValue = new Map<unknown, number>();
  /** The softmax of the current logits; dropped whenever `ascend` changes them. */
  #probabilities: Float64Array | undefined;

  constructor(
    readonly label: string,
    readonly values: readonly unknown[],
    prior: readonly number[] | undefined,
  ) {
    const k = values.length;
    this.logits = new Float64Array(k);
    if (prior) for (let i = 0; i < k; i++) this.logits[i] = Math.log(prior[i]!);
    this.#m = new Float64Array(k);
    this.#v = new Float64Array(k);
    values.forEach((value, i) => {
      if (!this.#byValue.has(value)) this.#byValue.set(value, i);
    });
  }

  /**
   * The probability of each value (zero for values whose prior weight is zero). The array is cached
   * until the next `ascend`: callers must not change it.
   */
  probabilities(): Float64Array {
    return (this.#probabilities ??= this.#softmax());
  }

  #softmax(): Float64Array {
    const k = this.logits.length;
    let max = -Infinity;
    for (let i = 0; i < k; i++) if (this.logits[i]! > max) max = this.logits[i]!;
    const p = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < k; i++) total += p[i] = Math.exp(this.logits[i]! - max);
    for (let i = 0; i < k; i++) p[i]! /= total;
    return p;
  }

  /** The position of `value` among the values (by identity, then by deep equality), or -1. */
  indexOf(value: unknown): number {
    const hit = this.#byValue.get(value);
    if (hit !== undefined) return hit;
    return this.values.findIndex((v) => isDeepStrictEqual(v, value));
  }

  /** One Adam ascent step along `gradient`. */
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

/** An index drawn with the probabilities `p` (which sum to 1). */
function drawIndex(p: Float64Array, rng: Rng): number {
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

/** Whether `value` is a primitive (not an object, not a function). */
function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** The values a policy draws from for `decision`, or the error that refuses it. */
function valuesOf(decision: Decision): { values: readonly unknown[]; prior: readonly number[] | undefined } {
  const { domain, label } = decision;
  if (domain.kind === 'numerical') {
    throw new SearchSpaceError({
      code: 'not-categorical',
      path: [label],
      message:
        `PolicyBasedRL searches Categorical decisions only (Categorical, LayerChoice, InputChoice, CategoricalMultiple, ` +
        `RandomInteger, NestedChoice), but "${label}" is ${decision.describe()}. Make it a Categorical of a few values, ` +
        `or search this space with Random, RegularizedEvolution or TPE`,
    });
  }
  if (!(decision.valueCount <= MAX_POLICY_VALUES)) {
    throw new SearchSpaceError({
      code: 'too-many-values',
      path: [label],
      message:
        `PolicyBasedRL keeps one logit per value of each Categorical decision, but "${label}" (${decision.describe()}) has ` +
        `${decision.valueCount} values, more than ${MAX_POLICY_VALUES}. Use fewer values, or another strategy`,
    });
  }
  const values = decision.gridValues(1);
  if (domain.kind !== 'categorical' || domain.weights === undefined) return { values, prior: undefined };
  // Grid values of a weighted Categorical come sorted by weight: look each one's weight up. A
  // primitive can only equal a primitive, and `===` or deep equality of primitives is a Map key's
  // equality, so primitives are found by one lookup (the first position, as a scan would find).
  const weights = domain.weights;
  const firstPrimitive = new Map<unknown, number>();
  domain.values.forEach((v, i) => {
    if (isPrimitive(v) && !firstPrimitive.has(v)) firstPrimitive.set(v, i);
  });
  const prior = values.map((value) => {
    const i = isPrimitive(value)
      ? (firstPrimitive.get(value) ?? -1)
      : domain.values.findIndex((v) => v === value || isDeepStrictEqual(v, value));
    return weights[i]!;
  });
  return { values, prior };
}

/** A told sample and its advantage (reward minus baseline), waiting for the next update. */
export interface Experience {
  readonly sample: Sample;
  readonly advantage: number;
}

/**
 * Independent softmax distributions, one per label of a categorical space, starting from the
 * space's own distribution (uniform unless a Categorical has weights).
 */
export class CategoricalPolicy {
  readonly #decisions: readonly DecisionPolicy[];
  readonly #byLabel: ReadonlyMap<string, DecisionPolicy>;

  /** Builds the policy of `space`; throws {@link SearchSpaceError} for a non-categorical decision. */
  constructor(space: Mutable) {
    this.#decisions = Object.values(space.simplify()).map((decision) => {
      const { values, prior } = valuesOf(decision);
      return new DecisionPolicy(decision.label, values, prior);
    });
    this.#byLabel = new Map(this.#decisions.map((d) => [d.label, d]));
  }

  /**
   * A value for every label of the space, active or not; `space.random(rng, memo)` prunes it to the
   * active labels. Every decision is independent, so this is the policy's distribution over samples.
   */
  draw(rng: Rng): Sample {
    const memo: Sample = {};
    for (const decision of this.#decisions) memo[decision.label] = decision.values[drawIndex(decision.probabilities(), rng)];
    return memo;
  }

  /** The probability of each value of `label`, or `undefined` for a label the space does not have. */
  distribution(label: string): { value: unknown; probability: number }[] | undefined {
    const decision = this.#byLabel.get(label);
    if (decision === undefined) return undefined;
    const p = decision.probabilities();
    return decision.values.map((value, i) => ({ value, probability: p[i]! }));
  }

  /**
   * One REINFORCE step: ascends the batch mean of `advantage · ∇ log p(sample)` plus `entropyWeight`
   * times the entropy of each decision the batch used. Only the labels of the samples (the active
   * decisions) are updated.
   */
  update(batch: readonly Experience[], learningRate: number, entropyWeight: number): void {
    if (batch.length === 0) return;
    const gradients = new Map<DecisionPolicy, { gradient: Float64Array; probabilities: Float64Array; uses: number }>();
    for (const { sample, advantage } of batch) {
      for (const [label, value] of Object.entries(sample)) {
        const decision = this.#byLabel.get(label);
        if (decision === undefined) continue;
        const index = decision.indexOf(value);
        if (index === -1) continue;
        let entry = gradients.get(decision);
        if (entry === undefined) {
          entry = { gradient: new Float64Array(decision.values.length), probabilities: decision.probabilities(), uses: 0 };
          gradients.set(decision, entry);
        }
        entry.uses++;
        // ∂ log softmax(θ)[a] / ∂θ = onehot(a) − p
        const { gradient, probabilities } = entry;
        for (let i = 0; i < gradient.length; i++) gradient[i]! -= advantage * probabilities[i]!;
        gradient[index]! += advantage;
      }
    }
    for (const [decision, { gradient, probabilities: p, uses }] of gradients) {
      if (entropyWeight !== 0) {
        // ∂H/∂θ_i = −p_i (log p_i + H), with 0 · log 0 = 0.
        let entropy = 0;
        for (let i = 0; i < p.length; i++) if (p[i]! > 0) entropy -= p[i]! * Math.log(p[i]!);
        for (let i = 0; i < p.length; i++) if (p[i]! > 0) gradient[i]! -= entropyWeight * uses * p[i]! * (Math.log(p[i]!) + entropy);
      }
      for (let i = 0; i < gradient.length; i++) gradient[i]! /= batch.length;
      decision.ascend(gradient, learningRate);
    }
  }
}
