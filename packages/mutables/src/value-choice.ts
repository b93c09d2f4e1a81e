/**
 * `ValueChoice`, the name users of the reference know: a {@link Categorical} with `prior` for
 * weights, plus the static helpers that build lazy expressions where Python would use builtins.
 */
import { Categorical } from './categorical.js';
import { lazyCondition, lazyMax, lazyMin, lazyToFloat, lazyToInt } from './expression.js';
import type { LabelLike } from './label.js';

/** Options of {@link ValueChoice}. */
export interface ValueChoiceOptions<T> {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** Probability of each candidate, summing to 1; uniform when omitted. */
  readonly prior?: readonly number[];
  /** The value of `default()`; the first candidate when omitted. */
  readonly default?: T;
}

/**
 * A categorical that takes part in lazy expressions, as an op argument or an evaluator argument.
 *
 * @example
 * ```ts
 * const channels = new ValueChoice([16, 32, 64], { label: 'channels' });
 * const hidden = ValueChoice.max(channels.mul(2), 48); // lazy: max(channels * 2, 48)
 * hidden.freeze({ channels: 16 }); // 48
 * ```
 */
export class ValueChoice<T = unknown> extends Categorical<T> {
  constructor(candidates: readonly T[], options: ValueChoiceOptions<T> = {}) {
    super(candidates, {
      ...(options.label !== undefined ? { label: options.label } : {}),
      ...(options.prior !== undefined ? { weights: options.prior } : {}),
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  }

  /** The candidates (the reference's name for `values`). */
  get candidates(): readonly T[] {
    return this.values;
  }

  /** `max(a, b, ...)` or `max(list)`: lazy when an argument is a mutable, computed otherwise. */
  static max = lazyMax;
  /** `min(a, b, ...)` or `min(list)`: lazy when an argument is a mutable, computed otherwise. */
  static min = lazyMin;
  /** `ifTrue if predicate else ifFalse`, evaluating only the branch taken. */
  static condition = lazyCondition;
  /**
   * `int(value)` as Python computes it: numbers truncate toward zero (`int(-2.5) == -2`), strings
   * parse in base 10 (`'  42 '`, `'1_000'`; `'0x1f'` and `'1.5'` throw), NaN and infinities throw.
   */
  static toInt = lazyToInt;
  /**
   * `float(value)` as Python computes it: strings such as `'1_000'`, `' 1.5 '`, `'inf'`, `'nan'`,
   * `'-Infinity'` parse; `'0x1f'` and `'0b11'` throw.
   */
  static toFloat = lazyToFloat;
}
