/**
 * Finding a value's position in a list of choice values: primitives by one map lookup, other values
 * by deep equality, so that checking a sample value does not scan the list.
 */
import { isDeepStrictEqual } from 'node:util';

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/**
 * The positions of the values added so far. With `signedZero`, `0` and `-0` are different values
 * (as `isDeepStrictEqual` has it); without, they are one value (as a `Map` key has it).
 */
export class ValueIndex {
  readonly #primitives = new Map<unknown, number>();
  /** Positions compared by deep equality: objects, and zeros when their sign counts. */
  readonly #others: number[] = [];

  constructor(
    private readonly values: readonly unknown[],
    private readonly signedZero = false,
  ) {}

  private byMap(value: unknown): boolean {
    return isPrimitive(value) && !(this.signedZero && value === 0);
  }

  /** Makes `values[i]` findable. */
  add(i: number): void {
    const value = this.values[i];
    if (this.byMap(value)) this.#primitives.set(value, i);
    else this.#others.push(i);
  }

  /** The position of `value` among the added values, or -1. */
  indexOf(value: unknown): number {
    if (this.byMap(value)) return this.#primitives.get(value) ?? -1;
    for (const i of this.#others) if (isDeepStrictEqual(this.values[i], value)) return i;
    return -1;
  }
}
