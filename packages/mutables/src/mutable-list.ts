/**
 * An ordered list of mutables and constants; its frozen value is a plain array.
 */
import type { SpaceNode } from './decision.js';
import { isMutable, Mutable, sameMember, type ValueOf } from './mutable.js';
import { describeItem } from './mutable-dict.js';

/**
 * A list of mutables and constants. Constants pass through `freeze` unchanged; a plain array nested
 * inside is a constant too (its mutables are not searched), as in the reference.
 *
 * @example
 * ```ts
 * const widths = new MutableList([new Categorical([16, 32], { label: 'w0' }), 64]);
 * widths.freeze({ w0: 32 }); // [32, 64]
 * ```
 */
export class MutableList<T extends unknown[] = unknown[]> extends Mutable<T> {
  readonly #items: readonly unknown[];
  readonly #children: readonly SpaceNode[];

  constructor(items: readonly unknown[]) {
    super();
    this.#items = Object.freeze([...items]);
    this.#children = Object.freeze(this.#items.filter(isMutable));
  }

  /** The items, in order. */
  get items(): readonly unknown[] {
    return this.#items;
  }

  /** The number of items. */
  get length(): number {
    return this.#items.length;
  }

  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return this.#children;
  }

  /** @inheritdoc */
  materialize(valueOf: ValueOf): T {
    return this.#items.map((item) => (isMutable(item) ? item.materialize(valueOf) : item)) as T;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    if (!(other instanceof MutableList) || other.length !== this.length) return false;
    return this.#items.every((mine, i) => sameMember(mine, other.items[i]));
  }

  /** Python-style description. */
  describe(): string {
    return `MutableList([${this.#items.map(describeItem).join(', ')}])`;
  }
}
