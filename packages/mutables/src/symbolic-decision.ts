/**
 * The common part of the value-level decisions (Categorical, Numerical, RandomInteger,
 * CategoricalMultiple): a label, where it was made, no children, and a frozen value that is just
 * the sample's value.
 */
import { DECISION, type Decision, type Domain, NO_CHILDREN, sameDecisionByValue, type SpaceNode } from './decision.js';
import { SymbolicMutable } from './expression.js';
import { autoLabel, type LabelLike } from './label.js';
import type { ValueOf } from './mutable.js';
import { Origin } from './origin.js';
import type { Rng } from './rng.js';

/** Base class of decisions whose value is a plain value that can take part in expressions. */
export abstract class SymbolicDecision<T> extends SymbolicMutable<T> implements Decision<T> {
  /** @internal Brand read by `isDecision`. */
  readonly [DECISION] = true as const;
  /** The sample key. */
  readonly label: string;
  /** Where this decision was created. */
  readonly origin: Origin;

  protected constructor(label: LabelLike | undefined) {
    super();
    this.origin = Origin.capture();
    this.label = autoLabel(label).path;
  }

  abstract readonly domain: Domain;
  abstract readonly valueCount: number;
  abstract problemWith(value: unknown): string | undefined;
  abstract drawValue(rng: Rng): T;
  abstract defaultValue(): T;
  abstract gridValues(granularity: number): readonly T[];
  abstract describe(): string;

  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return NO_CHILDREN;
  }

  /** @inheritdoc */
  materialize(valueOf: ValueOf): T {
    return valueOf(this) as T;
  }

  /**
   * @inheritdoc Same label, same values (and weights) and same default, whatever the class: a
   * `ValueChoice` and a `Categorical` over the same values are one decision.
   */
  sameDecision(other: Decision): boolean {
    return sameDecisionByValue(this, other);
  }

  /** @inheritdoc */
  renderOperand(style: 'label' | 'repr'): string {
    return style === 'label' ? this.label : this.describe();
  }

  /** The label, as the reference's `str()`. */
  override toString(): string {
    return this.label;
  }
}
