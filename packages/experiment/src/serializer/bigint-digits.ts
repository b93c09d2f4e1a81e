/**
 * The `maxBigintDigits` budget (internal). Converting a `bigint` to or from decimal takes time that
 * grows faster than its length, so one `dump()` or `load()` charges the digits of every `bigint` to
 * one budget before converting it: the work of a whole payload stays bounded, not only that of each
 * `bigint`.
 */
import { SerializationError } from './serialization-error.js';

const LOG10_OF_2 = Math.log10(2);

/** The decimal digits one `dump()` or `load()` may still convert. */
export class BigintDigitBudget {
  private spent = 0;

  constructor(
    private readonly limit: number,
    private readonly direction: 'dump' | 'load',
  ) {}

  /**
   * Charges `digits` more digits for the bigint at `path`, then `below`; throws
   * `too-many-bigint-digits` once the total passes the limit.
   */
  charge(digits: number, path: readonly (string | number)[], below: readonly (string | number)[] = []): void {
    this.spent += digits;
    if (this.spent <= this.limit) return;
    throw new SerializationError({
      code: 'too-many-bigint-digits',
      path: [...path, ...below],
      message:
        `The bigints of the payload have more than ${this.limit} decimal digits in all (the maxBigintDigits limit), ` +
        'and converting long bigints to or from decimal is slow; ' +
        (this.direction === 'dump'
          ? 'write huge numbers as bytes, or pass a larger maxBigintDigits to dump()'
          : 'if the payload comes from a trusted source, pass a larger maxBigintDigits to load()'),
      received: this.spent,
    });
  }
}

/**
 * A lower bound on the decimal digits of `value` (sign not counted), found in linear time from its
 * bit length, so that an over-long `bigint` is refused before the slow decimal conversion.
 */
export function decimalDigitsAtLeast(value: bigint): number {
  const magnitude = value < 0n ? -value : value;
  const hex = magnitude.toString(16);
  const bits = (hex.length - 1) * 4 + Number.parseInt(hex.charAt(0), 16).toString(2).length;
  // magnitude >= 2^(bits - 1) has at least floor((bits - 1) * log10(2)) + 1 digits; the margin absorbs rounding.
  return Math.max(1, Math.floor((bits - 1) * LOG10_OF_2 - 1e-6) + 1);
}
