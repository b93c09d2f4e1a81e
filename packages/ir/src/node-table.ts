/**
 * A graph's node records by id, iterated in id order: a persistent sorted table. Internal to the IR.
 *
 * Node ids in a graph only grow (every added node gets a fresh id above all others), so the table
 * keeps its records sorted by id in two levels: chunks of records, and groups of chunks. A lookup is
 * three binary searches; an append writes the last chunk; a change made on a sealed table copies
 * the short list of groups, one group and one chunk, and shares everything else with the table it
 * came from. A table of 10,000 nodes has about ten groups of 32 chunks of 32 records, so a change
 * copies some 75 references where a single list of chunks would copy over 200. Every first write of
 * a page of memory costs a fault, which on some virtual machines takes 10 µs, so the bytes a change
 * allocates are time. A table is built in bulk from records already in id order
 * (`NodeTable.ofSorted`, what a load does) by slicing, without hashing or allocating a node per
 * record as a hash trie would.
 *
 * As with Immutable.js, `asMutable()` gives a copy that `set` and `delete` write in place (copying a
 * shared chunk or group once, on its first write) and `asImmutable()` seals it again. A record is
 * always stored under its own `id`. No group or chunk is ever empty.
 */
import type { NodeRecord } from './records.js';

type Chunk = NodeRecord[];
type Group = Chunk[];

/** How many records a chunk and how many chunks a group hold when built; either splits in two past twice that. */
export interface TableShape {
  readonly chunk: number;
  readonly group: number;
}

/** The shape every table of the IR has; tests build others to reach splits with few records. */
const SHAPE: TableShape = Object.freeze({ chunk: 32, group: 32 });

/** The table's records, sorted by id, and whether this table may write them in place. */
export class NodeTable {
  static #empty: NodeTable | undefined;

  /** The empty table. */
  static get EMPTY(): NodeTable {
    return (NodeTable.#empty ??= new NodeTable([], 0, undefined, SHAPE));
  }

  /** An empty table of another shape (for tests: small shapes split after a few records). */
  static emptyOfShape(shape: TableShape): NodeTable {
    return new NodeTable([], 0, undefined, shape);
  }

  #groups: Group[];
  #size: number;
  /** While mutable: the groups and chunks this table made itself, which it may write in place. */
  #owned: WeakSet<Group | Chunk> | undefined;
  readonly #shape: TableShape;

  private constructor(groups: Group[], size: number, owned: WeakSet<Group | Chunk> | undefined, shape: TableShape) {
    this.#groups = groups;
    this.#size = size;
    this.#owned = owned;
    this.#shape = shape;
  }

  /** A sealed table of `records`, which must be in strictly increasing id order. */
  static ofSorted(records: readonly NodeRecord[], shape: TableShape = SHAPE): NodeTable {
    const groups: Group[] = [];
    const perGroup = shape.chunk * shape.group;
    for (let g = 0; g < records.length; g += perGroup) {
      const group: Group = [];
      const end = Math.min(g + perGroup, records.length);
      for (let c = g; c < end; c += shape.chunk) group.push(records.slice(c, Math.min(c + shape.chunk, end)));
      groups.push(group);
    }
    return new NodeTable(groups, records.length, undefined, shape);
  }

  /** A sealed table of `records`, in any order (a later record with an id replaces an earlier one). */
  static of(records: Iterable<NodeRecord>, shape: TableShape = SHAPE): NodeTable {
    let table = NodeTable.emptyOfShape(shape).asMutable();
    for (const record of records) table = table.set(record);
    return table.asImmutable();
  }

  /** Number of records. */
  get size(): number {
    return this.#size;
  }

  /** The record with this id, or `undefined`. */
  get(id: number): NodeRecord | undefined {
    const group = this.#groups[groupOf(this.#groups, id)];
    if (group === undefined) return undefined;
    const chunk = group[chunkOf(group, id)] as Chunk;
    const record = chunk[positionIn(chunk, id)];
    return record !== undefined && record.id === id ? record : undefined;
  }

  /** Whether a record has this id. */
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Calls `fn` with every record and its id, in id order. */
  forEach(fn: (node: NodeRecord, id: number) => void): void {
    const groups = this.#groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as Group;
      for (let c = 0; c < group.length; c++) {
        const chunk = group[c] as Chunk;
        for (let i = 0; i < chunk.length; i++) {
          const node = chunk[i] as NodeRecord;
          fn(node, node.id);
        }
      }
    }
  }

  /** The records in id order, as a new array. */
  values(): NodeRecord[] {
    // Sized once: pushing would grow (and copy) the array a dozen times for a big graph.
    const out = new Array<NodeRecord>(this.#size);
    let k = 0;
    const groups = this.#groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as Group;
      for (let c = 0; c < group.length; c++) {
        const chunk = group[c] as Chunk;
        for (let i = 0; i < chunk.length; i++) out[k++] = chunk[i] as NodeRecord;
      }
    }
    return out;
  }

  /** The ids, in order. */
  keys(): number[] {
    return this.values().map((node) => node.id);
  }

  /** `[id, record]` pairs, in id order. */
  entries(): [number, NodeRecord][] {
    return this.values().map((node) => [node.id, node]);
  }

  /** A table with `record` stored under its id (replacing the one there); in place while mutable. */
  set(record: NodeRecord): NodeTable {
    const table = this.#writable();
    const groups = table.#groups;
    const { chunk: chunkSize, group: groupSize } = table.#shape;
    const id = record.id;
    const lastGroup = groups[groups.length - 1];
    const lastChunk = lastGroup?.[lastGroup.length - 1];
    if (lastGroup === undefined || lastChunk === undefined || (lastChunk[lastChunk.length - 1] as NodeRecord).id < id) {
      // An append, which is how nodes are added: a fresh id is above all others.
      table.#size++;
      if (lastGroup === undefined || lastChunk === undefined) groups.push(table.#made([table.#made([record])]));
      else if (lastChunk.length < chunkSize) table.#ownChunk(table.#ownGroup(groups.length - 1), lastGroup.length - 1).push(record);
      else if (lastGroup.length < groupSize) table.#ownGroup(groups.length - 1).push(table.#made([record]));
      else groups.push(table.#made([table.#made([record])]));
      return table;
    }
    const g = groupOf(groups, id);
    const group = table.#ownGroup(g);
    const c = chunkOf(group, id);
    const chunk = table.#ownChunk(group, c);
    const at = positionIn(chunk, id);
    if (chunk[at]?.id === id) {
      chunk[at] = record;
      return table;
    }
    chunk.splice(at, 0, record);
    table.#size++;
    if (chunk.length > 2 * chunkSize) group.splice(c + 1, 0, table.#made(chunk.splice(chunkSize)));
    if (group.length > 2 * groupSize) groups.splice(g + 1, 0, table.#made(group.splice(groupSize)));
    return table;
  }

  /**
   * A table with `records` appended, which must be in increasing id order; in place while mutable.
   * When they all come after this table's last id (a load's nodes do), whole chunks are sliced from
   * them instead of grown one record at a time; otherwise each is `set`.
   */
  appendSorted(records: readonly NodeRecord[]): NodeTable {
    const { chunk: chunkSize, group: groupSize } = this.#shape;
    const lastGroup = this.#groups[this.#groups.length - 1];
    const lastChunk = lastGroup?.[lastGroup.length - 1];
    const lastId = lastChunk === undefined ? -Infinity : (lastChunk[lastChunk.length - 1] as NodeRecord).id;
    let table: NodeTable = this;
    let i = 0;
    // Tops up the last chunk (or, when a record does not come after the table, writes them all).
    const topUp = records.length > 0 && (records[0] as NodeRecord).id > lastId ? chunkSize - (lastChunk?.length ?? chunkSize) : records.length;
    for (; i < records.length && i < topUp; i++) table = table.set(records[i] as NodeRecord);
    if (i === records.length) return table;
    table = table.#writable();
    const groups = table.#groups;
    for (; i < records.length; i += chunkSize) {
      const chunk = table.#made(records.slice(i, i + chunkSize));
      const last = groups.length - 1;
      if (last >= 0 && (groups[last] as Group).length < groupSize) table.#ownGroup(last).push(chunk);
      else groups.push(table.#made([chunk]));
      table.#size += chunk.length;
    }
    return table;
  }

  /** A table without the record of this id (the same table when there is none); in place while mutable. */
  delete(id: number): NodeTable {
    if (!this.has(id)) return this;
    const table = this.#writable();
    const groups = table.#groups;
    const g = groupOf(groups, id);
    const group = table.#ownGroup(g);
    const c = chunkOf(group, id);
    const chunk = table.#ownChunk(group, c);
    chunk.splice(positionIn(chunk, id), 1);
    if (chunk.length === 0) group.splice(c, 1);
    if (group.length === 0) groups.splice(g, 1);
    table.#size--;
    return table;
  }

  /** A mutable copy: `set` and `delete` write it in place until `asImmutable()`. */
  asMutable(): NodeTable {
    return new NodeTable(this.#groups.slice(), this.#size, new WeakSet(), this.#shape);
  }

  /** Seals a mutable table (itself, no copy); later writes make copies again. */
  asImmutable(): NodeTable {
    this.#owned = undefined;
    return this;
  }

  /** This table when mutable, else a copy sharing every group. */
  #writable(): NodeTable {
    return this.#owned !== undefined ? this : new NodeTable(this.#groups.slice(), this.#size, undefined, this.#shape);
  }

  /** Group `g`, copied first unless this table made it while mutable. */
  #ownGroup(g: number): Group {
    const group = this.#groups[g] as Group;
    if (this.#owned?.has(group)) return group;
    return (this.#groups[g] = this.#made(group.slice()));
  }

  /** Chunk `c` of `group` (a group this table owns), copied first unless this table made it while mutable. */
  #ownChunk(group: Group, c: number): Chunk {
    const chunk = group[c] as Chunk;
    if (this.#owned?.has(chunk)) return chunk;
    return (group[c] = this.#made(chunk.slice()));
  }

  /** Records `made` as this table's own while it is mutable. */
  #made<T extends Group | Chunk>(made: T): T {
    this.#owned?.add(made);
    return made;
  }
}

/** The index of the last group whose first id is ≤ `id`, or 0: the group that holds `id` or would. */
function groupOf(groups: readonly Group[], id: number): number {
  let lo = 0;
  let hi = groups.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((((groups[mid] as Group)[0] as Chunk)[0] as NodeRecord).id <= id) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The index of the last chunk of `group` whose first id is ≤ `id`, or 0. */
function chunkOf(group: Group, id: number): number {
  let lo = 0;
  let hi = group.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (((group[mid] as Chunk)[0] as NodeRecord).id <= id) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
