/**
 * A graph's node ids by name: a persistent map. Internal to the IR.
 *
 * It is a native `Map` that is never written once shared (what a load builds, at native speed)
 * under an Immutable.js map of the changes made since (a name added, moved to another id, or
 * removed), so a change costs a hash-trie path copy whatever the size of the graph, and a load costs
 * no hash-trie at all. As with Immutable.js, `asMutable()` gives a copy that `set` and `delete`
 * write in place and `asImmutable()` seals it.
 */
import { Map as ImmutableMap } from 'immutable';

/** A change's mark for a name removed from the base map. */
const REMOVED = null;

/** Node ids by name. */
export class NameIndex {
  static #empty: NameIndex | undefined;

  /** The empty index. */
  static get EMPTY(): NameIndex {
    return (NameIndex.#empty ??= new NameIndex(new Map(), ImmutableMap(), 0));
  }

  readonly #base: ReadonlyMap<string, number>;
  #changes: ImmutableMap<string, number | typeof REMOVED>;
  #size: number;

  private constructor(base: ReadonlyMap<string, number>, changes: ImmutableMap<string, number | typeof REMOVED>, size: number) {
    this.#base = base;
    this.#changes = changes;
    this.#size = size;
  }

  /** A sealed index over `ids`, which it takes over: nothing may write `ids` afterwards. */
  static adopting(ids: Map<string, number>): NameIndex {
    return new NameIndex(ids, ImmutableMap(), ids.size);
  }

  /** Number of names. */
  get size(): number {
    return this.#size;
  }

  /** The id of the node named `name`, or `undefined`. */
  get(name: string): number | undefined {
    // An empty Immutable.js map answers without hashing, but the guard keeps a load's lookups native.
    if (this.#changes.size > 0) {
      const changed = this.#changes.get(name);
      if (changed !== undefined) return changed === REMOVED ? undefined : changed;
    }
    return this.#base.get(name);
  }

  /** Whether a node has this name. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Calls `fn` with every id and its name: the base's names first, then the names added since. */
  forEach(fn: (id: number, name: string) => void): void {
    const changes = this.#changes;
    for (const [name, id] of this.#base) if (!changes.has(name)) fn(id, name);
    changes.forEach((id, name) => {
      if (id !== REMOVED) fn(id, name);
    });
  }

  /** `[name, id]` pairs, in `forEach`'s order. */
  entries(): [string, number][] {
    const pairs: [string, number][] = [];
    this.forEach((id, name) => pairs.push([name, id]));
    return pairs;
  }

  /** An index with `name` naming `id`; in place while mutable. */
  set(name: string, id: number): NameIndex {
    const size = this.#size + (this.has(name) ? 0 : 1);
    return this.#with(this.#changes.set(name, id), size);
  }

  /** An index without `name` (the same index when it has no such name); in place while mutable. */
  delete(name: string): NameIndex {
    if (!this.has(name)) return this;
    const changes = this.#base.has(name) ? this.#changes.set(name, REMOVED) : this.#changes.delete(name);
    return this.#with(changes, this.#size - 1);
  }

  /** A mutable copy: `set` and `delete` write it in place until `asImmutable()`. */
  asMutable(): NameIndex {
    return new NameIndex(this.#base, this.#changes.asMutable(), this.#size);
  }

  /** Seals a mutable index (itself, no copy). */
  asImmutable(): NameIndex {
    this.#changes = this.#changes.asImmutable();
    return this;
  }

  /** This index with other changes: itself when the changes were written in place (mutable), else a new one. */
  #with(changes: ImmutableMap<string, number | typeof REMOVED>, size: number): NameIndex {
    if (changes === this.#changes) {
      this.#size = size;
      return this;
    }
    return new NameIndex(this.#base, changes, size);
  }
}
