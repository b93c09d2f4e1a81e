/**
 * A choice of several distinct values from a list (a subset, without replacement). The sample value
 * is the list of chosen values in the order of `values`.
 */
import { SearchSpaceError } from '@archspace/ir';
import { isDeepStrictEqual } from 'node:util';
import type { Domain } from './decision.js';
import type { LabelLike } from './label.js';
import { pyRepr, pyReprList } from './repr.js';
import type { Rng } from './rng.js';
import { SymbolicDecision } from './symbolic-decision.js';
import { ValueIndex } from './value-index.js';
import { checkWeights } from './weights.js';

/** Options of {@link CategoricalMultiple}. */
export interface CategoricalMultipleOptions<T> {
  /** How many values to choose; any number (including none) when omitted. */
  readonly n?: number;
  /**
   * With `n`: a distribution over values summing to 1 (uniform by default). Without `n`: each
   * value's probability of being included (0.5 by default).
   */
  readonly weights?: readonly number[];
  /** The value of `default()`; the first `n` values (or all values) when omitted. */
  readonly default?: readonly T[];
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** The most subsets {@link CategoricalMultiple.gridValues} lists; larger grids are walked lazily. */
export const SUBSET_GRID_LIST_LIMIT = 2 ** 20;

/** The `k`-element subsets of `0 … n-1` as sorted index lists, in lexicographic order, one at a time. */
function* combinations(n: number, k: number): Generator<number[]> {
  const index = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  while (true) {
    yield [...index];
    let i = k - 1;
    while (i >= 0 && index[i] === n - k + i) i--;
    if (i < 0) return;
    index[i]!++;
    for (let j = i + 1; j < k; j++) index[j] = index[j - 1]! + 1;
  }
}

/**
 * Chooses `n` distinct values (or any subset when `n` is omitted).
 *
 * @example
 * ```ts
 * const inputs = new CategoricalMultiple([0, 1, 2, 3], { n: 2, label: 'inputs' });
 * inputs.freeze({ inputs: [1, 3] }); // [1, 3]
 * ```
 */
export class CategoricalMultiple<T = unknown> extends SymbolicDecision<T[]> {
  /** The candidate values, in order. */
  readonly values: readonly T[];
  /** How many values are chosen, or `undefined` for any subset. */
  readonly n: number | undefined;
  /** See {@link CategoricalMultipleOptions.weights}. */
  readonly weights: readonly number[] | undefined;
  readonly domain: Domain;
  readonly #default: readonly T[] | undefined;
  readonly #index: ValueIndex;
  #grid: readonly T[][] | undefined;

  constructor(values: readonly T[], options: CategoricalMultipleOptions<T> = {}) {
    super(options.label);
    if (!Array.isArray(values) || values.length === 0) {
      throw new SearchSpaceError({ code: 'empty-choice', path: [this.label], expected: 'a non-empty list of values', received: values });
    }
    const frozen = Object.freeze([...values]);
    this.#index = new ValueIndex(frozen, true);
    frozen.forEach((value, i) => {
      if (this.#index.addUnlessPresent(i) !== -1) {
        throw new SearchSpaceError({ code: 'duplicate-value', path: [this.label, i], expected: 'values that are all different', received: value });
      }
    });
    const n = options.n;
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > values.length)) {
      throw new SearchSpaceError({ code: 'invalid-count', path: [this.label, 'n'], expected: `an integer from 1 to ${values.length}`, received: n });
    }
    this.values = frozen;
    this.n = n;
    if (n === undefined && options.weights !== undefined) {
      if (options.weights.length !== values.length || options.weights.some((w) => !(w >= 0 && w <= 1))) {
        throw new SearchSpaceError({
          code: 'invalid-weights',
          path: [this.label, 'weights'],
          expected: `${values.length} inclusion probabilities in [0, 1]`,
          received: options.weights,
        });
      }
      this.weights = Object.freeze([...options.weights]);
    } else {
      this.weights = checkWeights(options.weights, values.length, this.label);
    }
    this.domain = {
      kind: 'subset',
      values: this.values,
      ...(n !== undefined ? { count: n } : {}),
      ...(this.weights ? { weights: this.weights } : {}),
    };
    if (options.default !== undefined) {
      const problem = this.problemWith(options.default);
      if (problem !== undefined) {
        throw new SearchSpaceError({ code: 'invalid-default', path: [this.label, 'default'], expected: problem, received: options.default });
      }
    }
    this.#default = options.default;
  }

  /** @inheritdoc */
  get valueCount(): number {
    return this.n === undefined ? 2 ** this.values.length : binomial(this.values.length, this.n);
  }

  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.isSubset(value) ? undefined : `a list of ${this.n ?? 'any number of'} distinct values from ${pyReprList(this.values)}, in that order`;
  }

  /** Whether `value` lists `n` (or any number of) distinct values in the order of `values`. */
  private isSubset(value: unknown): boolean {
    if (!Array.isArray(value)) return false;
    if (this.n !== undefined && value.length !== this.n) return false;
    let previous = -1;
    for (const item of value) {
      const i = this.#index.indexOf(item);
      if (i <= previous) return false;
      previous = i;
    }
    return true;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): T[] {
    const count = this.values.length;
    if (this.n === undefined) {
      const p = this.weights;
      return this.values.filter((_, i) => rng.next() < (p ? p[i]! : 0.5));
    }
    if (!this.weights) return rng.sampleIndices(count, this.n).map((i) => this.values[i]!);
    // Weighted draws without replacement: renormalise over what is left after each pick.
    const remaining = this.weights.map((w) => w);
    const picked: number[] = [];
    for (let k = 0; k < this.n; k++) {
      const i = rng.weightedIndex(remaining);
      picked.push(i);
      remaining[i] = 0;
    }
    return picked.sort((a, b) => a - b).map((i) => this.values[i]!);
  }

  /** @inheritdoc */
  defaultValue(): T[] {
    return this.#default ? [...this.#default] : this.values.slice(0, this.n ?? this.values.length);
  }

  /**
   * @inheritdoc Combinations in lexicographic order; without `n`, every subset by increasing size.
   * Throws when there are more than {@link SUBSET_GRID_LIST_LIMIT} subsets: walk
   * {@link CategoricalMultiple.lazyGridValues} (as `grid()` does) instead.
   */
  gridValues(): readonly T[][] {
    if (this.#grid === undefined) {
      if (!(this.valueCount <= SUBSET_GRID_LIST_LIMIT)) {
        throw new SearchSpaceError({
          code: 'grid-too-large',
          path: [this.label],
          message:
            `${this.describe()} has ${this.valueCount} subsets, more than the ${SUBSET_GRID_LIST_LIMIT} that gridValues() lists; ` +
            `walk grid() or lazyGridValues(), which make one subset at a time`,
        });
      }
      this.#grid = [...this.lazyGridValues()];
    }
    return this.#grid;
  }

  /** @inheritdoc The subsets of {@link CategoricalMultiple.gridValues}, made one at a time. */
  *lazyGridValues(): Generator<T[]> {
    const count = this.values.length;
    const first = this.n ?? 0;
    const last = this.n ?? count;
    for (let size = first; size <= last; size++) {
      for (const combo of combinations(count, size)) yield combo.map((i) => this.values[i]!);
    }
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof CategoricalMultiple &&
      other.label === this.label &&
      other.n === this.n &&
      isDeepStrictEqual(other.values, this.values) &&
      isDeepStrictEqual(other.weights, this.weights) &&
      isDeepStrictEqual(other.#default, this.#default)
    );
  }

  /** @inheritdoc */
  describe(): string {
    const n = this.n === undefined ? '' : `, n_chosen=${this.n}`;
    return `CategoricalMultiple(${pyReprList(this.values)}${n}, label=${pyRepr(this.label)})`;
  }
}
