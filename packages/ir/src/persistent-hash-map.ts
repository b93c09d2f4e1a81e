/**
 * A persistent map from strings to values (a hash array mapped trie): `set` and `delete` copy only
 * the short path of bitmap-compressed nodes that leads to one key, so a graph's name index changes in
 * O(log n) and is shared between model versions. Internal to the IR.
 *
 * Its nodes never leave this module and are never written after they are made; like the sparse
 * vector's arrays they are left unfrozen, because V8 copies frozen arrays very slowly.
 */

const BITS = 5;
const MASK = (1 << BITS) - 1;
/** 32 hash bits, five per level: the seventh level uses the last two bits. */
const MAX_SHIFT = 30;

interface Leaf<V> {
  readonly kind: 0;
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}

interface Branch<V> {
  readonly kind: 1;
  readonly bitmap: number;
  readonly children: readonly Child<V>[];
}

/** Keys whose 32-bit hashes are equal. */
interface Collision<V> {
  readonly kind: 2;
  readonly hash: number;
  readonly leaves: readonly Leaf<V>[];
}

type Child<V> = Leaf<V> | Branch<V> | Collision<V>;

/** A branch a transient may still write into. */
interface MutableBranch<V> {
  readonly kind: 1;
  bitmap: number;
  readonly children: Child<V>[];
}

const EMPTY_BRANCH: Branch<never> = { kind: 1, bitmap: 0, children: [] };

/** FNV-1a over UTF-16 code units, then a mixing step so that similar names spread across the trie. Internal. */
export function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function leaf<V>(hash: number, key: string, value: V): Leaf<V> {
  return { kind: 0, hash, key, value };
}

function branch<V>(bitmap: number, children: Child<V>[]): Branch<V> {
  return { kind: 1, bitmap, children };
}

let fromRoot: <V>(root: Branch<V>, size: number) => HashMap<V>;

function lookup<V>(root: Branch<V>, key: string): V | undefined {
  const hash = hashString(key);
  let node: Child<V> = root;
  for (let shift = 0; ; shift += BITS) {
    if (node.kind === 0) return node.key === key ? node.value : undefined;
    if (node.kind === 2) {
      for (const l of node.leaves) if (l.key === key) return l.value;
      return undefined;
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))] as Child<V>;
  }
}

/** What reading a map needs; both the persistent and the transient map provide it. */
export interface ReadonlyStringMap<V> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
}

/** An immutable map from string keys to values. Iteration order follows the hashes, not insertion. */
export class HashMap<V> implements ReadonlyStringMap<V> {
  static readonly #EMPTY = new HashMap<never>(EMPTY_BRANCH, 0);

  /** The empty map. */
  static empty<V>(): HashMap<V> {
    return HashMap.#EMPTY;
  }

  /** Builds a map from `[key, value]` pairs, later pairs winning. */
  static from<V>(entries: Iterable<readonly [string, V]>): HashMap<V> {
    let out = HashMap.empty<V>();
    for (const [key, value] of entries) out = out.set(key, value);
    return out;
  }

  readonly #root: Branch<V>;
  readonly #size: number;

  static {
    fromRoot = <V>(root: Branch<V>, size: number) => new HashMap<V>(root, size);
  }

  private constructor(root: Branch<V>, size: number) {
    this.#root = root;
    this.#size = size;
    Object.freeze(this);
  }

  /** A mutable copy for a batch of changes; this map is unchanged. */
  asTransient(): TransientHashMap<V> {
    return new TransientHashMap<V>(this.#root, this.#size);
  }

  /** Number of keys. */
  get size(): number {
    return this.#size;
  }

  /** The value stored under `key`, or `undefined`. */
  get(key: string): V | undefined {
    return lookup(this.#root, key);
  }

  /** Whether `key` is present. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A new map with `key` bound to `value`; this one is unchanged. */
  set(key: string, value: V): HashMap<V> {
    const hash = hashString(key);
    const added = { value: false };
    const root = insert(this.#root, 0, leaf(hash, key, value), added) as Branch<V>;
    return new HashMap(root, added.value ? this.#size + 1 : this.#size);
  }

  /** A new map without `key`; this one when `key` is absent. */
  delete(key: string): HashMap<V> {
    if (!this.has(key)) return this;
    const root = remove(this.#root, 0, hashString(key), key, true) as Branch<V> | undefined;
    return new HashMap(root ?? (EMPTY_BRANCH as Branch<V>), this.#size - 1);
  }

  /** `[key, value]` pairs. */
  *entries(): IterableIterator<[string, V]> {
    const stack: Child<V>[] = [this.#root];
    while (stack.length > 0) {
      const node = stack.pop() as Child<V>;
      if (node.kind === 0) yield [node.key, node.value];
      else if (node.kind === 2) for (const l of node.leaves) yield [l.key, l.value];
      else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Child<V>);
    }
  }

  /** The keys. */
  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
}

/** Nodes a transient made and may still change in place. */
type Owned = Set<object>;

function insert<V>(node: Child<V>, shift: number, item: Leaf<V>, added: { value: boolean }, owned?: Owned): Child<V> {
  if (node.kind === 0) {
    if (node.key === item.key) return item;
    added.value = true;
    return merge(node, item, shift);
  }
  if (node.kind === 2) {
    if (node.hash !== item.hash) {
      added.value = true;
      return merge(node, item, shift);
    }
    const index = node.leaves.findIndex((l) => l.key === item.key);
    const leaves = node.leaves.slice();
    if (index >= 0) leaves[index] = item;
    else {
      leaves.push(item);
      added.value = true;
    }
    return { kind: 2, hash: node.hash, leaves };
  }
  const bit = 1 << ((item.hash >>> shift) & MASK);
  const index = popcount(node.bitmap & (bit - 1));
  // A transient writes into a branch it made; otherwise the branch is copied.
  const target = (owned?.has(node) ? node : branch(node.bitmap, node.children.slice())) as unknown as MutableBranch<V>;
  if (owned !== undefined) owned.add(target);
  if ((target.bitmap & bit) === 0) {
    added.value = true;
    target.children.splice(index, 0, item);
    target.bitmap |= bit;
    return target;
  }
  target.children[index] = insert(target.children[index] as Child<V>, shift + BITS, item, added, owned);
  return target;
}

/** A node holding `a` (a leaf or a collision) and the new leaf `b`, which met at `shift`. */
function merge<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Child<V> {
  if (a.hash === b.hash || shift > MAX_SHIFT) {
    const leaves = a.kind === 0 ? [a, b] : [...a.leaves, b];
    return { kind: 2, hash: a.hash, leaves };
  }
  const fa = (a.hash >>> shift) & MASK;
  const fb = (b.hash >>> shift) & MASK;
  if (fa === fb) return branch(1 << fa, [merge(a, b, shift + BITS)]);
  return branch((1 << fa) | (1 << fb), fa < fb ? [a, b] : [b, a]);
}

/** Removes `key` (known to be present); `undefined` means the node became empty. */
function remove<V>(node: Child<V>, shift: number, hash: number, key: string, isRoot: boolean): Child<V> | undefined {
  if (node.kind === 0) return undefined;
  if (node.kind === 2) {
    const leaves = node.leaves.filter((l) => l.key !== key);
    if (leaves.length === 1) return leaves[0];
    return { kind: 2, hash: node.hash, leaves };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const index = popcount(node.bitmap & (bit - 1));
  const child = remove(node.children[index] as Child<V>, shift + BITS, hash, key, false);
  const children = node.children.slice();
  let bitmap = node.bitmap;
  if (child === undefined) {
    children.splice(index, 1);
    bitmap &= ~bit;
  } else {
    children[index] = child;
  }
  if (children.length === 0) return isRoot ? EMPTY_BRANCH : undefined;
  // A branch left with one leaf collapses into that leaf, keeping lookups short.
  if (!isRoot && children.length === 1 && (children[0] as Child<V>).kind !== 1) return children[0];
  return branch(bitmap, children);
}

/**
 * A map being changed in a batch: `set` writes in place into branches this transient made, copying
 * a shared branch the first time it touches it. `persistent()` ends the batch; the map it started
 * from never changes.
 */
export class TransientHashMap<V> implements ReadonlyStringMap<V> {
  #root: Branch<V>;
  #size: number;
  /** Branches this transient made (made on the first write). */
  #owned: Owned | undefined;
  #done = false;

  constructor(root: Branch<V>, size: number) {
    this.#root = root;
    this.#size = size;
  }

  /** Number of keys. */
  get size(): number {
    return this.#size;
  }

  /** The value stored under `key`, or `undefined`. */
  get(key: string): V | undefined {
    return lookup(this.#root, key);
  }

  /** Whether `key` is present. */
  has(key: string): boolean {
    return lookup(this.#root, key) !== undefined;
  }

  /** Binds `key` to `value`; returns this transient. */
  set(key: string, value: V): this {
    this.#check();
    const added = { value: false };
    this.#root = insert(this.#root, 0, leaf(hashString(key), key, value), added, (this.#owned ??= new Set())) as Branch<V>;
    if (added.value) this.#size++;
    return this;
  }

  /** Removes `key`; returns this transient. */
  delete(key: string): this {
    this.#check();
    if (!this.has(key)) return this;
    this.#root = (remove(this.#root, 0, hashString(key), key, true) as Branch<V> | undefined) ?? (EMPTY_BRANCH as Branch<V>);
    this.#size--;
    return this;
  }

  /** Ends the batch and returns the map it made; the transient cannot be changed afterwards. */
  persistent(): HashMap<V> {
    this.#check();
    this.#done = true;
    this.#owned = undefined;
    return fromRoot(this.#root, this.#size);
  }

  #check(): void {
    if (this.#done) throw new Error('this transient map was made persistent and cannot change any more');
  }
}
