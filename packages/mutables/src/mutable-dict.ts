/**
 * An ordered record of mutables and constants; its frozen value is a plain object with the same keys.
 * The usual shape of a hyper-parameter space.
 */
import { SearchSpaceError } from '@archspace/ir';
import { isDeepStrictEqual } from 'node:util';
import { isConstraint, smallRecord, type SpaceNode } from './decision.js';
import { isMutable, Mutable, sameMember, type ValueOf } from './mutable.js';

/** What {@link MutableDict} accepts: a record, a Map or `[key, value]` pairs. */
export type DictEntries = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown> | Iterable<readonly [string, unknown]>;

function toEntries(entries: DictEntries): [string, unknown][] {
  if (entries instanceof Map) return [...entries.entries()];
  if (typeof (entries as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(entries as Iterable<readonly [string, unknown]>)].map(([k, v]) => [k, v]);
  }
  return Object.entries(entries);
}

/**
 * A dict of mutables and constants. Constants pass through `freeze` unchanged; constraints held in
 * the dict are checked but leave no key in the frozen value. The frozen value is a record with no
 * prototype, so any key (even `"__proto__"`) is an own key.
 *
 * @example
 * ```ts
 * const space = new MutableDict({
 *   lr: new Numerical({ low: 1e-4, high: 1e-1, log: true, label: 'lr' }),
 *   optimizer: 'adam',
 * });
 * space.freeze({ lr: 0.01 }); // { lr: 0.01, optimizer: 'adam' }
 * ```
 */
export class MutableDict<T extends Record<string, unknown> = Record<string, unknown>> extends Mutable<T> {
  readonly #keys: readonly string[];
  readonly #values: readonly unknown[];
  readonly #children: readonly SpaceNode[];

  constructor(entries: DictEntries) {
    super();
    const pairs = toEntries(entries);
    const keys = pairs.map(([k]) => k);
    const seen = new Set<string>();
    for (const key of keys) {
      if (typeof key !== 'string') {
        throw new SearchSpaceError({ code: 'invalid-key', expected: 'string keys', received: key });
      }
      if (seen.has(key)) throw new SearchSpaceError({ code: 'duplicate-key', path: [key], expected: 'each key once', received: key });
      seen.add(key);
    }
    this.#keys = Object.freeze(keys);
    this.#values = Object.freeze(pairs.map(([, v]) => v));
    this.#children = Object.freeze(this.#values.filter(isMutable));
  }

  /** The keys, in order. */
  keys(): readonly string[] {
    return this.#keys;
  }

  /** The value (mutable or constant) stored under `key`. */
  get(key: string): unknown {
    const i = this.#keys.indexOf(key);
    return i === -1 ? undefined : this.#values[i];
  }

  /** `[key, value]` pairs, in order. */
  entries(): [string, unknown][] {
    return this.#keys.map((k, i) => [k, this.#values[i]]);
  }

  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return this.#children;
  }

  /** @inheritdoc */
  materialize(valueOf: ValueOf): T {
    const out = smallRecord();
    const keys = this.#keys;
    const values = this.#values;
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      if (isConstraint(value)) continue;
      out[keys[i]!] = isMutable(value) ? value.materialize(valueOf) : value;
    }
    return out as T;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    if (!(other instanceof MutableDict) || !isDeepStrictEqual(other.keys(), this.#keys)) return false;
    return this.#keys.every((key, i) => sameMember(this.#values[i], other.get(key)));
  }

  /** Python-style description. */
  describe(): string {
    return `MutableDict({${this.#keys.map((k, i) => `'${k}': ${describeItem(this.#values[i])}`).join(', ')}})`;
  }
}

/** Describes a member of a container: a mutable's own description or the constant's JSON. */
export function describeItem(value: unknown): string {
  const describe = (value as { describe?: () => string } | null)?.describe;
  return typeof describe === 'function' ? describe.call(value) : JSON.stringify(value) ?? String(value);
}
