/**
 * The nodes a bulk editor (the loader's) has added to a graph but not yet written into its table.
 * Internal to the IR.
 */
import type { NodeRecord } from './records.js';

/** A node record still being filled by a bulk editor: `settle` freezes it as it is. */
export type StagedNode = { -readonly [K in keyof NodeRecord]: NodeRecord[K] };

/**
 * Staged nodes by id. Fresh ids only grow, so the nodes sit in an array at their id's offset from the
 * first one staged: no hash table to grow and rehash (a `Map` of a 10,000-node load allocated close
 * to a megabyte, and every fresh page of memory costs a fault). Ids skipped (nodes staged in another
 * graph meanwhile) leave holes, which no lookup finds.
 */
export class StagedNodes {
  #first = 0;
  #nodes: (StagedNode | undefined)[] = [];
  #size = 0;

  /** Number of staged nodes. */
  get size(): number {
    return this.#size;
  }

  /** The staged node with this id, or `undefined`. */
  get(id: number): StagedNode | undefined {
    return this.#nodes[id - this.#first];
  }

  /** Whether a node with this id is staged. */
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Stages `node`, whose id must be above every id staged before. */
  add(node: StagedNode): void {
    if (this.#size === 0) this.#first = node.id;
    const at = node.id - this.#first;
    if (!(at >= this.#nodes.length)) throw new Error(`internal: node id ${node.id} staged after a higher one`);
    this.#nodes[at] = node;
    this.#size++;
  }

  /** The staged nodes, in id order. */
  values(): StagedNode[] {
    const out = new Array<StagedNode>(this.#size);
    let k = 0;
    for (let i = 0; i < this.#nodes.length; i++) {
      const node = this.#nodes[i];
      if (node !== undefined) out[k++] = node;
    }
    return out;
  }
}

/** Staging that refuses every node: what the working graphs of an editor that never stages share. */
class NoStaging extends StagedNodes {
  override add(): void {
    throw new Error('internal: a non-bulk editor staged a node');
  }
}

/** The staged nodes of every working graph of an editor that is not bulk: one shared, empty instance. */
export const NOTHING_STAGED_NODES: StagedNodes = new NoStaging();
