/**
 * The policy of {@link PolicyBasedRL}: one independent softmax distribution per decision of a
 * categorical space, trained by REINFORCE with Adam on the logits. It is small on purpose — the
 * NAS-Bench-201 paper's REINFORCE is exactly this — and internal to the strategies package.
 */
import { isDeepStrictEqual } from 'node:util';
import { SearchSpaceError } from '@archspace/ir';
import type { Decision, Mutable, Rng, Sample } from '@archspace/mutables';
import { SoftmaxLogits, addEntropyGradient, drawIndex } from './softmax-logits.js';

/** The most values one decision may have: its logits are a dense array. */
export const MAX_POLICY_VALUES = 100_000;

/** One decision's softmax over its values, with the Adam moments of its logits. */
class DecisionPolicy extends SoftmaxLogits {
  readonly #byValue = new Map<unknown, number>();

  constructor(
    readonly label: string,
    readonly values: readonly unknown[],
    prior: readonly number[] | undefined,
  ) {
    super(values.length, prior);
    values.forEach((value, i) => {
      if (!this.#byValue.has(value)) this.#byValue.set(value, i);
    });
  }

  /** The position of `value` among the values (by identity, then by deep equality), or -1. */
  indexOf(value: unknown): number {
    const hit = this.#byValue.get(value);
    if (hit !== undefined) return hit;
    return this.values.findIndex((v) => isDeepStrictEqual(v, value));
  }
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
      addEntropyGradient(gradient, p, entropyWeight * uses);
      for (let i = 0; i < gradient.length; i++) gradient[i]! /= batch.length;
      decision.ascend(gradient, learningRate);
    }
  }
}
