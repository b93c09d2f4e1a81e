/**
 * A graph of a model: the root network (`_model`) or a cell's sub-graph, seen in one model version.
 */
import { createEdgeView, type Edge } from './edge.js';
import { findCycle, kahnOrder, nodeIdsInListOrder } from './graph-algorithms.js';
import { formatGraphTable } from './graph-table.js';
import { lintGraph } from './lint.js';
import type { Model } from './model.js';
import { createNodeView, type Node } from './node.js';
import { RecentCache } from './recent-cache.js';
import type { EdgeRecord, GraphRecord, NodeRecord } from './records.js';

/** Makes a graph view. Internal. */
export let createGraphView: (model: Model, record: GraphRecord) => Graph;
/** The (cached) view of one of the graph's edge records. Internal. */
export let edgeViewOf: (graph: Graph, record: EdgeRecord) => Edge;

interface LookupIndex {
  readonly byPythonName: Map<string, number>;
  readonly byLabel: Map<string, number[]>;
  readonly byType: Map<string, number[]>;
}

/**
 * The indexes and edge lists of the graph records used last are shared by every model version that
 * holds one of those records (a fork and its parent, the forks of a base model). The caches are
 * bounded by the nodes (edges) their records hold rather than keyed weakly by record: a model's
 * history keeps the records of every model of its chain, and their indexes must not live as long. A
 * graph view holds the indexes it used for as long as it lives. The bound fits every graph of a model
 * with hundreds of cells (NAS-Bench-201's has 541, read by each trial's mutators) and its forks, or a
 * few versions of one big graph, at about 100 bytes of index a node.
 */
const CACHED_NODES = 50_000;
const lookupCache = new RecentCache<GraphRecord, LookupIndex>(CACHED_NODES);
const edgeCache = new RecentCache<GraphRecord, readonly EdgeRecord[]>(CACHED_NODES);

function lookupIndex(record: GraphRecord): LookupIndex {
  let index = lookupCache.get(record);
  if (index !== undefined) return index;
  index = { byPythonName: new Map(), byLabel: new Map(), byType: new Map() };
  const add = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else list.push(id);
  };
  const { inputId, outputId } = record;
  // List order: the pseudo-nodes first, then the hidden nodes in id order (one pass, no lookups).
  for (const id of [inputId, outputId]) {
    const name = record.nodes.get(id)?.pythonName;
    if (name !== undefined && !index.byPythonName.has(name)) index.byPythonName.set(name, id);
  }
  record.nodes.forEach((node) => {
    if (node.id === inputId || node.id === outputId) return;
    if (node.pythonName !== undefined && !index.byPythonName.has(node.pythonName)) index.byPythonName.set(node.pythonName, node.id);
    if (node.label !== undefined) add(index.byLabel, node.label, node.id);
    add(index.byType, node.operation.type, node.id);
  });
  lookupCache.set(record, index, record.nodes.size);
  return index;
}

/**
 * Up to this many nodes, a graph not yet indexed is scanned for a label or type rather than indexed:
 * three maps cost more than a look at a few nodes, and a trial's mutators ask this of every graph
 * their predecessors just rewrote (a cell's handful of candidates).
 */
const SCANNED_NODES = 16;

/** Whether some hidden node of the graph `record` has this label. Internal. */
export function recordHasLabel(record: GraphRecord, label: string): boolean {
  return recordHas(record, (index) => index.byLabel.has(label), (node) => node.label !== undefined && node.label === label);
}

/** Whether some hidden node of the graph `record` has an operation of this type. Internal. */
export function recordHasType(record: GraphRecord, type: string): boolean {
  return recordHas(record, (index) => index.byType.has(type), (node) => node.operation.type === type);
}

/**
 * What `inIndex` says of the record's lookup index; for a small graph not indexed yet, whether `holds`
 * is true of one of its hidden nodes.
 */
function recordHas(record: GraphRecord, inIndex: (index: LookupIndex) => boolean, holds: (node: NodeRecord) => boolean): boolean {
  const index = record.nodes.size > SCANNED_NODES ? lookupIndex(record) : lookupCache.get(record);
  if (index !== undefined) return inIndex(index);
  const { inputId, outputId } = record;
  let found = false;
  record.nodes.forEach((node) => {
    if (!found && node.id !== inputId && node.id !== outputId) found = holds(node);
  });
  return found;
}

/** The graph's edge records in id order (cached per record). Internal. */
export function sortedEdgeRecords(record: GraphRecord): readonly EdgeRecord[] {
  let edges = edgeCache.get(record);
  if (edges !== undefined) return edges;
  const list: EdgeRecord[] = [];
  record.nodes.forEach((node) => {
    for (const edge of node.outEdges) list.push(edge);
  });
  list.sort((a, b) => a.id - b.id);
  edges = Object.freeze(list);
  edgeCache.set(record, edges, edges.length + 1);
  return edges;
}

/** What a graph view works out on demand and keeps for as long as it lives. */
interface GraphMemo {
  edgeViews?: Map<number, Edge>;
  lookup?: LookupIndex;
  edgeRecords?: readonly EdgeRecord[];
  hidden?: readonly Node[];
  all?: readonly Node[];
  edges?: readonly Edge[];
  topological?: readonly Node[];
}

/**
 * A graph as seen in one model version: its pseudo-nodes `_inputs` and `_outputs` (whose slots are
 * the graph's input and output names), its hidden nodes and its edges. Read-only; mutations are
 * methods of `Model`.
 *
 * @example
 * ```ts
 * const g = model.rootGraph;
 * g.inputNames;                                   // ["image"]
 * g.topologicalOrder().map((n) => n.name);        // ["_inputs", "stem", ..., "_outputs"]
 * console.log(g.toString());                      // a table of the nodes
 * ```
 */
export class Graph {
  /** The model version this view belongs to. */
  readonly model: Model;
  /** Unique in the model; the root graph is `_model`. */
  readonly name: string;
  /** Names of the graph's inputs (slots of `_inputs`), or `null` when unnamed. */
  readonly inputNames: readonly string[] | null;
  /** Names of the graph's outputs (slots of `_outputs`), or `null` when unnamed. */
  readonly outputNames: readonly string[] | null;
  readonly #record: GraphRecord;
  /**
   * The first node view made, then (from the second) all of them by id: a fork's view usually hands
   * out one node, and a map costs more than the view it would hold.
   */
  #nodeViews: Node | Map<number, Node> | undefined;
  /** What this view has worked out and keeps, made on first use: a fork's view usually needs none of it. */
  #memo: GraphMemo | undefined;

  static {
    createGraphView = (model, record) => new Graph(model, record);
    edgeViewOf = (graph, record) => graph.#edgeView(record);
  }

  private constructor(model: Model, record: GraphRecord) {
    this.model = model;
    this.name = record.name;
    this.inputNames = record.inputNames;
    this.outputNames = record.outputNames;
    this.#record = record;
    Object.freeze(this);
  }

  /** The `_inputs` pseudo-node. */
  get inputNode(): Node {
    return this.getNodeById(this.#record.inputId) as Node;
  }

  /** The `_outputs` pseudo-node. */
  get outputNode(): Node {
    return this.getNodeById(this.#record.outputId) as Node;
  }

  /** The nodes other than the pseudo-nodes, in id order. */
  get hiddenNodes(): readonly Node[] {
    const memo = this.#memoOf();
    if (memo.hidden === undefined) {
      const { inputId, outputId } = this.#record;
      const out: Node[] = [];
      this.#record.nodes.forEach((record) => {
        if (record.id !== inputId && record.id !== outputId) out.push(this.#nodeView(record.id));
      });
      memo.hidden = Object.freeze(out);
    }
    return memo.hidden;
  }

  /** All nodes: `_inputs`, `_outputs`, then the hidden nodes (the reference's order). */
  get nodes(): readonly Node[] {
    const memo = this.#memoOf();
    memo.all ??= Object.freeze([this.inputNode, this.outputNode, ...this.hiddenNodes]);
    return memo.all;
  }

  /** All edges, in the order they were added. */
  get edges(): readonly Edge[] {
    const memo = this.#memoOf();
    memo.edges ??= Object.freeze(this.#sortedEdges().map((e) => this.#edgeView(e)));
    return memo.edges;
  }

  /** Number of nodes, pseudo-nodes included. */
  get nodeCount(): number {
    return this.#record.nodes.size;
  }

  /** Number of edges. */
  get edgeCount(): number {
    return this.#record.edgeCount;
  }

  /** The node with this id, or `undefined`. */
  getNodeById(id: number): Node | undefined {
    return this.#record.nodes.has(id) ? this.#nodeView(id) : undefined;
  }

  /** The node with this name (pseudo-nodes included), or `undefined`. */
  getNodeByName(name: string): Node | undefined {
    const id = this.#record.names.get(name);
    return id === undefined ? undefined : this.#nodeView(id);
  }

  /** The first node whose python name (dotted module path) is `pythonName`, or `undefined`. */
  getNodeByPythonName(pythonName: string): Node | undefined {
    const id = this.#index().byPythonName.get(pythonName);
    return id === undefined ? undefined : this.#nodeView(id);
  }

  /** Hidden nodes with this label, in id order. */
  getNodesByLabel(label: string): readonly Node[] {
    return (this.#index().byLabel.get(label) ?? []).map((id) => this.#nodeView(id));
  }

  /** Hidden nodes whose operation has this type, in id order. */
  getNodesByType(type: string): readonly Node[] {
    return (this.#index().byType.get(type) ?? []).map((id) => this.#nodeView(id));
  }

  /** The edge with this id, or `undefined`. */
  edgeById(id: number): Edge | undefined {
    const cached = this.#memo?.edgeViews?.get(id);
    if (cached !== undefined) return cached;
    const record = this.#sortedEdges().find((e) => e.id === id);
    return record === undefined ? undefined : this.#edgeView(record);
  }

  /**
   * The nodes in topological order: every edge's head comes before its tail. Kahn's algorithm with a
   * FIFO queue over edges, starting from `_inputs`, `_outputs` and the hidden nodes in id order (the
   * reference's `topo_sort`).
   */
  topologicalOrder(): readonly Node[] {
    const memo = this.#memoOf();
    if (memo.topological === undefined) {
      const { order, leftover } = kahnOrder(this.#record);
      if (leftover.length > 0) {
        // Only a corrupted record gets here: every mutation refuses cycles. lint() names the cycle.
        lintGraph(this.model, this.#record);
      }
      memo.topological = Object.freeze(order.map((id) => this.#nodeView(id)));
    }
    return memo.topological;
  }

  /** Whether the graph has no cycle (always true for a graph built through the IR's mutations). */
  isAcyclic(): boolean {
    return findCycle(this.#record, nodeIdsInListOrder(this.#record)) === undefined;
  }

  /** Throws a `GraphError` naming the first broken invariant of this graph; see `Model.lint`. */
  lint(): void {
    lintGraph(this.model, this.#record);
  }

  /** A table of the nodes: id, name, type, label, parameters and where each input comes from. */
  toString(): string {
    return formatGraphTable(this);
  }

  /** This view's memo, made on first use. */
  #memoOf(): GraphMemo {
    return (this.#memo ??= {});
  }

  /** The lookup index of the record, held for as long as this view lives. */
  #index(): LookupIndex {
    const memo = this.#memoOf();
    memo.lookup ??= lookupIndex(this.#record);
    return memo.lookup;
  }

  /** The edge records in id order, held for as long as this view lives. */
  #sortedEdges(): readonly EdgeRecord[] {
    const memo = this.#memoOf();
    memo.edgeRecords ??= sortedEdgeRecords(this.#record);
    return memo.edgeRecords;
  }

  #nodeView(id: number): Node {
    const views = this.#nodeViews;
    if (views instanceof Map) {
      let view = views.get(id);
      if (view === undefined) views.set(id, (view = createNodeView(this, this.#record.nodes.get(id)!)));
      return view;
    }
    if (views?.id === id) return views;
    const view = createNodeView(this, this.#record.nodes.get(id)!);
    this.#nodeViews = views === undefined ? view : new Map([[views.id, views], [id, view]]);
    return view;
  }

  #edgeView(record: EdgeRecord): Edge {
    const views = (this.#memoOf().edgeViews ??= new Map());
    let view = views.get(record.id);
    if (view === undefined) {
      view = createEdgeView(this, record);
      views.set(record.id, view);
    }
    return view;
  }
}
