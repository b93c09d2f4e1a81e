/**
 * A cache of values worked out from immutable keys, bounded by the total weight of what it keeps.
 * Internal to the IR (the graph views' lookup indexes and edge lists).
 */

interface Entry<V> {
  readonly value: V;
  readonly weight: number;
  /** Whether it was read since a sweep last passed it. */
  used: boolean;
}

/**
 * Keeps recently used entries up to `capacity` in total weight. A read only marks its entry, so a
 * cache that many lookups hit (hundreds of cell graphs read once per trial) costs no reordering.
 * When an entry takes it over capacity, one sweep from the oldest entry on evicts the entries not read
 * since the last sweep, clearing the marks it passes, until a quarter of the capacity is free (so
 * sweeps are rare); only if the marked entries alone exceed the capacity does it evict them too,
 * oldest first. The entry set last is kept whatever its weight.
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
    if (old !== undefined) this.#evict(key, old);
    this.#entries.set(key, { value, weight, used: false });
    this.#weight += weight;
    if (this.#weight > this.capacity) this.#sweep(key);
  }

  /** Evicts as the class comment says, never `keep`. */
  #sweep(keep: K): void {
    const target = (this.capacity * 3) / 4;
    for (const [key, entry] of this.#entries) {
      if (this.#weight <= target) break;
      if (key === keep) continue;
      if (entry.used) entry.used = false;
      else this.#evict(key, entry);
    }
    for (const [key, entry] of this.#entries) {
      if (this.#weight <= this.capacity) break;
      if (key !== keep) this.#evict(key, entry);
    }
  }

  #evict(key: K, entry: Entry<V>): void {
    this.#entries.delete(key);
    this.#weight -= entry.weight;
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
