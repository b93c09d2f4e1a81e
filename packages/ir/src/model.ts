/**
 * A model: the graphs of one network (the root `_model` and its cells), its lifecycle status, its
 * mutation history, its metrics and its evaluator. A `Model` is an immutable value: `fork()` and
 * every mutation return a new `Model` that shares every unchanged part with this one.
 */
import { castDraft, produce, type Draft } from 'immer';
import type { EdgeRef, Endpoint } from './edge.js';
import { IrFormatError, ModelStatusError } from './errors.js';
import { createGraphView, type Graph, recordHasLabel, recordHasType } from './graph.js';
import { graphPosition } from './graph-names.js';
import { formatModel } from './graph-table.js';
import { HistoryStep } from './history-step.js';
import { updateOneOperation } from './one-node-update.js';
import { dumpModel, type ModelIr } from './ir-json.js';
import { isPlainObject, toFrozenJson, type JsonValue } from './json-value.js';
import { lintModel } from './lint.js';
import { abandonEditor, commitEditor, openEditor, type GraphOptions, type ModelEditor, type RemoveNodeOptions } from './model-editor.js';
import { modelsEqual } from './model-equality.js';
import { assertTransition, ModelStatus } from './model-status.js';
import type { Node, NodeOptions, NodeRef } from './node.js';
import { Operation, type OperationDraft } from './operation.js';
import { ROOT_GRAPH, withoutMetrics, withStatusAndParent, type GraphRecord, type ModelRecord, type Mutation } from './records.js';

/** A metric a trial reports: a number, or a JSON object (by convention with a `default` key). */
export type Metric = JsonValue;

/** Options of {@link Model.create}. */
export interface ModelOptions extends GraphOptions {
  /** How the model is to be evaluated: opaque JSON, dumped under `_evaluator`. */
  readonly evaluator?: JsonValue;
}

/** The record behind a model. Internal. */
export let modelRecordOf: (model: Model) => ModelRecord;
/** Makes a model from a record. Internal. */
export let createModel: (record: ModelRecord) => Model;
/**
 * A mutating model with one more history entry (`mutator` chose `samples` on `from`), frozen, in one
 * record copy. Internal: only `Mutator.apply` writes history.
 */
export let freezeWithMutation: (model: Model, mutator: string, samples: readonly unknown[], from: Model) => Model;

const EMPTY_LIST: readonly never[] = Object.freeze([]);

const EMPTY_RECORD: ModelRecord = Object.freeze({
  graphs: EMPTY_LIST,
  status: ModelStatus.Mutating,
  parent: undefined,
  metric: undefined,
  intermediateMetrics: EMPTY_LIST,
  evaluator: undefined,
  nextNodeId: 0,
  nextEdgeId: 0,
});

/** The record of a model with no graph at all. Internal; the loader starts from it. */
export function emptyModelRecord(): ModelRecord {
  return EMPTY_RECORD;
}

/**
 * A chosen value as history keeps it: plain data becomes a frozen copy (so the history cannot change
 * behind the model's back, and the caller's candidates are not frozen); anything else (an
 * `Operation`, which is frozen already, a class instance) is kept as it is.
 */
function frozenSample(value: unknown): unknown {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  try {
    return toFrozenJson(value, [], jsonError);
  } catch {
    return value;
  }
}

/** Evaluators and metrics must be JSON: they travel in the IR document and to the experiment store. */
const jsonError = (details: ConstructorParameters<typeof IrFormatError>[0]) => new IrFormatError(details);

/**
 * A neural network as a set of graphs, immutable. Read it through `rootGraph`, `graphs` and the
 * lookup helpers; change it with `fork()` and the mutation methods, each of which returns a new
 * model and leaves this one untouched. Structural changes need status `mutating`; a frozen model is
 * forked first. Forking a 10,000-node model and changing one node costs microseconds: nodes live in
 * persistent tables, so a change copies a list of chunks and one chunk and shares the rest.
 *
 * @example
 * ```ts
 * let m = Model.create({ inputs: ['x'], outputs: ['y'] });
 * m = m.edit((e) => {
 *   const fc = e.addNode('_model', 'fc', Operation.new('Linear', { in_features: 4, out_features: 2 }));
 *   e.addEdge([e.inputNode('_model'), 0], [fc, null]);
 *   e.addEdge([fc, null], [e.outputNode('_model'), 0]);
 * });
 * const wider = m.updateOperation(m.getNodeByName('fc')!, (op) => { op.parameters.out_features = 8; });
 * m.getNodeByName('fc')!.operation.parameters.out_features; // still 2
 * ```
 */
export class Model {
  /** Name of the root graph. */
  static readonly ROOT_GRAPH = ROOT_GRAPH;

  readonly #record: ModelRecord;
  #history: readonly Mutation[] | undefined;
  #graphs: readonly Graph[] | undefined;
  /**
   * The views made so far, by the index of their record (a lookup by name makes only its own); the
   * array is made, at the graphs' count, with the first view.
   */
  #views: (Graph | undefined)[] | undefined;

  static {
    modelRecordOf = (model) => model.#record;
    createModel = (record) => new Model(record);
    freezeWithMutation = (model, mutator, samples, from) => {
      model.#requireMutating('record a mutation in');
      const entry = new HistoryStep(mutator, Object.freeze(samples.map(frozenSample)), from);
      // Mutating → frozen is always a legal move, so no transition check is needed here.
      return new Model(withStatusAndParent(model.#record, ModelStatus.Frozen, entry));
    };
  }

  private constructor(record: ModelRecord) {
    this.#record = record;
    Object.freeze(this);
  }

  /**
   * A new mutating model with an empty root graph `_model` (just its `_inputs` and `_outputs`).
   *
   * @example
   * ```ts
   * const m = Model.create({ inputs: ['image'], outputs: ['logits'], evaluator: { type: 'classification' } });
   * ```
   */
  static create(options: ModelOptions = {}): Model {
    const editor = openEditor(EMPTY_RECORD);
    editor.addGraph(ROOT_GRAPH, options);
    let record = commitEditor(editor);
    if (options.evaluator !== undefined) {
      const evaluator = toFrozenJson(options.evaluator, ['evaluator'], jsonError);
      record = produce(record, (d) => {
        d.evaluator = castDraft(evaluator);
      });
    }
    return new Model(record);
  }

  /** Where the model is in its lifecycle. */
  get status(): ModelStatus {
    return this.#record.status;
  }

  /**
   * The mutations that made this model from its base, oldest first; each names the model it was
   * applied to, so `history[0].from` is the base model and `history.at(-1).from` the model this one
   * was mutated from (the reference's `Model.history`). Empty for a base model, a fork keeps it.
   *
   * @example
   * ```ts
   * const child = applyMutators(base, mutators, sampler);
   * child.history[0]!.from === base; // true
   * child.history.map((m) => m.mutator); // the labels, in the order they ran
   * ```
   */
  get history(): readonly Mutation[] {
    if (this.#history === undefined) {
      // Each model stores only its last step; the chain of `from` records holds the rest.
      const steps: Mutation[] = [];
      for (let step = this.#record.parent; step !== undefined; step = step.from.#record.parent) steps.push(step);
      this.#history = steps.length === 0 ? EMPTY_LIST : Object.freeze(steps.reverse());
    }
    return this.#history;
  }

  /** The final metric, once reported; `undefined` before. */
  get metric(): Metric | undefined {
    return this.#record.metric;
  }

  /** The intermediate metrics reported so far, oldest first. */
  get intermediateMetrics(): readonly Metric[] {
    return this.#record.intermediateMetrics;
  }

  /** How the model is evaluated: opaque JSON, or `undefined`. */
  get evaluator(): JsonValue | undefined {
    return this.#record.evaluator;
  }

  /** The root graph, `_model`. */
  get rootGraph(): Graph {
    return this.graph(ROOT_GRAPH) as Graph;
  }

  /** All graphs, the root and every cell body, in the order they were added. */
  get graphs(): readonly Graph[] {
    if (this.#graphs === undefined) this.#graphs = Object.freeze(this.#record.graphs.map((_, i) => this.#view(i)));
    return this.#graphs;
  }

  /** The graph named `name`, or `undefined`. */
  graph(name: string): Graph | undefined {
    const index = graphPosition(this.#record.graphs, name);
    return index === undefined ? undefined : this.#view(index);
  }

  /** The view of the graph record at `index`, made on first use. */
  #view(index: number): Graph {
    const views = (this.#views ??= new Array<Graph | undefined>(this.#record.graphs.length));
    let view = views[index];
    if (view === undefined) views[index] = view = createGraphView(this, this.#record.graphs[index] as GraphRecord);
    return view;
  }

  /** The node with this id in any graph, or `undefined`. */
  getNodeById(id: number): Node | undefined {
    for (const g of this.graphs) {
      const node = g.getNodeById(id);
      if (node !== undefined) return node;
    }
    return undefined;
  }

  /** The first node named `name`, searching the graphs in order (pseudo-nodes included). */
  getNodeByName(name: string): Node | undefined {
    for (const g of this.graphs) {
      const node = g.getNodeByName(name);
      if (node !== undefined) return node;
    }
    return undefined;
  }

  /** The first node whose python name (dotted module path) is `pythonName`, searching the graphs in order. */
  getNodeByPythonName(pythonName: string): Node | undefined {
    for (const g of this.graphs) {
      const node = g.getNodeByPythonName(pythonName);
      if (node !== undefined) return node;
    }
    return undefined;
  }

  /** Hidden nodes with this label, in every graph. */
  getNodesByLabel(label: string): readonly Node[] {
    return this.#nodesOfGraphsWhere((record) => recordHasLabel(record, label), (graph) => graph.getNodesByLabel(label));
  }

  /** Hidden nodes whose operation has this type, in every graph. */
  getNodesByType(type: string): readonly Node[] {
    return this.#nodesOfGraphsWhere((record) => recordHasType(record, type), (graph) => graph.getNodesByType(type));
  }

  /**
   * `nodesOf` of the graphs whose record passes `holds`, in graph order: a model with hundreds of cell
   * graphs (read once per trial by a mutator) makes views only of those that have such nodes.
   */
  #nodesOfGraphsWhere(holds: (record: GraphRecord) => boolean, nodesOf: (graph: Graph) => readonly Node[]): readonly Node[] {
    const out: Node[] = [];
    const graphs = this.#record.graphs;
    for (let i = 0; i < graphs.length; i++) {
      if (!holds(graphs[i] as GraphRecord)) continue;
      for (const node of nodesOf(this.#view(i))) out.push(node);
    }
    return out;
  }

  /** Every node of every graph, lazily, graph by graph. */
  *nodes(): IterableIterator<Node> {
    for (const g of this.graphs) {
      yield g.inputNode;
      yield g.outputNode;
      yield* g.hiddenNodes;
    }
  }

  /**
   * A new mutating model with the same graphs, node ids, history and evaluator; its metrics start
   * empty. Costs O(1): everything is shared.
   */
  fork(): Model {
    return new Model(withoutMetrics(this.#record, ModelStatus.Mutating, EMPTY_LIST));
  }

  /**
   * Applies several mutation steps at once and returns the new model; this one is unchanged. The
   * recipe gets a `ModelEditor`; invariants are checked when it returns, and if anything throws, no
   * model is made. An edit that changes nothing returns this model.
   *
   * @example
   * ```ts
   * const next = model.edit((e) => {
   *   const bn = e.addNode('_model', 'bn', Operation.new('BatchNorm2d', { num_features: 16 }));
   *   e.removeEdge(edge);
   *   e.addEdge([conv, null], [bn, null]);
   *   e.addEdge([bn, null], [relu, null]);
   * });
   * ```
   */
  edit(recipe: (editor: ModelEditor) => void): Model {
    this.#requireMutating('edit');
    const editor = openEditor(this.#record);
    try {
      recipe(editor);
    } catch (error) {
      abandonEditor(editor);
      throw error;
    }
    const record = commitEditor(editor);
    return record === this.#record ? this : new Model(record);
  }

  /** Adds an empty graph (for a cell body); see `ModelEditor.addGraph`. */
  addGraph(name: string, options?: GraphOptions): Model {
    return this.edit((e) => e.addGraph(name, options));
  }

  /** Removes a graph no cell refers to; see `ModelEditor.removeGraph`. */
  removeGraph(name: string): Model {
    return this.edit((e) => e.removeGraph(name));
  }

  /** Adds a node without edges; find it afterwards with `getNodeByName`. See `ModelEditor.addNode`. */
  addNode(graph: string | { readonly name: string }, name: string, operation: Operation, options?: NodeOptions): Model {
    return this.edit((e) => e.addNode(graph, name, operation, options));
  }

  /** Adds the edge `head[slot] → tail[slot]`; refuses one that closes a cycle. See `ModelEditor.addEdge`. */
  addEdge(head: Endpoint, tail: Endpoint): Model {
    return this.edit((e) => e.addEdge(head, tail));
  }

  /** Removes an edge. */
  removeEdge(edge: EdgeRef): Model {
    return this.edit((e) => e.removeEdge(edge));
  }

  /** Removes a node; see `ModelEditor.removeNode`. */
  removeNode(node: NodeRef, options?: RemoveNodeOptions): Model {
    return this.edit((e) => e.removeNode(node, options));
  }

  /** Puts a new node in the middle of an edge; see `ModelEditor.insertNodeOnEdge`. */
  insertNodeOnEdge(edge: EdgeRef, name: string, operation: Operation, options?: NodeOptions): Model {
    return this.edit((e) => e.insertNodeOnEdge(edge, name, operation, options));
  }

  /**
   * Gives a node a new operation, or edits its operation through a draft (see `Operation.update`).
   * An update that changes nothing returns this model.
   *
   * @example
   * ```ts
   * const m2 = m.updateOperation(conv, Operation.new('Conv2d', { kernel_size: 5 }));
   * const m3 = m.updateOperation(conv, (op) => { op.parameters.kernel_size = 7; });
   * ```
   */
  updateOperation(node: NodeRef, operation: Operation | ((draft: OperationDraft) => void)): Model {
    this.#requireMutating('edit');
    const updated = updateOneOperation(this.#record, node, operation);
    if (updated === undefined || updated instanceof Operation) return this.edit((e) => e.updateOperation(node, updated ?? operation));
    return updated === this.#record ? this : new Model(updated);
  }

  /** Sets or clears a node's label. */
  updateLabel(node: NodeRef, label: string | undefined): Model {
    return this.edit((e) => e.updateLabel(node, label));
  }

  /** Sets or clears a node's python name. */
  updatePythonName(node: NodeRef, pythonName: string | undefined): Model {
    return this.edit((e) => e.updatePythonName(node, pythonName));
  }

  /**
   * Gives a cell node its own copy of its graph; the node's operation then names the copy. See
   * `ModelEditor.specializeCell`.
   */
  specializeCell(node: NodeRef): Model {
    return this.edit((e) => e.specializeCell(node));
  }

  /**
   * This model in another status. Only forward moves are legal (mutating → frozen → training →
   * trained | failed); anything else throws a `ModelStatusError` naming both statuses and the moves
   * allowed.
   */
  withStatus(status: ModelStatus): Model {
    assertTransition(this.#record.status, status);
    return this.#evolve((d) => {
      d.status = status;
    });
  }

  /** This model with its final metric set; the model must be `training` or `trained`. */
  withMetric(metric: Metric): Model {
    this.#requireStatus(['training', 'trained'], 'report a final metric for');
    const value = toFrozenJson(metric, ['metric'], jsonError);
    return this.#evolve((d) => {
      d.metric = castDraft(value);
    });
  }

  /** This model with one more intermediate metric; the model must be `training`. */
  withIntermediateMetric(metric: Metric): Model {
    this.#requireStatus(['training'], 'report an intermediate metric for');
    const value = toFrozenJson(metric, ['intermediateMetrics'], jsonError);
    return this.#evolve((d) => {
      d.intermediateMetrics.push(castDraft(value));
    });
  }

  /** This model with another evaluator (opaque JSON, or `undefined` to drop it); the model must be mutating. */
  withEvaluator(evaluator: JsonValue | undefined): Model {
    this.#requireMutating('set the evaluator of');
    const value = evaluator === undefined ? undefined : toFrozenJson(evaluator, ['evaluator'], jsonError);
    return this.#evolve((d) => {
      d.evaluator = castDraft(value);
    });
  }

  /**
   * Whether `other` has the same graphs (names, io names, nodes by name with equal operations, labels
   * and python names, edges in the same order) and the same evaluator: whether both dump to the same
   * JSON IR. Node ids, status, history and metrics do not count.
   */
  equals(other: Model): boolean {
    return modelsEqual(this, other);
  }

  /** Throws a `GraphError` naming the first broken invariant; see `lintModel`. Returns this model. */
  lint(): this {
    lintModel(this);
    return this;
  }

  /** The JSON IR of the model (`dumpModel`), so `JSON.stringify(model)` works. */
  toJSON(): ModelIr {
    return dumpModel(this);
  }

  /** A summary line and a table of every graph's nodes. */
  toString(): string {
    return formatModel(this);
  }

  #evolve(recipe: (draft: Draft<ModelRecord>) => void): Model {
    return new Model(produce(this.#record, recipe));
  }

  #requireMutating(action: string): void {
    if (this.#record.status !== ModelStatus.Mutating) {
      throw new ModelStatusError({
        code: 'model-not-mutating',
        path: ['status'],
        expected: '"mutating"',
        received: this.#record.status,
        message: `cannot ${action} a model whose status is "${this.#record.status}"; fork() it and change the fork`,
      });
    }
  }

  #requireStatus(allowed: readonly ModelStatus[], action: string): void {
    if (!allowed.includes(this.#record.status)) {
      throw new ModelStatusError({
        code: 'wrong-status',
        path: ['status'],
        expected: allowed.map((s) => `"${s}"`).join(' or '),
        received: this.#record.status,
        message: `cannot ${action} a model whose status is "${this.#record.status}" (it must be ${allowed.map((s) => `"${s}"`).join(' or ')})`,
      });
    }
  }
}
