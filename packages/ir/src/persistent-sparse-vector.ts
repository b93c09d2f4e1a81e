/**
 * A persistent sparse array indexed by small non-negative integers (node ids): a 32-way trie whose
 * `set` and `delete` copy only the path from the root to one leaf, so a new version of a
 * 10,000-entry vector costs three copied 32-slot arrays and shares everything else with the old one.
 * Iteration is in index order. Internal to the IR.
 *
 * The trie's arrays never leave this module and are never written after they are made, so they are
 * not `Object.freeze`d: V8 copies a frozen array about fifty times slower than a plain one, which
 * would cost more than the whole rest of a mutation.
 *
 * A batch of changes (an edit, a load) goes through a `TransientSparseVector`, which copies each
 * shared array once and then writes in place, so building a 10,000-node graph makes no garbage
 * beyond the trie itself.
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** Indices stay below 2^30 so that shifts never touch the sign bit. */
const MAX_INDEX = 2 ** 30 - 1;

type Trie = readonly unknown[];

/** What reading a vector needs; both the persistent and the transient vector provide it. */
export interface ReadonlyIdMap<V> {
  readonly size: number;
  get(index: number): V | undefined;
  has(index: number): boolean;
  forEach(fn: (value: V, index: number) => void): void;
}

let fromParts: <V>(root: Trie, shift: number, size: number) => SparseVector<V>;

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`SparseVector index must be an integer in [0, ${MAX_INDEX}], got ${index}`);
  }
}

function getIn(root: Trie, rootShift: number, index: number): unknown {
  if (!(index >= 0 && index <= MAX_INDEX) || index >>> (rootShift + BITS) !== 0) return undefined;
  let node = root;
  for (let shift = rootShift; shift > 0; shift -= BITS) {
    const child = node[(index >>> shift) & MASK] as Trie | undefined;
    if (child === undefined) return undefined;
    node = child;
  }
  return node[index & MASK];
}

const EMPTY_TRIE: Trie = new Array<unknown>(WIDTH).fill(undefined);

function isEmpty(node: Trie): boolean {
  for (let i = 0; i < WIDTH; i++) if (node[i] !== undefined) return false;
  return true;
}

function withSlot(node: Trie, slot: number, value: unknown): Trie {
  const copy = node.slice();
  copy[slot] = value;
  return copy;
}

/** An immutable map from integer index to value, ordered by index. */
export class SparseVector<V> implements ReadonlyIdMap<V> {
  static readonly #EMPTY = new SparseVector<never>(EMPTY_TRIE, 0, 0);

  /** The empty vector. */
  static empty<V>(): SparseVector<V> {
    return SparseVector.#EMPTY;
  }

  /** Builds a vector from `[index, value]` pairs, later pairs winning. */
  static from<V>(entries: Iterable<readonly [number, V]>): SparseVector<V> {
    let out = SparseVector.empty<V>();
    for (const [index, value] of entries) out = out.set(index, value);
    return out;
  }

  readonly #root: Trie;
  /** Bits of the index consumed above the leaf level: 0 for one level, 5 for two, ... */
  readonly #shift: number;
  readonly #size: number;

  static {
    fromParts = <V>(root: Trie, shift: number, size: number) => new SparseVector<V>(root, shift, size);
  }

  private constructor(root: Trie, shift: number, size: number) {
    this.#root = root;
    this.#shift = shift;
    this.#size = size;
    Object.freeze(this);
  }

  /** A mutable copy for a batch of changes; this vector is unchanged. */
  asTransient(): TransientSparseVector<V> {
    return new TransientSparseVector<V>(this.#root, this.#shift, this.#size);
  }

  /** Number of indices that hold a value. */
  get size(): number {
    return this.#size;
  }

  /** The value at `index`, or `undefined`. */
  get(index: number): V | undefined {
    return getIn(this.#root, this.#shift, index) as V | undefined;
  }

  /** Whether `index` holds a value. */
  has(index: number): boolean {
    return this.get(index) !== undefined;
  }

  /** A new vector with `value` at `index`; this one is unchanged. */
  set(index: number, value: V): SparseVector<V> {
    checkIndex(index);
    if (value === undefined) throw new TypeError('SparseVector cannot hold undefined; use delete()');
    let root = this.#root;
    let shift = this.#shift;
    while (index >>> (shift + BITS) !== 0) {
      root = this.#size === 0 ? root : [root, ...EMPTY_TRIE.slice(1)];
      shift += BITS;
    }
    const existed = this.#size > 0 && this.get(index) !== undefined;
    const newRoot = setIn(root, shift, index, value);
    return new SparseVector<V>(newRoot, shift, existed ? this.#size : this.#size + 1);
  }

  /** A new vector without `index`; this one when `index` holds nothing. */
  delete(index: number): SparseVector<V> {
    if (this.get(index) === undefined) return this;
    const newRoot = deleteIn(this.#root, this.#shift, index) ?? EMPTY_TRIE;
    return new SparseVector<V>(newRoot, this.#shift, this.#size - 1);
  }

  /** Values in index order. */
  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** `[index, value]` pairs in index order. */
  *entries(): IterableIterator<[number, V]> {
    yield* walk<V>(this.#root, this.#shift, 0);
  }

  /** Calls `fn` for every value in index order; faster than iterating `values()`. */
  forEach(fn: (value: V, index: number) => void): void {
    visit(this.#root, this.#shift, 0, fn as (value: unknown, index: number) => void);
  }

  /** Values in index order. */
  [Symbol.iterator](): IterableIterator<V> {
    return this.values();
  }
}

function setIn(node: Trie, shift: number, index: number, value: unknown): Trie {
  const slot = (index >>> shift) & MASK;
  if (shift === 0) return withSlot(node, slot, value);
  const child = (node[slot] as Trie | undefined) ?? EMPTY_TRIE;
  return withSlot(node, slot, setIn(child, shift - BITS, index, value));
}

/** Returns the node without `index`, or `undefined` when the node becomes empty. */
function deleteIn(node: Trie, shift: number, index: number): Trie | undefined {
  const slot = (index >>> shift) & MASK;
  let replacement: unknown;
  if (shift === 0) replacement = undefined;
  else replacement = deleteIn(node[slot] as Trie, shift - BITS, index);
  const copy = withSlot(node, slot, replacement);
  return isEmpty(copy) ? undefined : copy;
}

function* walk<V>(node: Trie, shift: number, base: number): IterableIterator<[number, V]> {
  for (let slot = 0; slot < WIDTH; slot++) {
    const child = node[slot];
    if (child === undefined) continue;
    const index = base + slot * 2 ** shift;
    if (shift === 0) yield [index, child as V];
    else yield* walk<V>(child as Trie, shift - BITS, index);
  }
}

function visit(node: Trie, shift: number, base: number, fn: (value: unknown, index: number) => void): void {
  for (let slot = 0; slot < WIDTH; slot++) {
    const child = node[slot];
    if (child === undefined) continue;
    const index = base + slot * 2 ** shift;
    if (shift === 0) fn(child, index);
    else visit(child as Trie, shift - BITS, index, fn);
  }
}

/**
 * A vector being changed in a batch: `set` and `delete` write in place into arrays this transient
 * made, copying a shared array the first time they touch it. `persistent()` ends the batch and
 * returns the result; the vector it started from never changes.
 */
export class TransientSparseVector<V> implements ReadonlyIdMap<V> {
  #root: unknown[];
  #shift: number;
  #size: number;
  /** Arrays this transient made (made on the first write, so a read-only transient costs nothing). */
  #owned: Set<unknown[]> | undefined;
  #done = false;

  constructor(root: Trie, shift: number, size: number) {
    this.#root = root as unknown[];
    this.#shift = shift;
    this.#size = size;
  }

  /** Number of indices that hold a value. */
  get size(): number {
    return this.#size;
  }

  /** The value at `index`, or `undefined`. */
  get(index: number): V | undefined {
    return getIn(this.#root, this.#shift, index) as V | undefined;
  }

  /** Whether `index` holds a value. */
  has(index: number): boolean {
    return this.get(index) !== undefined;
  }

  /** Calls `fn` for every value in index order. */
  forEach(fn: (value: V, index: number) => void): void {
    visit(this.#root, this.#shift, 0, fn as (value: unknown, index: number) => void);
  }

  /** Puts `value` at `index`; returns this transient. */
  set(index: number, value: V): this {
    this.#check();
    checkIndex(index);
    if (value === undefined) throw new TypeError('SparseVector cannot hold undefined; use delete()');
    while (index >>> (this.#shift + BITS) !== 0) {
      if (this.#size > 0) {
        const root = this.#own(EMPTY_TRIE);
        root[0] = this.#root;
        this.#root = root;
      }
      this.#shift += BITS;
    }
    if (this.get(index) === undefined) this.#size++;
    this.#root = this.#writable(this.#root);
    let node = this.#root;
    for (let shift = this.#shift; shift > 0; shift -= BITS) {
      const slot = (index >>> shift) & MASK;
      const child = this.#writable((node[slot] as Trie | undefined) ?? EMPTY_TRIE);
      node[slot] = child;
      node = child;
    }
    node[index & MASK] = value;
    return this;
  }

  /** Removes `index`; returns this transient. */
  delete(index: number): this {
    this.#check();
    if (this.get(index) === undefined) return this;
    this.#size--;
    this.#root = this.#writable(this.#root);
    let node = this.#root;
    for (let shift = this.#shift; shift > 0; shift -= BITS) {
      const slot = (index >>> shift) & MASK;
      const child = this.#writable(node[slot] as Trie);
      node[slot] = child;
      node = child;
    }
    node[index & MASK] = undefined;
    return this;
  }

  /** Ends the batch and returns the vector it made; the transient cannot be changed afterwards. */
  persistent(): SparseVector<V> {
    this.#check();
    this.#done = true;
    this.#owned = undefined;
    return fromParts<V>(this.#root, this.#shift, this.#size);
  }

  #writable(node: Trie): unknown[] {
    return this.#owned?.has(node as unknown[]) === true ? (node as unknown[]) : this.#own(node);
  }

  #own(node: Trie): unknown[] {
    const copy = node.slice();
    (this.#owned ??= new Set()).add(copy);
    return copy;
  }

  #check(): void {
    if (this.#done) throw new Error('this transient vector was made persistent and cannot change any more');
  }
}
