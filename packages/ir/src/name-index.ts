/**
 * A graph's node ids by name: a persistent map. Internal to the IR.
 *
 * It is a native `Map` that is never written once shared (what a load builds, at native speed)
 * under an Immutable.js map of the changes made since (a name added, moved to another id, or
 * removed), so a change costs a hash-trie path copy whatever the size of the graph, and a load costs
 * no hash-trie at all. As with Immutable.js, `asMutable()` gives a copy that `set` and `delete`
 * write in place and `asImmutable()` seals it; sealing folds many changes into a new native base.
 */
import { Map as ImmutableMap } from 'immutable';

/** A change's mark for a name removed from the base map. */
const REMOVED = null;

/**
 * When sealing, the changes are folded into a new native base once they number more than this and
 * more than a quarter of the base: the fold copies the base, so it costs at most five times the
 * changes it folds, and lookups in a graph built by edits stay native (Immutable.js hashes a short
 * string anew at every lookup).
 */
const FOLD_AT = 32;

/** Node ids by name. */
export class NameIndex {
  static #empty: NameIndex | undefined;

  /** The empty index. */
  static get EMPTY(): NameIndex {
    return (NameIndex.#empty ??= new NameIndex(new Map(), ImmutableMap(), 0, false));
  }

  #base: ReadonlyMap<string, number>;
  #changes: ImmutableMap<string, number | typeof REMOVED>;
  #size: number;
  /**
   * Whether this index is mutable; its change map is made mutable (copied) on its first write, so
   * that an edit that renames nothing copies nothing.
   */
  #mutable: boolean;
  #ownsChanges = false;

  private constructor(base: ReadonlyMap<string, number>, changes: ImmutableMap<string, number | typeof REMOVED>, size: number, mutable: boolean) {
    this.#base = base;
    this.#changes = changes;
    this.#size = size;
    this.#mutable = mutable;
  }

  /** A sealed index over `ids`, which it takes over: nothing may write `ids` afterwards. */
  static adopting(ids: Map<string, number>): NameIndex {
    return new NameIndex(ids, ImmutableMap(), ids.size, false);
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
    this.#base.forEach((id, name) => {
      if (!changes.has(name)) fn(id, name);
    });
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
    return this.#with(this.#writableChanges().set(name, id), size);
  }

  /** An index without `name` (the same index when it has no such name); in place while mutable. */
  delete(name: string): NameIndex {
    if (!this.has(name)) return this;
    const changes = this.#base.has(name) ? this.#writableChanges().set(name, REMOVED) : this.#writableChanges().delete(name);
    return this.#with(changes, this.#size - 1);
  }

  /** A mutable copy: `set` and `delete` write it in place until `asImmutable()`. */
  asMutable(): NameIndex {
    return new NameIndex(this.#base, this.#changes, this.#size, true);
  }

  /**
   * Seals a mutable index (itself, no copy). Many changes (more than `FOLD_AT` and a quarter of the
   * base) are folded into a new native base.
   */
  asImmutable(): NameIndex {
    if (this.#ownsChanges) this.#changes = this.#changes.asImmutable();
    this.#mutable = false;
    this.#ownsChanges = false;
    const changes = this.#changes;
    if (changes.size > FOLD_AT && changes.size * 4 > this.#base.size) {
      const base = new Map<string, number>();
      this.forEach((id, name) => base.set(name, id));
      this.#base = base;
      this.#changes = ImmutableMap();
    }
    return this;
  }

  /** The change map to write: this index's own mutable copy while mutable (made on the first write), else the sealed one. */
  #writableChanges(): ImmutableMap<string, number | typeof REMOVED> {
    if (this.#mutable && !this.#ownsChanges) {
      this.#changes = this.#changes.asMutable();
      this.#ownsChanges = true;
    }
    return this.#changes;
  }

  /** This index with other changes: itself when the changes were written in place (mutable), else a new one. */
  #with(changes: ImmutableMap<string, number | typeof REMOVED>, size: number): NameIndex {
    if (changes === this.#changes) {
      this.#size = size;
      return this;
    }
    return new NameIndex(this.#base, changes, size, false);
  }
}
