/**
 * A node of a graph: a name, an operation and its place in the data flow.
 */
import { GraphError } from './errors.js';
import type { Edge } from './edge.js';
import { edgeViewOf, type Graph } from './graph.js';
import type { Operation } from './operation.js';
import type { NodeRecord } from './records.js';

/**
 * What identifies a node for a mutation: a `Node` from any version of the model, or a handle an
 * editor returned. Node ids never change, so a node found in a parent model can be used to mutate a
 * fork of it.
 */
export interface NodeRef {
  /** Name of the graph that holds the node. */
  readonly graphName: string;
  /** Id of the node, unique in the model. */
  readonly id: number;
  /** Name of the node, used in error messages. */
  readonly name?: string;
}

/** What `ModelEditor.addNode` returns. */
export interface NodeHandle extends NodeRef {
  readonly name: string;
}

/** Options of `addNode` and `insertNodeOnEdge`. */
export interface NodeOptions {
  /** Nodes with the same label are the same decision for a mutator. */
  readonly label?: string;
  /** Dotted path of the module the node comes from (`"backbone.stage1.conv"`; the reference's `python_name`). */
  readonly pythonName?: string;
}

/** Makes a node view. Internal. */
export let createNodeView: (graph: Graph, record: NodeRecord) => Node;

/**
 * A node as seen in one model version: a frozen view with its operation, label and python name, and
 * helpers that follow its edges. To change it, call a mutation on the model with this node
 * (`model.updateOperation(node, op)`), which returns a new model.
 *
 * @example
 * ```ts
 * const conv = model.getNodeByName('conv1')!;
 * conv.operation.type;                 // "Conv2d"
 * conv.predecessors.map((n) => n.name);  // ["_inputs"]
 * ```
 */
export class Node implements NodeRef {
  /** The graph that holds the node. */
  readonly graph: Graph;
  /** Unique in the model. The pseudo-nodes have ids too. */
  readonly id: number;
  /** Unique in the graph; the pseudo-nodes are `_inputs` and `_outputs`. */
  readonly name: string;
  /** What the node computes. */
  readonly operation: Operation;
  /** Optional; nodes with the same label are the same decision for a mutator. */
  readonly label: string | undefined;
  /** Optional dotted module path the node comes from (the reference's `python_name`). */
  readonly pythonName: string | undefined;
  readonly #record: NodeRecord;

  static {
    createNodeView = (graph, record) => new Node(graph, record);
  }

  private constructor(graph: Graph, record: NodeRecord) {
    this.graph = graph;
    this.id = record.id;
    this.name = record.name;
    this.operation = record.operation;
    this.label = record.label;
    this.pythonName = record.pythonName;
    this.#record = record;
    Object.freeze(this);
  }

  /** Name of the graph that holds the node. */
  get graphName(): string {
    return this.graph.name;
  }

  /** Whether this is the graph's `_inputs` pseudo-node. */
  get isInput(): boolean {
    return this.id === this.graph.inputNode.id;
  }

  /** Whether this is the graph's `_outputs` pseudo-node. */
  get isOutput(): boolean {
    return this.id === this.graph.outputNode.id;
  }

  /** Whether this is one of the pseudo-nodes (the reference makes them falsy). */
  get isPseudo(): boolean {
    return this.isInput || this.isOutput;
  }

  /** Edges into this node, in the order they were added. */
  get incomingEdges(): readonly Edge[] {
    return this.#record.inEdges.map((e) => edgeViewOf(this.graph, e));
  }

  /** Edges out of this node, in the order they were added. */
  get outgoingEdges(): readonly Edge[] {
    return this.#record.outEdges.map((e) => edgeViewOf(this.graph, e));
  }

  /** Nodes with an edge into this one, each once, sorted by id. */
  get predecessors(): readonly Node[] {
    return this.#neighbours(this.#record.inEdges.map((e) => e.head));
  }

  /** Nodes this one has an edge into, each once, sorted by id. */
  get successors(): readonly Node[] {
    return this.#neighbours(this.#record.outEdges.map((e) => e.tail));
  }

  #neighbours(ids: number[]): readonly Node[] {
    return [...new Set(ids)].sort((a, b) => a - b).map((id) => this.graph.getNodeById(id) as Node);
  }

  /**
   * The graph a `_cell` node refers to. Throws a `GraphError` when the node is not a cell, or when the
   * graph it names does not exist.
   */
  get cell(): Graph {
    const cellName = this.operation.cellName;
    if (cellName === undefined) {
      throw new GraphError({
        code: 'not-a-cell',
        path: [this.graph.name, 'nodes', this.name],
        message: `node "${this.name}" is a "${this.operation.type}", not a cell`,
      });
    }
    const graph = this.graph.model.graph(cellName);
    if (graph === undefined) {
      throw new GraphError({
        code: 'unknown-graph',
        path: [this.graph.name, 'nodes', this.name, 'operation', 'cellName'],
        expected: 'the name of a graph of the model',
        received: cellName,
      });
    }
    return graph;
  }

  /** Whether `other` refers to the same node (same graph, same id), in whatever model version. */
  is(other: NodeRef): boolean {
    return other.id === this.id && other.graphName === this.graph.name;
  }

  /** `name: Type(params)`. */
  toString(): string {
    return `${this.name}: ${this.operation.toString()}`;
  }
}
