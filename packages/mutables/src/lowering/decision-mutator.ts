/**
 * The mutator of one decision. It asks its sampler for the decision's value — from the list of
 * values when the decision has finitely many, otherwise as the single value a sample gives — and
 * records it in the model's history; subclasses also change the graph.
 */
import { type Model, Mutator } from '@archspace/ir';
import type { Decision } from '../decision.js';

/** A sampler that can answer continuous decisions, which have no candidate list. */
export interface ValueSampler {
  /** The value of the decision labelled `label`, or `undefined` when this sampler has none. */
  valueFor(label: string): unknown;
}

function isValueSampler(sampler: unknown): sampler is ValueSampler {
  return typeof (sampler as ValueSampler | undefined)?.valueFor === 'function';
}

/** The decision's values when its grid lists every value it can take, otherwise `undefined`. */
/** The most values a decision may list for a sampler to pick from; larger ones are asked value by value. */
export const ENUMERATION_LIMIT = 100_000;

function enumeratedValues(decision: Decision): readonly unknown[] | undefined {
  if (!Number.isFinite(decision.valueCount) || decision.valueCount > ENUMERATION_LIMIT) return undefined;
  const values = decision.gridValues(1);
  return values.length === decision.valueCount ? values : undefined;
}

/** Whether the decision's grid lists every value it can take (then a sampler picks from the list). */
export function isEnumerable(decision: Decision): boolean {
  return enumeratedValues(decision) !== undefined;
}

/** Records one decision's value; the base of every deciding mutator of a lowered space. */
export class DecisionMutator extends Mutator {
  /** The decision's enumerated values (`null` when it has none), worked out on the first decision. */
  #values: readonly unknown[] | null | undefined;

  constructor(readonly decision: Decision) {
    super(decision.label);
  }

  /** Asks for this decision's value and records it. */
  protected decide(): unknown {
    this.#values ??= enumeratedValues(this.decision) ?? null;
    if (this.#values !== null) return this.choice(this.#values);
    const sampler = this.sampler;
    const given = isValueSampler(sampler) ? sampler.valueFor(this.label) : undefined;
    return this.choice([given === undefined ? this.decision.defaultValue() : given]);
  }

  /** Records the value and leaves the graph as it is (the value is read by the mutators that follow). */
  mutate(model: Model): Model {
    this.decide();
    return model;
  }
}
