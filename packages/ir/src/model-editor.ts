/**
 * The one place where model records change. A `ModelEditor` applies mutation primitives to private
 * working copies (`asMutable()` copies of the Immutable.js node and name maps: a touched path is
 * copied once, then written in place) and, on commit, checks the invariants of what it touched and
 * returns the new frozen record; the base record never changes. `Model.edit` hands an editor to a
 * recipe; every single mutation method of `Model` is a one-step edit.
 */
import type { EdgeHandle, EdgeRef, Endpoint, Slot } from './edge.js';
import { EditedGraphs } from './edited-graphs.js';
import { InvalidMutation, type ErrorDetails } from './errors.js';
import { findPath } from './graph-algorithms.js';
import { graphNamesOf, shareGraphNames } from './graph-names.js';
import { inputSlotProblem } from './lint.js';
import { NameIndex } from './name-index.js';
import { NodeTable } from './node-table.js';
import { NOTHING_STAGED_NODES, StagedNodes } from './staged-nodes.js';
import type { NodeHandle, NodeOptions, NodeRef } from './node.js';
import { INPUTS_TYPE, ioOperation, Operation, OUTPUTS_TYPE, type OperationDraft } from './operation.js';
import {
  EVALUATOR_KEY,
  INPUT_NODE_NAME,
  OUTPUT_NODE_NAME,
  ROOT_GRAPH,
  type EdgeRecord,
  type GraphRecord,
  type ModelRecord,
  type NodeRecord,
  withEditedGraphs,
} from './records.js';
import {
  EMPTY_EDGES,
  isWorking,
  makeGraph,
  makeNode,
  NOTHING_STAGED_NAMES,
  settle,
  stageEdge,
  withEdges,
  withOperation,
  type WorkingGraph,
} from './working-graph.js';

/** Names of a graph's inputs and outputs. */
export interface GraphOptions {
  /** Names of the graph's inputs (the slots of `_inputs`), or `null`/omitted for unnamed. */
  readonly inputs?: readonly string[] | null;
  /** Names of the graph's outputs (the slots of `_outputs`), or `null`/omitted for unnamed. */
  readonly outputs?: readonly string[] | null;
}

/** Options of `removeNode`. */
export interface RemoveNodeOptions {
  /** Remove the node's edges too. Without it, a node that still has edges is refused (as in the reference). */
  readonly removeEdges?: boolean;
}


/**
 * Opens an editor on a record. A `bulk` editor (for loading) skips the per-edge cycle search and the
 * commit-time checks of what it touched; its caller must lint the result, which checks all of that
 * in one pass. It also holds the edges it adds until it commits (or a step reads edges), then writes
 * each node's new edges at once. Internal.
 */
export let openEditor: (base: ModelRecord, options?: { bulk?: boolean }) => ModelEditor;
/** Checks what the editor touched and returns the new record; the editor is closed afterwards. Internal. */
export let commitEditor: (editor: ModelEditor) => ModelRecord;
/** Closes an editor whose recipe threw, so that a leaked reference cannot be used. Internal. */
export let abandonEditor: (editor: ModelEditor) => void;
/**
 * `editor.addEdge([head, headSlot], [tail, tailSlot])` for a caller that needs no handle back (the
 * loader, once per edge of a document): the same checks and refusals, without the handle's objects.
 * Internal.
 */
export let addEdgeQuietly: (editor: ModelEditor, graphName: string, headId: number, headSlot: Slot, tailId: number, tailSlot: Slot) => void;
/**
 * `editor.addNode(graph, name, operation, options)` for a caller that needs only the new node's id
 * (the loader, once per node of a document): the same checks and refusals, without a handle. Internal.
 */
export let addNodeQuietly: (editor: ModelEditor, graphName: string, name: string, operation: Operation, label: string | undefined, pythonName: string | undefined) => number;
/** The id of the node named `name` in graph `graphName` as the edit has left it, or `undefined`. Internal. */
export let nodeIdByName: (editor: ModelEditor, graphName: string, name: string) => number | undefined;
/**
 * The graphs to which a bulk editor added an edge that does not climb to a node of higher id (nor
 * enter `_outputs`): only those can hold a cycle. Internal.
 */
export let descendingEdgeGraphs: (editor: ModelEditor) => ReadonlySet<string>;

/** What `descendingEdgeGraphs` gives for an editor that added no descending edge. */
const NO_GRAPHS: ReadonlySet<string> = new Set();
/** What `#checkTouched` reads when no edge was added. */
const NO_TOUCHED_TAILS: ReadonlyMap<string, Set<number>> = new Map();

function refuse(details: ErrorDetails): InvalidMutation {
  return new InvalidMutation(details);
}

function describeNode(ref: NodeRef): string {
  return ref.name !== undefined ? `"${ref.name}" (id ${ref.id})` : `with id ${ref.id}`;
}

/**
 * A mutable façade over a model being edited, handed to the recipe of `Model.edit`. Its primitives
 * are those of the reference (`addNode`, `addEdge`, `removeEdge`, `removeNode`, `insertNodeOnEdge`,
 * `updateOperation`, `updateLabel`, `specializeCell`, ...); each returns a handle that later steps of
 * the same edit can use. Invariants that a sequence of steps may pass through (an input slot fed
 * twice while an edge is being moved, a cell named before its graph is added) are checked when the
 * edit ends; a step that would close a cycle is refused at once, naming the nodes on it.
 *
 * @example
 * ```ts
 * const next = model.edit((e) => {
 *   const relu = e.insertNodeOnEdge(edge, 'relu', Operation.new('ReLU'));
 *   e.updateLabel(relu, 'activation');
 * });
 * ```
 */
export class ModelEditor {
  readonly #base: ModelRecord;
  readonly #bulk: boolean;
  /** The graph names in order once the edit added or removed one; until then, the base's. */
  #order: readonly string[] | undefined;
  readonly #graphs: EditedGraphs;
  #nextNodeId: number;
  #nextEdgeId: number;
  /** The tails of new edges, by graph; made on the first edge. */
  #touchedTails: Map<string, Set<number>> | undefined;
  readonly #touchedCells: [string, number][] = [];
  /** With `bulk`: the graphs given an edge that does not climb (see `descendingEdgeGraphs`). */
  #descending: Set<string> | undefined;
  #closed = false;

  static {
    openEditor = (base, options = {}) => new ModelEditor(base, options.bulk ?? false);
    commitEditor = (editor) => editor.#commit();
    abandonEditor = (editor) => {
      editor.#closed = true;
    };
    addEdgeQuietly = (editor, graphName, headId, headSlot, tailId, tailSlot) => {
      editor.#open();
      const g = editor.#writable(graphName, false);
      editor.#insertEdge(g, editor.#nodeRecordById(g, headId), headSlot, editor.#nodeRecordById(g, tailId), tailSlot, !editor.#bulk);
    };
    addNodeQuietly = (editor, graphName, name, operation, label, pythonName) => editor.#addNode(graphName, name, operation, label, pythonName);
    descendingEdgeGraphs = (editor) => editor.#descending ?? NO_GRAPHS;
    nodeIdByName = (editor, graphName, name) => {
      const g = editor.#graph(graphName, false);
      return (isWorking(g) ? g.stagedNames.get(name) : undefined) ?? g.names.get(name);
    };
  }

  private constructor(base: ModelRecord, bulk: boolean) {
    this.#base = base;
    this.#bulk = bulk;
    this.#graphs = new EditedGraphs(base.graphs);
    this.#nextNodeId = base.nextNodeId;
    this.#nextEdgeId = base.nextEdgeId;
  }

  /** Names of the graphs, in order. */
  get graphNames(): readonly string[] {
    return this.#names();
  }

  /** The graph names, in order, as the edit has left them. */
  #names(): readonly string[] {
    return this.#order ?? graphNamesOf(this.#base.graphs).order;
  }

  /** The node named `name` in graph `graphName` as the edit has left it, or `undefined`. */
  node(graphName: string, name: string): NodeHandle | undefined {
    const g = this.#graphs.has(graphName) ? this.#graph(graphName) : undefined;
    const id = g?.names.get(name);
    return id === undefined ? undefined : Object.freeze({ graphName, id, name });
  }

  /** The `_inputs` pseudo-node of a graph. */
  inputNode(graphName: string): NodeHandle {
    const g = this.#graph(graphName, false);
    return Object.freeze({ graphName, id: g.inputId, name: INPUT_NODE_NAME });
  }

  /** The `_outputs` pseudo-node of a graph. */
  outputNode(graphName: string): NodeHandle {
    const g = this.#graph(graphName, false);
    return Object.freeze({ graphName, id: g.outputId, name: OUTPUT_NODE_NAME });
  }

  /** Adds an empty graph (just its pseudo-nodes) named `name`, e.g. the body of a cell. */
  addGraph(name: string, options: GraphOptions = {}): void {
    this.#open();
    if (typeof name !== 'string' || name.length === 0 || name === EVALUATOR_KEY) {
      throw refuse({
        code: 'invalid-graph-name',
        path: [String(name)],
        expected: `a non-empty graph name other than "${EVALUATOR_KEY}"`,
        received: name,
      });
    }
    if (this.#graphs.has(name)) {
      throw refuse({ code: 'duplicate-graph', path: [name], message: `the model already has a graph named "${name}"` });
    }
    const inputId = this.#nextNodeId++;
    const outputId = this.#nextNodeId++;
    const io = (id: number, nodeName: string, type: typeof INPUTS_TYPE | typeof OUTPUTS_TYPE): NodeRecord =>
      makeNode(id, nodeName, ioOperation(type), undefined, undefined, EMPTY_EDGES, EMPTY_EDGES);
    const graph: WorkingGraph = {
      name,
      inputNames: ioNames(options.inputs, [name, 'inputs']),
      outputNames: ioNames(options.outputs, [name, 'outputs']),
      inputId,
      outputId,
      nodes: NodeTable.EMPTY.asMutable()
        .set(io(inputId, INPUT_NODE_NAME, INPUTS_TYPE))
        .set(io(outputId, OUTPUT_NODE_NAME, OUTPUTS_TYPE)),
      // The pseudo-nodes' names as the native base: the names a load checks are then native lookups.
      names: NameIndex.adopting(
        new Map([
          [INPUT_NODE_NAME, inputId],
          [OUTPUT_NODE_NAME, outputId],
        ]),
      ).asMutable(),
      edgeCount: 0,
      pendingEdges: [],
      stagedNodes: this.#bulk ? new StagedNodes() : NOTHING_STAGED_NODES,
      stagedNames: this.#bulk ? new Map() : NOTHING_STAGED_NAMES,
    };
    this.#graphs.set(name, graph);
    this.#order = Object.freeze([...this.#names(), name]);
  }

  /** Removes a graph that no cell refers to. The root graph cannot be removed. */
  removeGraph(name: string): void {
    this.removeGraphs([name]);
  }

  /**
   * Removes several graphs at once: none may be the root, and no cell of a graph that stays may refer
   * to one of them (they may refer to each other). Refuses before removing any. One pass over the
   * nodes of the graphs that stay, where removing them one by one would pass over every node per graph.
   *
   * @example
   * ```ts
   * model.edit((e) => e.removeGraphs(['unused_a', 'unused_b']));
   * ```
   */
  removeGraphs(names: Iterable<string>): void {
    this.#open();
    const removed = new Set<string>();
    for (const name of names) {
      this.#graph(name);
      if (name === ROOT_GRAPH) {
        throw refuse({ code: 'remove-root-graph', path: [name], message: `the root graph "${ROOT_GRAPH}" cannot be removed` });
      }
      removed.add(name);
    }
    if (removed.size === 0) return;
    const users = new Map<string, string[]>();
    for (const [graphName, g] of this.#graphs.entries()) {
      if (removed.has(graphName)) continue;
      if (isWorking(g)) settle(g);
      g.nodes.forEach((n) => {
        const target = n.operation.cellName;
        if (target !== undefined && removed.has(target)) {
          let list = users.get(target);
          if (list === undefined) users.set(target, (list = []));
          list.push(`${graphName}/${n.name}`);
        }
      });
    }
    for (const name of removed) {
      const list = users.get(name);
      if (list !== undefined) {
        throw refuse({ code: 'graph-in-use', path: [name], message: `graph "${name}" is still the cell of ${list.map((u) => `"${u}"`).join(', ')}` });
      }
    }
    for (const name of removed) this.#graphs.delete(name);
    this.#order = Object.freeze(this.#names().filter((n) => !removed.has(n)));
  }

  /**
   * Adds a node named `name` (unique in its graph) computing `operation`, with no edges yet, and
   * returns its handle.
   */
  addNode(graph: string | { readonly name: string }, name: string, operation: Operation, options: NodeOptions = {}): NodeHandle {
    const graphName = typeof graph === 'string' ? graph : graph.name;
    const id = this.#addNode(graphName, name, operation, options.label, options.pythonName);
    return Object.freeze({ graphName, id, name });
  }

  /** `addNode` without the handle: returns the new node's id. */
  #addNode(graphName: string, name: string, operation: Operation, label: string | undefined, pythonName: string | undefined): number {
    this.#open();
    const g = this.#writable(graphName, false);
    if (typeof name !== 'string' || name.length === 0 || name === INPUT_NODE_NAME || name === OUTPUT_NODE_NAME) {
      throw refuse({
        code: 'invalid-node-name',
        path: [graphName, 'nodes', String(name)],
        expected: `a non-empty node name other than "${INPUT_NODE_NAME}" and "${OUTPUT_NODE_NAME}"`,
        received: name,
      });
    }
    if (g.stagedNames.has(name) || g.names.has(name)) {
      throw refuse({
        code: 'duplicate-node',
        path: [graphName, 'nodes', name],
        message: `graph "${graphName}" already has a node named "${name}"`,
      });
    }
    // Paths are built only when a check fails: this runs once per node of a loaded model. The helpers
    // hold the closures, so that this method captures nothing and allocates no context per call.
    if (!(operation instanceof Operation)) refuseNodeOperation(operation, graphName, name);
    if (label !== undefined && typeof label !== 'string') refuseNodeString(label, graphName, name, 'label');
    if (pythonName !== undefined && typeof pythonName !== 'string') refuseNodeString(pythonName, graphName, name, 'pythonName');
    const id = this.#nextNodeId++;
    if (this.#bulk) {
      g.stagedNodes.add({ id, name, operation, label, pythonName, inEdges: EMPTY_EDGES, outEdges: EMPTY_EDGES });
      g.stagedNames.set(name, id);
    } else {
      const record = makeNode(id, name, operation, label, pythonName, EMPTY_EDGES, EMPTY_EDGES);
      g.nodes = g.nodes.set(record);
      g.names = g.names.set(name, id);
      if (operation.isCell) this.#touchedCells.push([graphName, id]);
    }
    return id;
  }

  /**
   * Adds the edge `head[headSlot] → tail[tailSlot]` between two nodes of the same graph. Refused
   * (`InvalidMutation`) when it would close a cycle (the error names the nodes on it), when it leaves
   * `_outputs` or enters `_inputs`, or when a slot is out of range.
   */
  addEdge(head: Endpoint, tail: Endpoint): EdgeHandle {
    this.#open();
    return this.#addEdge(head, tail, !this.#bulk);
  }

  /** Removes an edge. */
  removeEdge(edge: EdgeRef): void {
    this.#open();
    const g = this.#writable(edge.graphName);
    settle(g);
    this.#deleteEdge(g, this.#edgeRecord(g, edge));
  }

  /**
   * Removes a hidden node. A node that still has edges is refused unless `removeEdges` is set, in which
   * case its edges go too.
   */
  removeNode(node: NodeRef, options: RemoveNodeOptions = {}): void {
    this.#open();
    const g = this.#writable(node.graphName);
    settle(g);
    const record = this.#nodeRecord(g, node);
    this.#refusePseudo(g, record, 'remove');
    const edges = [...record.inEdges, ...record.outEdges];
    if (edges.length > 0 && options.removeEdges !== true) {
      throw refuse({
        code: 'node-has-edges',
        path: [g.name, 'nodes', record.name],
        message:
          `node "${record.name}" still has ${edges.length} edge(s); remove them first or pass ` +
          '{ removeEdges: true }',
      });
    }
    for (const edge of edges) {
      const current = this.#findEdge(g, edge.head, edge.id);
      if (current !== undefined) this.#deleteEdge(g, current);
    }
    g.nodes = g.nodes.delete(record.id);
    g.names = g.names.delete(record.name);
  }

  /**
   * Replaces `head[h] → tail[t]` with `head[h] → new → tail[t]`, where the new node takes the data on
   * its single input and gives it on its single output (the reference's `insert_node_on_edge`).
   * Returns the new node's handle.
   */
  insertNodeOnEdge(edge: EdgeRef, name: string, operation: Operation, options: NodeOptions = {}): NodeHandle {
    this.#open();
    const g = this.#writable(edge.graphName);
    settle(g);
    const record = this.#edgeRecord(g, edge);
    const node = this.addNode(g.name, name, operation, options);
    this.#deleteEdge(g, record);
    const head = { graphName: g.name, id: record.head };
    const tail = { graphName: g.name, id: record.tail };
    // Replacing one edge by a path through a new node cannot create a cycle: no check needed.
    this.#addEdge([head, record.headSlot], [node, null], false);
    this.#addEdge([node, null], [tail, record.tailSlot], false);
    return node;
  }

  /**
   * Gives a node a new operation, or edits its current one through a draft (see `Operation.update`).
   *
   * @example
   * ```ts
   * e.updateOperation(conv, (op) => { op.parameters.kernel_size = 5; });
   * ```
   */
  updateOperation(node: NodeRef, operation: Operation | ((draft: OperationDraft) => void)): NodeHandle {
    this.#open();
    const g = this.#writable(node.graphName);
    const record = this.#nodeRecord(g, node);
    this.#refusePseudo(g, record, 'change the operation of');
    const next = typeof operation === 'function' ? record.operation.update(operation) : operation;
    if (!(next instanceof Operation)) refuseNodeOperation(next, g.name, record.name);
    if (next !== record.operation) {
      g.nodes = g.nodes.set(withOperation(record, next));
      if (next.isCell) this.#touchedCells.push([g.name, record.id]);
    }
    return Object.freeze({ graphName: g.name, id: record.id, name: record.name });
  }

  /** Sets or clears (`undefined`) a node's label. */
  updateLabel(node: NodeRef, label: string | undefined): NodeHandle {
    return this.#updateField(node, 'label', label);
  }

  /** Sets or clears (`undefined`) a node's python name (dotted module path). */
  updatePythonName(node: NodeRef, pythonName: string | undefined): NodeHandle {
    return this.#updateField(node, 'pythonName', pythonName);
  }

  /**
   * Gives a `_cell` node its own copy of the graph it refers to, so that mutating the copy leaves the
   * other users of the cell alone. The copy gets fresh node and edge ids and is named
   * `<cell>_<node>` (with a numeric suffix if that is taken); returns its name.
   */
  specializeCell(node: NodeRef): string {
    this.#open();
    const g = this.#writable(node.graphName);
    const record = this.#nodeRecord(g, node);
    const cellName = record.operation.cellName;
    if (cellName === undefined) {
      throw refuse({
        code: 'not-a-cell',
        path: [g.name, 'nodes', record.name],
        message: `node "${record.name}" is a "${record.operation.type}", not a cell`,
      });
    }
    const source = this.#graphs.get(cellName);
    if (source === undefined) {
      throw refuse({
        code: 'unknown-graph',
        path: [g.name, 'nodes', record.name, 'operation', 'cellName'],
        expected: 'the name of a graph of the model',
        received: cellName,
      });
    }
    if (isWorking(source)) settle(source);
    let copyName = `${cellName}_${record.name}`;
    for (let k = 2; this.#graphs.has(copyName) || copyName === EVALUATOR_KEY; k++) copyName = `${cellName}_${record.name}_${k}`;
    this.#graphs.set(copyName, this.#copyGraph(source, copyName));
    this.#order = Object.freeze([...this.#names(), copyName]);
    const current = g.nodes.get(record.id) as NodeRecord;
    g.nodes = g.nodes.set(withOperation(current, current.operation.withCellName(copyName)));
    return copyName;
  }

  #copyGraph(source: GraphRecord | WorkingGraph, name: string): WorkingGraph {
    const nodeIds = new Map<number, number>();
    // Fresh ids in the source's (id) order, so the copy's insertion order is its id order too.
    source.nodes.forEach((n) => {
      nodeIds.set(n.id, this.#nextNodeId++);
    });
    const oldEdges: EdgeRecord[] = [];
    source.nodes.forEach((n) => {
      oldEdges.push(...n.outEdges);
    });
    oldEdges.sort((a, b) => a.id - b.id);
    const edges = new Map<number, EdgeRecord>();
    for (const e of oldEdges) {
      edges.set(
        e.id,
        Object.freeze({
          id: this.#nextEdgeId++,
          head: nodeIds.get(e.head) as number,
          headSlot: e.headSlot,
          tail: nodeIds.get(e.tail) as number,
          tailSlot: e.tailSlot,
        }),
      );
    }
    let nodes = NodeTable.EMPTY.asMutable();
    let names = NameIndex.EMPTY.asMutable();
    source.nodes.forEach((n) => {
      const id = nodeIds.get(n.id) as number;
      nodes = nodes.set(
        makeNode(
          id,
          n.name,
          n.operation,
          n.label,
          n.pythonName,
          n.inEdges.map((e) => edges.get(e.id) as EdgeRecord),
          n.outEdges.map((e) => edges.get(e.id) as EdgeRecord),
        ),
      );
      names = names.set(n.name, id);
      if (n.operation.isCell) this.#touchedCells.push([name, id]);
    });
    return {
      name,
      inputNames: source.inputNames,
      outputNames: source.outputNames,
      inputId: nodeIds.get(source.inputId) as number,
      outputId: nodeIds.get(source.outputId) as number,
      nodes,
      names,
      edgeCount: source.edgeCount,
      pendingEdges: [],
      stagedNodes: this.#bulk ? new StagedNodes() : NOTHING_STAGED_NODES,
      stagedNames: this.#bulk ? new Map() : NOTHING_STAGED_NAMES,
    };
  }

  #updateField(node: NodeRef, field: 'label' | 'pythonName', value: string | undefined): NodeHandle {
    this.#open();
    const g = this.#writable(node.graphName);
    const record = this.#nodeRecord(g, node);
    this.#refusePseudo(g, record, `set the ${field} of`);
    const checked = optionalString(value, () => [g.name, 'nodes', record.name, field]);
    if (record[field] !== checked) {
      const r = record;
      const label = field === 'label' ? checked : r.label;
      const pythonName = field === 'pythonName' ? checked : r.pythonName;
      g.nodes = g.nodes.set(makeNode(r.id, r.name, r.operation, label, pythonName, r.inEdges, r.outEdges));
    }
    return Object.freeze({ graphName: g.name, id: record.id, name: record.name });
  }

  #addEdge(head: Endpoint, tail: Endpoint, checkCycle: boolean): EdgeHandle {
    const [headRef, headSlot] = checkEndpoint(head, 'head');
    const [tailRef, tailSlot] = checkEndpoint(tail, 'tail');
    if (headRef.graphName !== tailRef.graphName) {
      throw refuse({
        code: 'cross-graph-edge',
        path: [headRef.graphName, 'edges'],
        message: `an edge must stay inside one graph; head is in "${headRef.graphName}", tail in "${tailRef.graphName}"`,
      });
    }
    const g = this.#writable(headRef.graphName, false);
    const h = this.#nodeRecord(g, headRef);
    const t = this.#nodeRecord(g, tailRef);
    const edge = this.#insertEdge(g, h, headSlot, t, tailSlot, checkCycle);
    const graphName = g.name;
    return Object.freeze({
      graphName,
      id: edge.id,
      head: Object.freeze({ graphName, id: edge.head, name: h.name }),
      tail: Object.freeze({ graphName, id: edge.tail, name: t.name }),
      headSlot,
      tailSlot,
    });
  }

  /** Checks and adds the edge `h[headSlot] → t[tailSlot]` between two nodes of `g`; returns its record. */
  #insertEdge(g: WorkingGraph, h: NodeRecord, headSlot: Slot, t: NodeRecord, tailSlot: Slot, checkCycle: boolean): EdgeRecord {
    // Paths and texts are built only when an error needs them: this runs once per edge of a loaded model.
    if (headSlot !== null && !(Number.isInteger(headSlot) && headSlot >= 0)) {
      throw refuse({ code: 'invalid-slot', path: edgesPath(g), expected: `null or an output index >= 0 for the head of ${edgeText(h, t)}`, received: headSlot });
    }
    if (tailSlot !== null && !(Number.isInteger(tailSlot) && tailSlot >= -1)) {
      throw refuse({ code: 'invalid-slot', path: edgesPath(g), expected: `null, -1 or an input index >= 0 for the tail of ${edgeText(h, t)}`, received: tailSlot });
    }
    if (h.id === g.outputId) {
      throw refuse({ code: 'edge-from-outputs', path: edgesPath(g), message: `an edge cannot leave "${OUTPUT_NODE_NAME}" (${edgeText(h, t)})` });
    }
    if (t.id === g.inputId) {
      throw refuse({ code: 'edge-into-inputs', path: edgesPath(g), message: `an edge cannot enter "${INPUT_NODE_NAME}" (${edgeText(h, t)})` });
    }
    if (h.id === g.inputId && g.inputNames !== null && headSlot !== null && headSlot >= g.inputNames.length) {
      throw refuse({
        code: 'invalid-slot',
        path: edgesPath(g),
        expected: `an input index below ${g.inputNames.length} (graph "${g.name}" has inputs ${JSON.stringify(g.inputNames)})`,
        received: headSlot,
      });
    }
    if (t.id === g.outputId && g.outputNames !== null && tailSlot !== null && !(tailSlot >= 0 && tailSlot < g.outputNames.length)) {
      throw refuse({
        code: 'invalid-slot',
        path: edgesPath(g),
        expected: `an output index below ${g.outputNames.length} (graph "${g.name}" has outputs ${JSON.stringify(g.outputNames)})`,
        received: tailSlot,
      });
    }
    if (checkCycle) {
      const path = h.id === t.id ? [h.id] : t.outEdges.length > 0 && h.inEdges.length > 0 ? findPath(g, t.id, h.id) : undefined;
      if (path !== undefined) {
        const names = path.map((id) => (g.nodes.get(id) as NodeRecord).name);
        const cycle = h.id === t.id ? [h.name] : [h.name, ...names.slice(0, -1)];
        throw refuse({
          code: 'cycle',
          path: edgesPath(g),
          expected: 'an edge that keeps the graph acyclic',
          received: cycle,
          message:
            `adding the edge ${edgeText(h, t)} to graph "${g.name}" would close the cycle ` +
            `${[...cycle, cycle[0]].map((n) => `"${n}"`).join(' -> ')}`,
        });
      }
    }
    const edge: EdgeRecord = Object.freeze({ id: this.#nextEdgeId++, head: h.id, headSlot, tail: t.id, tailSlot });
    g.edgeCount++;
    if (this.#bulk) {
      if (t.id <= h.id && t.id !== g.outputId) (this.#descending ??= new Set()).add(g.name);
      const head = g.stagedNodes.get(h.id);
      const tail = g.stagedNodes.get(t.id);
      if (head === undefined || tail === undefined) g.pendingEdges.push(edge);
      if (head !== undefined) stageEdge(head, 'outEdges', edge);
      if (tail !== undefined) stageEdge(tail, 'inEdges', edge);
    } else {
      const h2 = withEdges(h, h.inEdges, [...h.outEdges, edge]);
      g.nodes = g.nodes.set(h2);
      const t2 = h.id === t.id ? h2 : t; // a self-loop changes one record twice
      g.nodes = g.nodes.set(withEdges(t2, [...t2.inEdges, edge], t2.outEdges));
      this.#touchTail(g.name, t.id);
    }
    return edge;
  }

  #deleteEdge(g: WorkingGraph, edge: EdgeRecord): void {
    const h = g.nodes.get(edge.head) as NodeRecord;
    g.nodes = g.nodes.set(withEdges(h, h.inEdges, h.outEdges.filter((e) => e.id !== edge.id)));
    const t = g.nodes.get(edge.tail) as NodeRecord;
    g.nodes = g.nodes.set(withEdges(t, t.inEdges.filter((e) => e.id !== edge.id), t.outEdges));
    g.edgeCount--;
  }

  #findEdge(g: WorkingGraph, headId: number, edgeId: number): EdgeRecord | undefined {
    return g.nodes.get(headId)?.outEdges.find((e) => e.id === edgeId);
  }

  #edgeRecord(g: WorkingGraph, edge: EdgeRef): EdgeRecord {
    const found =
      edge !== null && typeof edge === 'object' && typeof edge.head === 'object' && edge.head !== null
        ? this.#findEdge(g, edge.head.id, edge.id)
        : undefined;
    if (found === undefined) {
      throw refuse({
        code: 'unknown-edge',
        path: [g.name, 'edges'],
        message: `graph "${g.name}" has no edge with id ${String(edge?.id)} (was it removed?)`,
      });
    }
    return found;
  }

  #refusePseudo(g: WorkingGraph, record: NodeRecord, action: string): void {
    if (record.id === g.inputId || record.id === g.outputId) {
      throw refuse({
        code: 'pseudo-node',
        path: [g.name, 'nodes', record.name],
        message: `cannot ${action} the pseudo-node "${record.name}"`,
      });
    }
  }

  #touchTail(graphName: string, id: number): void {
    const touched = (this.#touchedTails ??= new Map());
    let set = touched.get(graphName);
    if (set === undefined) touched.set(graphName, (set = new Set()));
    set.add(id);
  }

  /** The graph named `name`, its staged nodes and pending edges written (unless `settled` is false). */
  #graph(name: string, settled = true): GraphRecord | WorkingGraph {
    const g = this.#graphs.get(name);
    if (g === undefined) {
      throw refuse({
        code: 'unknown-graph',
        path: [String(name)],
        message: `the model has no graph named ${JSON.stringify(name)} (graphs: ${this.#names().map((n) => `"${n}"`).join(', ')})`,
      });
    }
    if (settled && isWorking(g)) settle(g);
    return g;
  }

  /** The graph named `name` as a working copy, made on first write; `settled` as for `#graph`. */
  #writable(name: string, settled = true): WorkingGraph {
    const g = this.#graph(name, settled);
    if (isWorking(g)) return g;
    const record = g as GraphRecord;
    const copy: WorkingGraph = {
      name,
      inputNames: record.inputNames,
      outputNames: record.outputNames,
      inputId: record.inputId,
      outputId: record.outputId,
      nodes: record.nodes.asMutable(),
      names: record.names.asMutable(),
      edgeCount: record.edgeCount,
      pendingEdges: [],
      stagedNodes: this.#bulk ? new StagedNodes() : NOTHING_STAGED_NODES,
      stagedNames: this.#bulk ? new Map() : NOTHING_STAGED_NAMES,
    };
    this.#graphs.set(name, copy);
    return copy;
  }

  #nodeRecord(g: WorkingGraph, ref: NodeRef): NodeRecord {
    if (ref === null || typeof ref !== 'object' || typeof ref.id !== 'number') {
      throw refuse({ code: 'invalid-node-ref', path: [g.name, 'nodes'], expected: 'a Node or a node handle', received: ref });
    }
    const record = g.stagedNodes.get(ref.id) ?? g.nodes.get(ref.id);
    if (record === undefined) {
      throw refuse({
        code: 'unknown-node',
        path: [g.name, 'nodes', ref.name ?? `#${ref.id}`],
        message: `graph "${g.name}" has no node ${describeNode(ref)} (was it removed?)`,
      });
    }
    return record;
  }

  /** The record of node `id` of `g`, staged or not; the caller has the id from the editor itself. */
  #nodeRecordById(g: WorkingGraph, id: number): NodeRecord {
    return (g.stagedNodes.get(id) ?? g.nodes.get(id)) as NodeRecord;
  }

  #open(): void {
    if (this.#closed) {
      throw refuse({ code: 'editor-closed', message: 'this edit is over; an editor cannot be used after its recipe returns' });
    }
  }

  #commit(): ModelRecord {
    this.#open();
    this.#closed = true;
    if (!this.#bulk) this.#checkTouched();
    const order = this.#names();
    if (order.length === this.#base.graphs.length && !this.#graphs.hasWorkingGraph()) {
      if (this.#nextNodeId === this.#base.nextNodeId && this.#nextEdgeId === this.#base.nextEdgeId) return this.#base;
    }
    const graphs = Object.freeze(
      order.map((name) => {
        const g = this.#graphs.get(name) as GraphRecord | WorkingGraph;
        return isWorking(g) ? makeGraph(g) : g;
      }),
    );
    if (this.#order === undefined) shareGraphNames(this.#base.graphs, graphs);
    return withEditedGraphs(this.#base, graphs, this.#nextNodeId, this.#nextEdgeId);
  }

  /** Checks the input slots of the tails of new edges, and the targets of new cells. */
  #checkTouched(): void {
    for (const [graphName, ids] of this.#touchedTails ?? NO_TOUCHED_TAILS) {
      const g = this.#graphs.get(graphName);
      if (g === undefined) continue;
      for (const id of ids) {
        const node = g.nodes.get(id);
        if (node === undefined) continue;
        const problem = inputSlotProblem(g, node);
        if (problem !== undefined) throw refuse(problem);
      }
    }
    for (const [graphName, id] of this.#touchedCells) {
      const g = this.#graphs.get(graphName);
      const node = g?.nodes.get(id);
      if (node === undefined || !node.operation.isCell) continue;
      this.#checkCell(graphName, node);
    }
  }

  /** A cell must name an existing graph other than the root, and cells must not contain themselves. */
  #checkCell(graphName: string, node: NodeRecord): void {
    const target = node.operation.cellName as string;
    const path = [graphName, 'nodes', node.name, 'operation', 'cellName'];
    if (!this.#graphs.has(target)) {
      throw refuse({ code: 'unknown-graph', path, expected: `the name of a graph of the model (${this.#names().map((n) => `"${n}"`).join(', ')})`, received: target });
    }
    if (target === ROOT_GRAPH) {
      throw refuse({ code: 'recursive-cell', path, message: `node "${node.name}" cannot use the root graph "${ROOT_GRAPH}" as its cell` });
    }
    // Follow cell references from the target; reaching this node's graph again means recursion.
    const seen = new Set<string>();
    const stack: string[][] = [[target]];
    while (stack.length > 0) {
      const chain = stack.pop() as string[];
      const name = chain[chain.length - 1] as string;
      if (name === graphName) {
        throw refuse({
          code: 'recursive-cell',
          path,
          message: `cell "${node.name}" of graph "${graphName}" contains itself: ${[graphName, ...chain].map((n) => `"${n}"`).join(' -> ')}`,
        });
      }
      if (seen.has(name)) continue;
      seen.add(name);
      this.#graphs.get(name)?.nodes.forEach((n) => {
        if (n.operation.cellName !== undefined) stack.push([...chain, n.operation.cellName]);
      });
    }
  }
}

/** The path of a graph's edges, for a refused edge. */
function edgesPath(g: WorkingGraph): (string | number)[] {
  return [g.name, 'edges'];
}

/** `"head" -> "tail"`, for a refused edge. */
function edgeText(h: NodeRecord, t: NodeRecord): string {
  return `"${h.name}" -> "${t.name}"`;
}

function checkOperation(operation: unknown, path: () => (string | number)[]): asserts operation is Operation {
  if (!(operation instanceof Operation)) {
    throw refuse({ code: 'invalid-operation', path: path(), expected: 'an Operation (make one with Operation.new)', received: operation });
  }
}

/** Throws the refusal of a node's operation when it is not an `Operation`. */
function refuseNodeOperation(operation: unknown, graphName: string, name: string): void {
  checkOperation(operation, () => [graphName, 'nodes', name, 'operation']);
}

/** Throws the refusal of a node's label or python name when it is neither a string nor `undefined`. */
function refuseNodeString(value: unknown, graphName: string, name: string, field: 'label' | 'pythonName'): void {
  optionalString(value, () => [graphName, 'nodes', name, field]);
}

function optionalString(value: unknown, path: () => (string | number)[]): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw refuse({ code: 'invalid-value', path: path(), expected: 'a string or undefined', received: value });
}

function ioNames(value: unknown, path: (string | number)[]): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw refuse({ code: 'invalid-io-names', path, expected: 'null or an array of names', received: value });
  }
  return Object.freeze([...(value as string[])]);
}

function checkEndpoint(endpoint: Endpoint, side: 'head' | 'tail'): Endpoint {
  if (!Array.isArray(endpoint) || endpoint.length !== 2 || typeof endpoint[0] !== 'object' || endpoint[0] === null) {
    throw refuse({ code: 'invalid-endpoint', path: [side], expected: 'a [node, slot] pair', received: endpoint });
  }
  if (typeof endpoint[0].graphName !== 'string') {
    throw refuse({ code: 'invalid-endpoint', path: [side], expected: 'a Node or a node handle', received: endpoint[0] });
  }
  return endpoint;
}
