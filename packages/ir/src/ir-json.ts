/**
 * The reference's JSON IR: `dumpModel` writes a model in it and `loadModel` reads it back, checking
 * every key. `dumpModel(loadModel(doc))` equals a canonical `doc`, and `loadModel(dumpModel(m))`
 * equals `m` (see `modelsEqual`).
 *
 * Canonical form: every graph has `inputs` and `outputs` (`null` when unnamed), `nodes` and `edges`;
 * an operation has `attributes` only when they are not empty and `cell_name` only when it is a cell;
 * a node has `label` and `python_name` only when set. Unlike the reference, `python_name` is read back.
 */
import { ArchspaceError, GraphError, IrFormatError, type ErrorDetails } from './errors.js';
import { sortedEdgeRecords } from './graph.js';
import { isPlainObject, toFrozenJson, type JsonObject, type JsonValue } from './json-value.js';
import { checkLoadedRecord } from './load-checks.js';
import { addEdgeQuietly, addNodeQuietly, commitEditor, descendingEdgeGraphs, nodeIdByName, openEditor, type ModelEditor } from './model-editor.js';
import { createModel, emptyModelRecord, modelRecordOf, type Model } from './model.js';
import { CELL_TYPE, Operation } from './operation.js';
import { EVALUATOR_KEY, ROOT_GRAPH, withEvaluator, type GraphRecord, type NodeRecord } from './records.js';

/** An operation in the JSON IR. */
export interface OperationIr {
  readonly type: string;
  readonly parameters: JsonObject;
  /** Present only when not empty. */
  readonly attributes?: JsonObject;
  /** Present only for `_cell` operations. */
  readonly cell_name?: string;
}

/** A node in the JSON IR, stored under its name. */
export interface NodeIr {
  readonly operation: OperationIr;
  readonly label?: string;
  /** Dotted module path of the node. */
  readonly python_name?: string;
}

/** One end of an edge in the JSON IR: a node name (or `_inputs`/`_outputs`) and a slot. */
export type EndpointIr = readonly [node: string, slot: number | null];

/** An edge in the JSON IR. */
export interface EdgeIr {
  readonly head: EndpointIr;
  readonly tail: EndpointIr;
}

/** A graph in the JSON IR. Slots of `_inputs` and `_outputs` index `inputs` and `outputs`. */
export interface GraphIr {
  readonly inputs: readonly string[] | null;
  readonly outputs: readonly string[] | null;
  readonly nodes: { readonly [name: string]: NodeIr };
  readonly edges: readonly EdgeIr[];
}

/**
 * A whole model in the JSON IR: `{graphName: GraphIr, ..., "_evaluator"?: JSON}`; the root graph is
 * `_model`.
 */
export interface ModelIr {
  readonly [graphNameOrEvaluator: string]: GraphIr | JsonValue;
}

const GRAPH_KEYS = new Set(['inputs', 'outputs', 'nodes', 'edges']);
const NODE_KEYS = new Set(['operation', 'label', 'python_name']);
const OPERATION_KEYS = new Set(['type', 'parameters', 'attributes', 'cell_name']);
const EDGE_KEYS = new Set(['head', 'tail']);

/**
 * The model as a JSON IR document (graphs in order, nodes in id order, edges in the order they were
 * added). The document shares the model's frozen parameter objects; `JSON.stringify` it or
 * `structuredClone` it for a mutable copy.
 *
 * @example
 * ```ts
 * const text = JSON.stringify(dumpModel(model), null, 2);
 * const again = loadModel(JSON.parse(text));
 * again.equals(model); // true
 * ```
 */
export function dumpModel(model: Model): ModelIr {
  const record = modelRecordOf(model);
  const entries: [string, GraphIr | JsonValue][] = record.graphs.map((g) => [g.name, dumpGraph(g)]);
  if (record.evaluator !== undefined) entries.push([EVALUATOR_KEY, record.evaluator]);
  return Object.fromEntries(entries) as ModelIr;
}

function dumpGraph(g: GraphRecord): GraphIr {
  const records = g.nodes.values();
  const nodes: [string, NodeIr][] = [];
  for (let i = 0; i < records.length; i++) {
    const n = records[i] as NodeRecord;
    if (n.id !== g.inputId && n.id !== g.outputId) nodes.push([n.name, dumpNode(n)]);
  }
  const nameOf = nodeNamesById(records);
  return {
    inputs: g.inputNames === null ? null : [...g.inputNames],
    outputs: g.outputNames === null ? null : [...g.outputNames],
    nodes: Object.fromEntries(nodes),
    edges: sortedEdgeRecords(g).map((e) => ({ head: [nameOf(e.head), e.headSlot], tail: [nameOf(e.tail), e.tailSlot] })),
  };
}

/**
 * The name of a node by id, for the edge ends of a dump, from the graph's records in id order: by
 * offset from the first id when the ids are dense (as in a graph built or loaded in one go), else by
 * binary search. Either costs an array of the graph's size, where a map of ids would cost several.
 */
function nodeNamesById(records: readonly NodeRecord[]): (id: number) => string {
  const first = (records[0] as NodeRecord).id;
  const span = (records[records.length - 1] as NodeRecord).id - first + 1;
  if (span <= 2 * records.length) {
    const byOffset = new Array<string>(span);
    for (let i = 0; i < records.length; i++) byOffset[(records[i] as NodeRecord).id - first] = (records[i] as NodeRecord).name;
    return (id) => byOffset[id - first] as string;
  }
  return (id) => {
    let lo = 0;
    let hi = records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((records[mid] as NodeRecord).id < id) lo = mid + 1;
      else hi = mid;
    }
    return (records[lo] as NodeRecord).name;
  };
}

function dumpNode(n: NodeRecord): NodeIr {
  const op = n.operation;
  const operation: { -readonly [K in keyof OperationIr]: OperationIr[K] } = { type: op.type, parameters: op.parameters };
  if (Object.keys(op.attributes).length > 0) operation.attributes = op.attributes;
  if (op.cellName !== undefined) operation.cell_name = op.cellName;
  const out: { -readonly [K in keyof NodeIr]: NodeIr[K] } = { operation };
  if (n.label !== undefined) out.label = n.label;
  if (n.pythonName !== undefined) out.python_name = n.pythonName;
  return out;
}

type Path = readonly (string | number)[];

function fail(details: ErrorDetails): never {
  throw new IrFormatError(details);
}

function expectObject(value: unknown, path: Path, what: string): { readonly [key: string]: unknown } {
  if (!isPlainObject(value)) fail({ code: 'invalid-ir', path, expected: what, received: value });
  return value;
}

function checkKeys(value: { readonly [key: string]: unknown }, allowed: ReadonlySet<string>, path: Path): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      fail({
        code: 'unknown-key',
        path: [...path, key],
        message: `unexpected key "${key}"; allowed keys are ${[...allowed].map((k) => `"${k}"`).join(', ')}`,
      });
    }
  }
}

function get(value: { readonly [key: string]: unknown }, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Runs `fn`, turning any other archspace error into an `IrFormatError` with the same details. */
function asFormatError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof IrFormatError) throw error;
    if (error instanceof ArchspaceError) throw new IrFormatError({ ...error.details, path: [...error.path] });
    throw error;
  }
}

/**
 * Reads a JSON IR document into a new mutating model, with fresh node ids in document order. Every
 * key is checked; a malformed document throws an `IrFormatError` whose `path` names the offending
 * key (for example `_model/nodes/conv1/operation/type`) and says what was expected. The loaded model
 * passes `lint()`.
 *
 * @example
 * ```ts
 * const model = loadModel(JSON.parse(readFileSync('model.json', 'utf8')));
 * ```
 */
export function loadModel(document: unknown): Model {
  const doc = expectObject(document, [], `an object mapping graph names to graphs (and "${EVALUATOR_KEY}")`);
  if (!Object.hasOwn(doc, ROOT_GRAPH)) {
    fail({ code: 'missing-root-graph', path: [ROOT_GRAPH], message: `the document has no root graph "${ROOT_GRAPH}"` });
  }
  const graphs: [string, { readonly [key: string]: unknown }][] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (name === EVALUATOR_KEY) continue;
    const g = expectObject(value, [name], 'a graph: {inputs, outputs, nodes, edges}');
    checkKeys(g, GRAPH_KEYS, [name]);
    graphs.push([name, g]);
  }
  const graphNames = new Set(graphs.map(([name]) => name));
  const editor = openEditor(emptyModelRecord(), { bulk: true });
  for (const [name, g] of graphs) {
    const inputs = ioNames(get(g, 'inputs'), [name, 'inputs']);
    const outputs = ioNames(get(g, 'outputs'), [name, 'outputs']);
    asFormatError(() => editor.addGraph(name, { inputs, outputs }));
  }
  for (const [name, g] of graphs) {
    const nodes = expectObject(get(g, 'nodes'), [name, 'nodes'], 'an object mapping node names to nodes');
    // Keys, not entries, and an index loop: no pair array and no iterator result per node.
    const nodeNames = Object.keys(nodes);
    for (let i = 0; i < nodeNames.length; i++) {
      const nodeName = nodeNames[i] as string;
      loadNode(editor, name, nodeName, nodes[nodeName], graphNames);
    }
  }
  // Edges name their ends; the editor's own index of the names it checked gives their ids.
  for (const [name, g] of graphs) {
    const edges = get(g, 'edges');
    if (!Array.isArray(edges)) fail({ code: 'invalid-ir', path: [name, 'edges'], expected: 'an array of edges', received: edges });
    edges.forEach((edge, index) => loadEdge(editor, name, edge, index));
  }
  let record = asFormatError(() => commitEditor(editor));
  if (Object.hasOwn(doc, EVALUATOR_KEY)) {
    const evaluator = toFrozenJson(doc[EVALUATOR_KEY], [EVALUATOR_KEY], (d) => new IrFormatError(d));
    record = withEvaluator(record, evaluator);
  }
  // What the editor could not check node by node; the rest of lint() holds by construction.
  const mayHaveCycles = descendingEdgeGraphs(editor);
  asFormatError(() => checkLoadedRecord(record, mayHaveCycles));
  return createModel(record);
}

function ioNames(value: unknown, path: Path): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) fail({ code: 'invalid-ir', path, expected: 'null or an array of names', received: value });
  value.forEach((name, i) => {
    if (typeof name !== 'string') fail({ code: 'invalid-ir', path: [...path, i], expected: 'a name (string)', received: name });
  });
  return value as string[];
}

/** The path of a node's key `rest` in the document; built only for an error. */
function nodeAt(graphName: string, nodeName: string, ...rest: (string | number)[]): (string | number)[] {
  return [graphName, 'nodes', nodeName, ...rest];
}

/** Options of `Operation.new` that set nothing: most nodes share them. */
const NO_OPTIONS = Object.freeze({});

function loadNode(editor: ModelEditor, graphName: string, nodeName: string, value: unknown, graphNames: ReadonlySet<string>): void {
  // Paths are built only for errors: this runs once per node.
  if (!isPlainObject(value)) fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName), expected: 'a node: {operation, label?, python_name?}', received: value });
  for (const key in value) if (!NODE_KEYS.has(key)) checkKeys(value, NODE_KEYS, nodeAt(graphName, nodeName));
  const op = get(value, 'operation');
  if (!isPlainObject(op)) fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'operation'), expected: 'an operation: {type, parameters, attributes?, cell_name?}', received: op });
  for (const key in op) if (!OPERATION_KEYS.has(key)) checkKeys(op, OPERATION_KEYS, nodeAt(graphName, nodeName, 'operation'));
  const type = get(op, 'type');
  if (typeof type !== 'string' || type.length === 0) fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'operation', 'type'), expected: 'a non-empty type name', received: type });
  const parameters = get(op, 'parameters');
  if (!isPlainObject(parameters)) fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'operation', 'parameters'), expected: 'an object of parameters', received: parameters });
  const attributes = get(op, 'attributes');
  if (attributes !== undefined && !isPlainObject(attributes)) {
    fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'operation', 'attributes'), expected: 'an object of attributes', received: attributes });
  }
  const cellName = get(op, 'cell_name');
  if (type === CELL_TYPE) {
    if (typeof cellName !== 'string' || !graphNames.has(cellName)) {
      fail({
        code: 'unknown-graph',
        path: nodeAt(graphName, nodeName, 'operation', 'cell_name'),
        expected: `the name of a graph of the document (${[...graphNames].map((n) => `"${n}"`).join(', ')})`,
        received: cellName,
      });
    }
  } else if (cellName !== undefined) {
    fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'operation', 'cell_name'), message: `only "${CELL_TYPE}" operations have a cell_name; this one is "${type}"` });
  }
  const label = get(value, 'label');
  if (label !== undefined && typeof label !== 'string') fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'label'), expected: 'a string', received: label });
  const pythonName = get(value, 'python_name');
  if (pythonName !== undefined && typeof pythonName !== 'string') fail({ code: 'invalid-ir', path: nodeAt(graphName, nodeName, 'python_name'), expected: 'a string', received: pythonName });
  try {
    let options: { attributes?: { readonly [key: string]: unknown }; cellName?: string } = NO_OPTIONS;
    if (attributes !== undefined || typeof cellName === 'string') {
      options = {};
      if (attributes !== undefined) options.attributes = attributes;
      if (typeof cellName === 'string') options.cellName = cellName;
    }
    const operation = Operation.new(type, parameters, options);
    addNodeQuietly(editor, graphName, nodeName, operation, label, pythonName);
  } catch (error) {
    // Operation errors carry paths inside the operation; editor errors carry whole paths.
    if (error instanceof GraphError) throw new IrFormatError({ ...error.details, path: [...nodeAt(graphName, nodeName, 'operation'), ...error.path] });
    if (error instanceof ArchspaceError && !(error instanceof IrFormatError)) throw new IrFormatError(error.details);
    throw error;
  }
}

/** The path of an edge's key `rest` in the document; built only for an error. */
function edgeAt(graphName: string, index: number, ...rest: (string | number)[]): (string | number)[] {
  return [graphName, 'edges', index, ...rest];
}

function loadEdge(editor: ModelEditor, graphName: string, value: unknown, index: number): void {
  // Paths are built only for errors: this runs once per edge.
  if (!isPlainObject(value)) fail({ code: 'invalid-ir', path: edgeAt(graphName, index), expected: 'an edge: {head: [node, slot], tail: [node, slot]}', received: value });
  for (const key in value) if (!EDGE_KEYS.has(key)) checkKeys(value, EDGE_KEYS, edgeAt(graphName, index));
  const head = get(value, 'head');
  const headId = endpointNodeId(editor, graphName, head, index, 'head');
  const tail = get(value, 'tail');
  const tailId = endpointNodeId(editor, graphName, tail, index, 'tail');
  try {
    addEdgeQuietly(editor, graphName, headId, (head as unknown[])[1] as number | null, tailId, (tail as unknown[])[1] as number | null);
  } catch (error) {
    // As `asFormatError`, but the error names the edge, its path built only on error.
    if (error instanceof ArchspaceError && !(error instanceof IrFormatError)) throw new IrFormatError({ ...error.details, path: edgeAt(graphName, index) });
    throw error;
  }
}

/** The node id of one end of an edge (`[node name, slot]`), its slot checked too. */
function endpointNodeId(editor: ModelEditor, graphName: string, end: unknown, index: number, side: 'head' | 'tail'): number {
  if (!Array.isArray(end) || end.length !== 2) fail({ code: 'invalid-ir', path: edgeAt(graphName, index, side), expected: 'a [node name, slot] pair', received: end });
  const name: unknown = end[0];
  const slot: unknown = end[1];
  if (typeof name !== 'string') fail({ code: 'invalid-ir', path: edgeAt(graphName, index, side, 0), expected: 'a node name', received: name });
  const node = nodeIdByName(editor, graphName, name);
  if (node === undefined) {
    fail({ code: 'unknown-node', path: edgeAt(graphName, index, side, 0), expected: `the name of a node of graph "${graphName}"`, received: name });
  }
  if (slot !== null && !Number.isInteger(slot)) fail({ code: 'invalid-ir', path: edgeAt(graphName, index, side, 1), expected: 'null or an integer slot', received: slot });
  return node;
}
