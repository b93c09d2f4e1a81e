/**
 * Every invariant of the IR, checked in one pass (torch.fx's `Graph.lint`): tests call it after every
 * mutation, and `loadModel` runs it on what it read.
 */
import { GraphError, type ErrorDetails } from './errors.js';
import { findCycle, kahnOrder } from './graph-algorithms.js';
import { isModelStatus } from './model-status.js';
import { modelRecordOf, type Model } from './model.js';
import type { NodeTable } from './node-table.js';
import { CELL_TYPE, INPUTS_TYPE, Operation, OUTPUTS_TYPE } from './operation.js';
import {
  EVALUATOR_KEY,
  INPUT_NODE_NAME,
  OUTPUT_NODE_NAME,
  ROOT_GRAPH,
  type EdgeRecord,
  type GraphRecord,
  type ModelRecord,
  type NodeRecord,
} from './records.js';

/**
 * What is wrong with the input slots of `node`, or `undefined`: a non-negative tail slot fed by two
 * edges, or a `null` tail slot (which means "the single input") on a node with several inputs.
 * Internal; the editor and lint share it.
 */
export function inputSlotProblem(
  graph: { readonly name: string; readonly nodes: NodeTable },
  node: NodeRecord,
): ErrorDetails | undefined {
  const edges = node.inEdges;
  if (edges.length < 2) return undefined;
  // Few inputs (the usual case, checked once per node of a load) are compared pairwise, without a map.
  const bySlot = edges.length > SMALL_FAN_IN ? new Map<number, EdgeRecord>() : undefined;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as EdgeRecord;
    if (e.tailSlot === null) {
      return {
        code: 'ambiguous-input',
        path: [graph.name, 'nodes', node.name],
        message:
          `node "${node.name}" has ${edges.length} incoming edges, but the one from "${headName(graph, e)}" has a null ` +
          'tail slot, which means the node has a single input; give every edge an input index (or -1)',
      };
    }
    if (e.tailSlot < 0) continue;
    let other: EdgeRecord | undefined;
    if (bySlot === undefined) {
      for (let j = 0; j < i && other === undefined; j++) if ((edges[j] as EdgeRecord).tailSlot === e.tailSlot) other = edges[j];
    } else {
      other = bySlot.get(e.tailSlot);
      if (other === undefined) bySlot.set(e.tailSlot, e);
    }
    if (other !== undefined) {
      return {
        code: 'slot-taken',
        path: [graph.name, 'nodes', node.name],
        message:
          `input slot ${e.tailSlot} of node "${node.name}" is fed twice, from "${headName(graph, other)}" and ` +
          `"${headName(graph, e)}"`,
      };
    }
  }
  return undefined;
}

/** Above this many inputs, `inputSlotProblem` indexes the slots in a map instead of comparing pairs. */
const SMALL_FAN_IN = 16;

/** The name of the node an edge leaves, for a finding. */
function headName(graph: { readonly nodes: NodeTable }, e: EdgeRecord): string {
  return graph.nodes.get(e.head)?.name ?? `#${e.head}`;
}

/**
 * Throws a `GraphError` naming the first broken invariant of `model`: the root graph exists; graph
 * names, node names (per graph) and node and edge ids (per model) are unique; each graph lists its
 * nodes in id order; every edge joins two nodes of its graph and is listed on both; slots are valid
 * and no input slot is fed twice; no edge enters `_inputs` or leaves `_outputs`; every graph is
 * acyclic; every cell names another graph and no cell contains itself.
 *
 * @example
 * ```ts
 * const next = model.addEdge([a, null], [b, 0]);
 * lintModel(next); // throws if anything is broken
 * ```
 */
export function lintModel(model: Model): void {
  lintRecord(modelRecordOf(model));
}

/** Lints one graph of `model` (and that the cells it names exist). Internal; `Graph.lint` calls it. */
export function lintGraph(model: Model, graph: GraphRecord): void {
  const record = modelRecordOf(model);
  const names = new Set(record.graphs.map((g) => g.name));
  checkGraph(record, graph, names, new Set(), new Set());
}

const NODE_STRING_FIELDS = ['label', 'pythonName'] as const;

/** The path of `node` in graph `g`, then `rest`: built only for a finding, not once per node. */
function nodePath(g: GraphRecord, node: NodeRecord, ...rest: (string | number)[]): (string | number)[] {
  return [g.name, 'nodes', node.name, ...rest];
}

function fail(details: ErrorDetails): never {
  throw new GraphError(details);
}

function lintRecord(record: ModelRecord): void {
  if (!isModelStatus(record.status)) fail({ code: 'invalid-status', path: ['status'], expected: 'a ModelStatus', received: record.status });
  const names = new Set<string>();
  for (const g of record.graphs) {
    if (names.has(g.name)) fail({ code: 'duplicate-graph', path: [g.name], message: `two graphs are named "${g.name}"` });
    names.add(g.name);
  }
  if (!names.has(ROOT_GRAPH)) fail({ code: 'missing-root-graph', path: [ROOT_GRAPH], message: `the model has no root graph "${ROOT_GRAPH}"` });
  const nodeIds = new Set<number>();
  const edgeIds = new Set<number>();
  for (const g of record.graphs) checkGraph(record, g, names, nodeIds, edgeIds);
  checkCellRecursion(record);
}

function checkGraph(
  record: ModelRecord,
  g: GraphRecord,
  graphNames: ReadonlySet<string>,
  nodeIds: Set<number>,
  edgeIds: Set<number>,
): void {
  const at = (...rest: (string | number)[]) => [g.name, ...rest];
  if (typeof g.name !== 'string' || g.name.length === 0 || g.name === EVALUATOR_KEY) {
    fail({ code: 'invalid-graph-name', path: at(), expected: 'a non-empty graph name', received: g.name });
  }
  for (const [key, io] of [['inputs', g.inputNames], ['outputs', g.outputNames]] as const) {
    if (io !== null && !(Array.isArray(io) && io.every((n) => typeof n === 'string'))) {
      fail({ code: 'invalid-io-names', path: at(key), expected: 'null or an array of names', received: io });
    }
  }
  const pseudo = [
    [g.inputId, INPUT_NODE_NAME, INPUTS_TYPE],
    [g.outputId, OUTPUT_NODE_NAME, OUTPUTS_TYPE],
  ] as const;
  for (const [id, name, type] of pseudo) {
    const node = g.nodes.get(id);
    if (node === undefined || node.name !== name || node.operation.type !== type) {
      fail({ code: 'missing-pseudo-node', path: at('nodes', name), message: `graph "${g.name}" lacks its "${name}" pseudo-node` });
    }
    if (node.label !== undefined || node.pythonName !== undefined) {
      fail({ code: 'pseudo-node', path: at('nodes', name), message: `the pseudo-node "${name}" cannot carry a label or python name` });
    }
  }
  if (g.names.size !== g.nodes.size) {
    fail({ code: 'name-index', path: at('nodes'), message: `graph "${g.name}" has ${g.nodes.size} nodes but ${g.names.size} names indexed` });
  }
  let edgeCount = 0;
  const edgesPath = at('edges');
  // A native index of the node table, in its (id) order: the edge checks below look up both ends of
  // every edge. The table stores each record under its own id, in id order, by construction.
  const byId = new Map<number, NodeRecord>();
  g.nodes.forEach((node, id) => {
    byId.set(id, node);
  });
  // The name index read once, natively, rather than hashed once per node.
  const idByName = new Map<string, number>();
  g.names.forEach((id, name) => {
    idByName.set(name, id);
  });
  for (const node of byId.values()) {
    if (nodeIds.has(node.id)) fail({ code: 'duplicate-node-id', path: nodePath(g, node), message: `node id ${node.id} is used twice in the model` });
    nodeIds.add(node.id);
    if (!(node.id < record.nextNodeId)) fail({ code: 'node-id', path: nodePath(g, node), message: `node id ${node.id} is not below the model's next id ${record.nextNodeId}` });
    if (!Object.isFrozen(node)) fail({ code: 'not-frozen', path: nodePath(g, node), message: `node "${node.name}" is not frozen` });
    if (typeof node.name !== 'string' || node.name.length === 0) fail({ code: 'invalid-node-name', path: nodePath(g, node), expected: 'a non-empty name', received: node.name });
    if (idByName.get(node.name) !== node.id) fail({ code: 'duplicate-node', path: nodePath(g, node), message: `node name "${node.name}" is not unique in graph "${g.name}"` });
    if (!(node.operation instanceof Operation)) fail({ code: 'invalid-operation', path: nodePath(g, node, 'operation'), expected: 'an Operation', received: node.operation });
    const isPseudo = node.id === g.inputId || node.id === g.outputId;
    if (!isPseudo && (node.name === INPUT_NODE_NAME || node.name === OUTPUT_NODE_NAME || node.operation.type === INPUTS_TYPE || node.operation.type === OUTPUTS_TYPE)) {
      fail({ code: 'pseudo-node', path: nodePath(g, node), message: `only a graph's pseudo-nodes may be named or typed "${node.name}"/"${node.operation.type}"` });
    }
    for (const field of NODE_STRING_FIELDS) {
      if (node[field] !== undefined && typeof node[field] !== 'string') fail({ code: 'invalid-value', path: nodePath(g, node, field), expected: 'a string or undefined', received: node[field] });
    }
    if (node.operation.type === CELL_TYPE) {
      const cell = node.operation.cellName;
      if (cell === undefined || !graphNames.has(cell)) {
        fail({ code: 'unknown-graph', path: nodePath(g, node, 'operation', 'cellName'), expected: 'the name of a graph of the model', received: cell });
      }
      if (cell === ROOT_GRAPH) fail(rootCellFinding(g, node));
    }
    for (const e of node.outEdges) {
      edgeCount++;
      checkEdge(record, g, e, edgeIds, edgesPath);
      if (e.head !== node.id) fail({ code: 'edge-list', path: nodePath(g, node), message: `edge ${e.id} is listed as leaving "${node.name}" but its head is node ${e.head}` });
      const tail = byId.get(e.tail);
      if (tail === undefined) fail({ code: 'dangling-edge', path: at('edges'), message: `edge ${e.id} from "${node.name}" goes to node ${e.tail}, which graph "${g.name}" does not have` });
      if (!listsEdge(tail.inEdges, e.id)) fail({ code: 'edge-list', path: at('nodes', tail.name), message: `edge ${e.id} from "${node.name}" is missing from the incoming edges of "${tail.name}"` });
    }
    for (const e of node.inEdges) {
      if (e.tail !== node.id) fail({ code: 'edge-list', path: nodePath(g, node), message: `edge ${e.id} is listed as entering "${node.name}" but its tail is node ${e.tail}` });
      const head = byId.get(e.head);
      if (head === undefined || !listsEdge(head.outEdges, e.id)) {
        fail({ code: 'dangling-edge', path: nodePath(g, node), message: `edge ${e.id} into "${node.name}" is not listed by its head node ${e.head}` });
      }
    }
    const problem = inputSlotProblem(g, node);
    if (problem !== undefined) fail(problem);
  }
  if (edgeCount !== g.edgeCount) fail({ code: 'edge-count', path: at('edges'), message: `graph "${g.name}" counts ${g.edgeCount} edges but holds ${edgeCount}` });
  const { leftover } = kahnOrder(g, byId);
  if (leftover.length > 0) fail(cycleFinding(g, leftover));
}

/** The finding for a cell node that names the root graph. Internal; the loader's checks share it. */
export function rootCellFinding(g: GraphRecord, node: NodeRecord): ErrorDetails {
  return { code: 'recursive-cell', path: nodePath(g, node, 'operation', 'cellName'), message: `node "${node.name}" cannot use the root graph as its cell` };
}

/** The finding for a graph whose Kahn order left `leftover` out: one cycle among them, by name. Internal. */
export function cycleFinding(g: GraphRecord, leftover: readonly number[]): ErrorDetails {
  const cycle = (findCycle(g, leftover) ?? leftover).map((id) => g.nodes.get(id)?.name ?? `#${id}`);
  return {
    code: 'cycle',
    path: [g.name, 'edges'],
    expected: 'an acyclic graph',
    received: cycle,
    message: `graph "${g.name}" has the cycle ${[...cycle, cycle[0]].map((n) => `"${n}"`).join(' -> ')}`,
  };
}

/** Whether `edges` has the edge with id `id`. */
function listsEdge(edges: readonly EdgeRecord[], id: number): boolean {
  for (const e of edges) if (e.id === id) return true;
  return false;
}

function checkEdge(record: ModelRecord, g: GraphRecord, e: EdgeRecord, edgeIds: Set<number>, path: readonly (string | number)[]): void {
  if (!Object.isFrozen(e)) fail({ code: 'not-frozen', path, message: `edge ${e.id} is not frozen` });
  if (edgeIds.has(e.id)) fail({ code: 'duplicate-edge-id', path, message: `edge id ${e.id} is used twice in the model` });
  edgeIds.add(e.id);
  if (!(e.id < record.nextEdgeId)) fail({ code: 'edge-id', path, message: `edge id ${e.id} is not below the model's next edge id ${record.nextEdgeId}` });
  if (e.headSlot !== null && !(Number.isInteger(e.headSlot) && e.headSlot >= 0)) fail({ code: 'invalid-slot', path, expected: 'null or an output index >= 0', received: e.headSlot });
  if (e.tailSlot !== null && !(Number.isInteger(e.tailSlot) && e.tailSlot >= -1)) fail({ code: 'invalid-slot', path, expected: 'null, -1 or an input index >= 0', received: e.tailSlot });
  if (e.head === g.outputId) fail({ code: 'edge-from-outputs', path, message: `edge ${e.id} leaves "${OUTPUT_NODE_NAME}"` });
  if (e.tail === g.inputId) fail({ code: 'edge-into-inputs', path, message: `edge ${e.id} enters "${INPUT_NODE_NAME}"` });
  if (e.head === g.inputId && g.inputNames !== null && e.headSlot !== null && e.headSlot >= g.inputNames.length) {
    fail({ code: 'invalid-slot', path, expected: `an input index below ${g.inputNames.length}`, received: e.headSlot });
  }
  if (e.tail === g.outputId && g.outputNames !== null && e.tailSlot !== null && !(e.tailSlot >= 0 && e.tailSlot < g.outputNames.length)) {
    fail({ code: 'invalid-slot', path, expected: `an output index below ${g.outputNames.length}`, received: e.tailSlot });
  }
}

/** Throws a `GraphError` when cells contain themselves, through any chain of graphs. Internal. */
export function checkCellRecursion(record: ModelRecord): void {
  const uses = new Map<string, string[]>();
  for (const g of record.graphs) {
    const targets: string[] = [];
    g.nodes.forEach((n) => {
      if (n.operation.cellName !== undefined) targets.push(n.operation.cellName);
    });
    uses.set(g.name, targets);
  }
  const done = new Set<string>();
  for (const start of uses.keys()) {
    if (done.has(start)) continue;
    const onPath: string[] = [];
    const stack: [string, number][] = [[start, 0]];
    onPath.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [string, number];
      const targets = uses.get(frame[0]) ?? [];
      if (frame[1] >= targets.length) {
        done.add(frame[0]);
        stack.pop();
        onPath.pop();
        continue;
      }
      const next = targets[frame[1]++] as string;
      const at = onPath.indexOf(next);
      if (at >= 0) {
        const cycle = [...onPath.slice(at), next];
        fail({ code: 'recursive-cell', path: [next], message: `cells contain themselves: ${cycle.map((n) => `"${n}"`).join(' -> ')}` });
      }
      if (!done.has(next) && uses.has(next)) {
        stack.push([next, 0]);
        onPath.push(next);
      }
    }
  }
}
