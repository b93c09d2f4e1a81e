/**
 * The frozen data a `Model` is made of. `Model`, `Graph`, `Node` and `Edge` are views over these
 * records; a mutation makes new records along one path and shares the rest. Internal to the IR.
 *
 * Storage is laid out for structural sharing: a graph keeps its nodes in a `NodeTable` (sorted chunks
 * by id) and its names in a `NameIndex` (a native map under an Immutable.js map of changes), and every
 * node keeps its own incoming and outgoing edges, so changing one node copies a chunk list and a few
 * small arrays, and a load builds its tables at native speed.
 */
import type { JsonValue } from './json-value.js';
import type { Model } from './model.js';
import type { ModelStatus } from './model-status.js';
import type { NameIndex } from './name-index.js';
import type { NodeTable } from './node-table.js';
import type { Operation } from './operation.js';

/** One output slot of a node flowing into one input slot of another. */
export interface EdgeRecord {
  /** Unique in the model; the order of edges is the order of their ids. */
  readonly id: number;
  readonly head: number;
  readonly headSlot: number | null;
  readonly tail: number;
  readonly tailSlot: number | null;
}

/** A node and its adjacency. */
export interface NodeRecord {
  /** Unique in the model. */
  readonly id: number;
  /** Unique in its graph. */
  readonly name: string;
  readonly operation: Operation;
  readonly label: string | undefined;
  readonly pythonName: string | undefined;
  /** Edges whose tail is this node, in the order they were added. */
  readonly inEdges: readonly EdgeRecord[];
  /** Edges whose head is this node, in the order they were added. */
  readonly outEdges: readonly EdgeRecord[];
}

/**
 * A graph: its io names, its nodes by id (pseudo-nodes included) and a name index. `nodes` iterates
 * in id order.
 */
export interface GraphRecord {
  readonly name: string;
  readonly inputNames: readonly string[] | null;
  readonly outputNames: readonly string[] | null;
  readonly inputId: number;
  readonly outputId: number;
  readonly nodes: NodeTable;
  readonly names: NameIndex;
  readonly edgeCount: number;
}

/**
 * One step of a model's history: which mutator ran, what it chose, and the model it ran on. The
 * models are kept, not copied: `model.history[0].from` is the base model and `history.at(-1).from`
 * the one this model was made from, and all of them share their unchanged parts.
 * `JSON.stringify` writes an entry as `{mutator, samples}`; the model stays in memory only.
 */
export interface Mutation {
  /** The label of the mutator. */
  readonly mutator: string;
  /** The values its sampler chose, in the order it asked. */
  readonly samples: readonly unknown[];
  /** The model the mutator was applied to (the reference's `Mutation.from_`). */
  readonly from: Model;
}

/** Everything a model is. */
export interface ModelRecord {
  readonly graphs: readonly GraphRecord[];
  readonly status: ModelStatus;
  /**
   * The mutation that made this model, or `undefined` for a base model. The history is the chain of
   * parents, so recording a step costs one entry however long the chain is.
   */
  readonly parent: Mutation | undefined;
  readonly metric: JsonValue | undefined;
  readonly intermediateMetrics: readonly JsonValue[];
  readonly evaluator: JsonValue | undefined;
  readonly nextNodeId: number;
  readonly nextEdgeId: number;
}

/** Name of the graph every model has, where the network starts. */
export const ROOT_GRAPH = '_model';
/** Name of a graph's input pseudo-node. */
export const INPUT_NODE_NAME = '_inputs';
/** Name of a graph's output pseudo-node. */
export const OUTPUT_NODE_NAME = '_outputs';
/** Top-level key of the JSON IR that holds the evaluator rather than a graph. */
export const EVALUATOR_KEY = '_evaluator';

/**
 * Copies of a record with some fields changed, each built by the one literal of `modelRecord` (so
 * every record has one shape) and reading no `changes` object: the fork, the commit of an edit and
 * the history entry `Mutator.apply` records are hot paths. The other lifecycle updates of `Model` go
 * through immer.
 */

/** `base` with another evaluator (what `loadModel` sets from a document). */
export function withEvaluator(base: ModelRecord, evaluator: JsonValue | undefined): ModelRecord {
  return modelRecord(base.graphs, base.status, base.parent, base.metric, base.intermediateMetrics, evaluator, base.nextNodeId, base.nextEdgeId);
}

/** `base` with the graphs and id counters an edit left (what an editor's commit makes). */
export function withEditedGraphs(base: ModelRecord, graphs: readonly GraphRecord[], nextNodeId: number, nextEdgeId: number): ModelRecord {
  return modelRecord(graphs, base.status, base.parent, base.metric, base.intermediateMetrics, base.evaluator, nextNodeId, nextEdgeId);
}

/** `base` in another status, made by `parent` (what `Mutator.apply` records when it freezes its result). */
export function withStatusAndParent(base: ModelRecord, status: ModelStatus, parent: Mutation | undefined): ModelRecord {
  return modelRecord(base.graphs, status, parent, base.metric, base.intermediateMetrics, base.evaluator, base.nextNodeId, base.nextEdgeId);
}

/** `base` in another status, with no metrics (what `fork` makes). */
export function withoutMetrics(base: ModelRecord, status: ModelStatus, noMetrics: readonly JsonValue[]): ModelRecord {
  return modelRecord(base.graphs, status, base.parent, undefined, noMetrics, base.evaluator, base.nextNodeId, base.nextEdgeId);
}

/** A frozen record of these fields, always built by this one literal, so that every record has one shape. */
function modelRecord(
  graphs: readonly GraphRecord[],
  status: ModelStatus,
  parent: Mutation | undefined,
  metric: JsonValue | undefined,
  intermediateMetrics: readonly JsonValue[],
  evaluator: JsonValue | undefined,
  nextNodeId: number,
  nextEdgeId: number,
): ModelRecord {
  return Object.freeze({ graphs, status, parent, metric, intermediateMetrics, evaluator, nextNodeId, nextEdgeId });
}
