/**
 * An integer drawn uniformly from `[low, high)` — the reference's `randint`. It behaves as a
 * categorical over the integers (grid walks visit every one) without storing them.
 */
import { SearchSpaceError } from '@archspace/ir';
import type { Domain } from './decision.js';
import { integerRange } from './integer-range.js';
import type { LabelLike } from './label.js';
import { pyRepr } from './repr.js';
import type { Rng } from './rng.js';
import { SymbolicDecision } from './symbolic-decision.js';

/** Options of {@link RandomInteger}. */
export interface RandomIntegerOptions {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** The value of `default()`; `low` when omitted. */
  readonly default?: number;
}

/**
 * A uniform integer in `[low, high)`: the upper bound is exclusive, as the reference's `randint`.
 *
 * @example
 * ```ts
 * const layers = new RandomInteger(1, 5, { label: 'layers' }); // 1, 2, 3 or 4
 * ```
 */
export class RandomInteger extends SymbolicDecision<number> {
  readonly domain: Domain;
  readonly #default: number | undefined;
  #values: readonly number[] | undefined;

  constructor(
    readonly low: number,
    readonly high: number,
    options: RandomIntegerOptions = {},
  ) {
    super(options.label);
    for (const [field, value] of [['low', low], ['high', high]] as const) {
      if (!Number.isSafeInteger(value)) {
        throw new SearchSpaceError({ code: 'invalid-integer-range', path: [this.label, field], expected: 'an integer', received: value });
      }
    }
    if (low < high && !Number.isSafeInteger(high - low)) {
      throw new SearchSpaceError({
        code: 'invalid-integer-range',
        path: [this.label, 'high'],
        expected: `a range of at most 2^53 − 1 integers (high − low ≤ ${Number.MAX_SAFE_INTEGER}), so that its count and every value are exact`,
        received: high,
      });
    }
    if (!(low < high)) {
      throw new SearchSpaceError({
        code: 'invalid-integer-range',
        path: [this.label, 'high'],
        expected: `an upper bound greater than low (${low}); the range [low, high) excludes high`,
        received: high,
      });
    }
    this.domain = { kind: 'integer', low, high };
    if (options.default !== undefined && this.problemWith(options.default) !== undefined) {
      throw new SearchSpaceError({
        code: 'invalid-default',
        path: [this.label, 'default'],
        expected: `an integer in [${low}, ${high})`,
        received: options.default,
      });
    }
    this.#default = options.default;
  }

  /** @inheritdoc `high − low`: exact up to 2^53 integers, the nearest double past that. */
  get valueCount(): number {
    return this.high - this.low;
  }

  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return typeof value === 'number' && Number.isInteger(value) && value >= this.low && value < this.high
      ? undefined
      : `an integer in [${this.low}, ${this.high})`;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): number {
    return this.low + rng.int(this.high - this.low);
  }

  /** @inheritdoc */
  defaultValue(): number {
    return this.#default ?? this.low;
  }

  /**
   * @inheritdoc Every integer of the range, in order; a long range is read lazily (see
   * {@link integerRange}), so a grid walk over `[0, 2^40)` yields its first points at once.
   */
  gridValues(): readonly number[] {
    this.#values ??= integerRange(this.low, this.high);
    return this.#values;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof RandomInteger &&
      other.label === this.label &&
      other.low === this.low &&
      other.high === this.high &&
      other.#default === this.#default
    );
  }

  /** @inheritdoc */
  describe(): string {
    return `RandomInteger(${this.low}, ${this.high}, label=${pyRepr(this.label)})`;
  }
}
