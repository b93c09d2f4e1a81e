/**
 * A choice of one value from a list — the basic decision of every search space.
 */
import { SearchSpaceError } from '@archspace/ir';
import { isDeepStrictEqual } from 'node:util';
import type { Domain } from './decision.js';
import type { LabelLike } from './label.js';
import { isMutable } from './mutable.js';
import { pyRepr, pyReprList } from './repr.js';
import type { Rng } from './rng.js';
import { SymbolicDecision } from './symbolic-decision.js';
import { ValueIndex } from './value-index.js';
import { checkWeights, isUniform } from './weights.js';

/** Options of {@link Categorical}. */
export interface CategoricalOptions<T> {
  /** The sample key (scoped by {@link labelScope}); automatic when omitted. */
  readonly label?: LabelLike;
  /** Probability of each value, summing to 1; uniform when omitted. */
  readonly weights?: readonly number[];
  /** The value of `default()`; the first value when omitted. */
  readonly default?: T;
}

/**
 * Chooses one of `values`. The sample value is the chosen value itself.
 *
 * @example
 * ```ts
 * const width = new Categorical([16, 32, 64], { label: 'width' });
 * width.random(createRng(0)); // { width: 32 }
 * width.freeze({ width: 64 }); // 64
 * ```
 */
export class Categorical<T = unknown> extends SymbolicDecision<T> {
  /** The candidate values, in order. */
  readonly values: readonly T[];
  /** The probability of each value, or `undefined` for uniform. */
  readonly weights: readonly number[] | undefined;
  readonly #default: { value: T } | undefined;
  readonly #index: ValueIndex;
  #domain: Domain | undefined;

  constructor(values: readonly T[], options: CategoricalOptions<T> = {}) {
    super(options.label);
    if (!Array.isArray(values) || values.length === 0) {
      throw new SearchSpaceError({ code: 'empty-choice', path: [this.label], expected: 'a non-empty list of values', received: values });
    }
    this.values = Object.freeze([...values]);
    this.#index = new ValueIndex(this.values);
    this.values.forEach((value, i) => {
      if (isMutable(value)) {
        throw new SearchSpaceError({
          code: 'mutable-in-values',
          path: [this.label, i],
          message: `Value ${i} of choice "${this.label}" is itself a mutable; use a NestedChoice (or a LayerChoice for modules) to nest choices`,
        });
      }
      if (this.#index.addUnlessPresent(i) !== -1) {
        throw new SearchSpaceError({ code: 'duplicate-value', path: [this.label, i], expected: 'values that are all different', received: value });
      }
    });
    this.weights = checkWeights(options.weights, values.length, this.label);
    if ('default' in options && options.default !== undefined) {
      if (this.indexOf(options.default) === -1) {
        throw new SearchSpaceError({
          code: 'invalid-default',
          path: [this.label],
          expected: `a default among ${pyReprList(this.values)}`,
          received: options.default,
        });
      }
      this.#default = { value: options.default };
    }
  }

  /** The position of `value` among the values, or -1. */
  indexOf(value: unknown): number {
    return this.#index.indexOf(value);
  }

  /** @inheritdoc */
  get domain(): Domain {
    this.#domain ??= this.weights
      ? { kind: 'categorical', values: this.values, weights: this.weights }
      : { kind: 'categorical', values: this.values };
    return this.#domain;
  }

  /** @inheritdoc */
  get valueCount(): number {
    return this.values.length;
  }

  /** The number of values. */
  get length(): number {
    return this.values.length;
  }

  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.indexOf(value) === -1 ? `one of ${pyReprList(this.values)}` : undefined;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): T {
    const i = this.weights ? rng.weightedIndex(this.weights) : rng.int(this.values.length);
    return this.values[i]!;
  }

  /** @inheritdoc */
  defaultValue(): T {
    return this.#default ? this.#default.value : this.values[0]!;
  }

  /** @inheritdoc Values in order, or by decreasing weight (stable) when weights differ. */
  gridValues(): readonly T[] {
    const weights = this.weights;
    if (isUniform(weights)) return this.values;
    return this.values
      .map((value, i) => ({ value, weight: weights![i]!, i }))
      .sort((a, b) => b.weight - a.weight || a.i - b.i)
      .map((entry) => entry.value);
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof Categorical &&
      other.constructor === this.constructor &&
      other.label === this.label &&
      isDeepStrictEqual(other.values, this.values) &&
      isDeepStrictEqual(other.weights, this.weights) &&
      isDeepStrictEqual(other.#default, this.#default)
    );
  }

  /** @inheritdoc */
  describe(): string {
    return `${this.constructor.name}(${pyReprList(this.values)}, label=${pyRepr(this.label)})`;
  }
}
