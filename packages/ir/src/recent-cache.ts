/**
 * A cache of values worked out from immutable keys, bounded by the total weight of what it keeps.
 * Internal to the IR (the graph views' lookup indexes and edge lists).
 */

interface Entry<V> {
  readonly value: V;
  readonly weight: number;
  /** Whether it was read since eviction last passed it. */
  used: boolean;
}

/**
 * Keeps recently used entries up to `capacity` in total weight, evicting by the clock ("second
 * chance") rule: the oldest entry goes unless it was read since it was last passed, in which case it
 * moves to the back. A read only marks its entry, so a cache that many lookups hit (hundreds of cell
 * graphs read once per trial) costs no reordering; the entry set last is kept whatever its weight.
 *
 * @example
 * ```ts
 * const cache = new RecentCache<object, string>(100);
 * cache.set(key, 'value', 10);
 * cache.get(key); // 'value'
 * ```
 */
export class RecentCache<K extends object, V> {
  readonly #entries = new Map<K, Entry<V>>();
  #weight = 0;

  constructor(readonly capacity: number) {}

  /** The value kept for `key`, or `undefined`. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  /** Keeps `value` for `key`, counting `weight` against the capacity, and evicts what no longer fits. */
  set(key: K, value: V, weight: number): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#weight -= old.weight;
    }
    this.#entries.set(key, { value, weight, used: false });
    this.#weight += weight;
    // Each pass evicts an entry or clears a mark (the new entry passes as if marked), so this ends
    // within about twice the entries it holds.
    while (this.#weight > this.capacity && this.#entries.size > 1) {
      const [oldestKey, oldest] = this.#entries.entries().next().value as [K, Entry<V>];
      this.#entries.delete(oldestKey);
      if (oldest.used || oldestKey === key) {
        oldest.used = false;
        this.#entries.set(oldestKey, oldest);
      } else this.#weight -= oldest.weight;
    }
  }

  /** The total weight of what it keeps. */
  get weight(): number {
    return this.#weight;
  }

  /** How many entries it keeps. */
  get size(): number {
    return this.#entries.size;
  }
}
