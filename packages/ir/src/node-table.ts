/**
 * A graph's node records by id, iterated in id order: a persistent sorted table. Internal to the IR.
 *
 * Node ids in a graph only grow (every added node gets a fresh id above all others), so the table
 * keeps its records sorted by id in chunks of at most `2 * CHUNK`: a lookup is two binary searches,
 * an append writes the last chunk, and a change made on a sealed table copies the chunk list and one
 * chunk while sharing every other chunk with the table it came from. A table is built in bulk from
 * records already in id order (`NodeTable.ofSorted`, what a load does) by slicing, without hashing
 * or allocating a node per record as a hash trie would.
 *
 * As with Immutable.js, `asMutable()` gives a copy that `set` and `delete` write in place (copying a
 * shared chunk once, on its first write) and `asImmutable()` seals it again. A record is always
 * stored under its own `id`.
 */
import type { NodeRecord } from './records.js';

/** The length chunks are built at; a chunk that grows past twice this splits in two. */
const CHUNK = 64;

type Chunk = NodeRecord[];

/** The table's records, sorted by id, and whether this table may write them in place. */
export class NodeTable {
  static #empty: NodeTable | undefined;

  /** The empty table. */
  static get EMPTY(): NodeTable {
    return (NodeTable.#empty ??= new NodeTable([], 0, undefined));
  }

  #chunks: Chunk[];
  #size: number;
  /** While mutable: the chunks this table made itself, which it may write in place. */
  #owned: WeakSet<Chunk> | undefined;

  private constructor(chunks: Chunk[], size: number, owned: WeakSet<Chunk> | undefined) {
    this.#chunks = chunks;
    this.#size = size;
    this.#owned = owned;
  }

  /** A sealed table of `records`, which must be in strictly increasing id order. */
  static ofSorted(records: readonly NodeRecord[]): NodeTable {
    const chunks: Chunk[] = [];
    for (let i = 0; i < records.length; i += CHUNK) chunks.push(records.slice(i, i + CHUNK));
    return new NodeTable(chunks, records.length, undefined);
  }

  /** A sealed table of `records`, in any order (a later record with an id replaces an earlier one). */
  static of(records: Iterable<NodeRecord>): NodeTable {
    let table = NodeTable.EMPTY.asMutable();
    for (const record of records) table = table.set(record);
    return table.asImmutable();
  }

  /** Number of records. */
  get size(): number {
    return this.#size;
  }

  /** The record with this id, or `undefined`. */
  get(id: number): NodeRecord | undefined {
    const chunk = this.#chunks[this.#chunkOf(id)];
    if (chunk === undefined) return undefined;
    const record = chunk[positionIn(chunk, id)];
    return record !== undefined && record.id === id ? record : undefined;
  }

  /** Whether a record has this id. */
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Calls `fn` with every record and its id, in id order. */
  forEach(fn: (node: NodeRecord, id: number) => void): void {
    for (const chunk of this.#chunks) for (const node of chunk) fn(node, node.id);
  }

  /** The records in id order, as a new array. */
  values(): NodeRecord[] {
    const out: NodeRecord[] = [];
    for (const chunk of this.#chunks) for (let i = 0; i < chunk.length; i++) out.push(chunk[i] as NodeRecord);
    return out;
  }

  /** The ids, in order. */
  keys(): number[] {
    const ids: number[] = [];
    this.forEach((_, id) => ids.push(id));
    return ids;
  }

  /** `[id, record]` pairs, in id order. */
  entries(): [number, NodeRecord][] {
    const pairs: [number, NodeRecord][] = [];
    this.forEach((node, id) => pairs.push([id, node]));
    return pairs;
  }

  /** A table with `record` stored under its id (replacing the one there); in place while mutable. */
  set(record: NodeRecord): NodeTable {
    const table = this.#writable();
    const chunks = table.#chunks;
    const id = record.id;
    const last = chunks[chunks.length - 1];
    if (last === undefined || (last[last.length - 1] as NodeRecord).id < id) {
      // An append, which is how nodes are added: a fresh id is above all others.
      if (last !== undefined && last.length < CHUNK) table.#own(chunks.length - 1).push(record);
      else chunks.push(table.#made([record]));
      table.#size++;
      return table;
    }
    const c = table.#chunkOf(id);
    const chunk = table.#own(c);
    const at = positionIn(chunk, id);
    if (chunk[at]?.id === id) {
      chunk[at] = record;
      return table;
    }
    chunk.splice(at, 0, record);
    table.#size++;
    if (chunk.length > 2 * CHUNK) chunks.splice(c + 1, 0, table.#made(chunk.splice(CHUNK)));
    return table;
  }

  /** A table without the record of this id (the same table when there is none); in place while mutable. */
  delete(id: number): NodeTable {
    if (!this.has(id)) return this;
    const table = this.#writable();
    const c = table.#chunkOf(id);
    const chunk = table.#own(c);
    chunk.splice(positionIn(chunk, id), 1);
    if (chunk.length === 0) table.#chunks.splice(c, 1);
    table.#size--;
    return table;
  }

  /** A mutable copy: `set` and `delete` write it in place until `asImmutable()`. */
  asMutable(): NodeTable {
    return new NodeTable(this.#chunks.slice(), this.#size, new WeakSet());
  }

  /** Seals a mutable table (itself, no copy); later writes make copies again. */
  asImmutable(): NodeTable {
    this.#owned = undefined;
    return this;
  }

  /** This table when mutable, else a copy sharing every chunk. */
  #writable(): NodeTable {
    return this.#owned !== undefined ? this : new NodeTable(this.#chunks.slice(), this.#size, undefined);
  }

  /** Chunk `c`, copied first unless this table made it while mutable. */
  #own(c: number): Chunk {
    const chunk = this.#chunks[c] as Chunk;
    if (this.#owned?.has(chunk)) return chunk;
    return (this.#chunks[c] = this.#made(chunk.slice()));
  }

  /** Records `chunk` as this table's own while it is mutable. */
  #made(chunk: Chunk): Chunk {
    this.#owned?.add(chunk);
    return chunk;
  }

  /** The index of the chunk that holds `id` or would (the last chunk whose first id is ≤ `id`, or 0). */
  #chunkOf(id: number): number {
    const chunks = this.#chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (((chunks[mid] as Chunk)[0] as NodeRecord).id <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** The position of `id` in a sorted chunk, or where it would be inserted. */
function positionIn(chunk: Chunk, id: number): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((chunk[mid] as NodeRecord).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
