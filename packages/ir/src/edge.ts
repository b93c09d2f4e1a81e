/**
 * An edge: one output slot of a node flowing into one input slot of another node of the same graph.
 */
import type { Graph } from './graph.js';
import type { Node, NodeRef } from './node.js';
import type { EdgeRecord } from './records.js';

/**
 * A slot index. On the head side, the output index of the head node (`null` when it has one output);
 * on the tail side, the input index of the tail node (`null` when it has one input, `-1` when the
 * order of its inputs does not matter).
 */
export type Slot = number | null;

/** One end of an edge: a node and a slot, as `addEdge` takes it. */
export type Endpoint = readonly [node: NodeRef, slot: Slot];

/** What identifies an edge for `removeEdge` and `insertNodeOnEdge`: an `Edge`, or an editor's handle. */
export interface EdgeRef {
  readonly graphName: string;
  readonly id: number;
  readonly head: NodeRef;
  readonly tail: NodeRef;
}

/** What `ModelEditor.addEdge` returns: enough to refer to the edge later in the same edit. */
export interface EdgeHandle extends EdgeRef {
  readonly headSlot: Slot;
  readonly tailSlot: Slot;
}

/** Makes an edge view. Internal. */
export let createEdgeView: (graph: Graph, record: EdgeRecord) => Edge;

/**
 * A data flow `(head, headSlot) → (tail, tailSlot)` inside one graph, seen in one model version.
 * For `a, b, c = split(x); p = concat(a, c)` the edges are `(split, 0) → (concat, 0)` and
 * `(split, 2) → (concat, 1)`.
 *
 * @example
 * ```ts
 * for (const e of model.rootGraph.edges) console.log(`${e.head.name} -> ${e.tail.name}`);
 * ```
 */
export class Edge implements EdgeRef {
  /** The graph that holds the edge. */
  readonly graph: Graph;
  /** Unique in the model; edges are listed in id order. */
  readonly id: number;
  /** Output index of the head node, `null` for its single output. */
  readonly headSlot: Slot;
  /** Input index of the tail node, `null` for its single input, `-1` when order does not matter. */
  readonly tailSlot: Slot;
  readonly #headId: number;
  readonly #tailId: number;

  static {
    createEdgeView = (graph, record) => new Edge(graph, record);
  }

  private constructor(graph: Graph, record: EdgeRecord) {
    this.graph = graph;
    this.id = record.id;
    this.headSlot = record.headSlot;
    this.tailSlot = record.tailSlot;
    this.#headId = record.head;
    this.#tailId = record.tail;
    Object.freeze(this);
  }

  /** Name of the graph that holds the edge. */
  get graphName(): string {
    return this.graph.name;
  }

  /** The node the data comes from. */
  get head(): Node {
    return this.graph.getNodeById(this.#headId) as Node;
  }

  /** The node the data goes to. */
  get tail(): Node {
    return this.graph.getNodeById(this.#tailId) as Node;
  }

  /** `head[slot] -> tail[slot]`. */
  toString(): string {
    return `${formatEndpoint(this.head.name, this.headSlot)} -> ${formatEndpoint(this.tail.name, this.tailSlot)}`;
  }
}

/** `name` or `name[slot]`. Internal. */
export function formatEndpoint(name: string, slot: Slot): string {
  return slot === null ? name : `${name}[${slot}]`;
}
