/**
 * The working copy of a graph that a `ModelEditor` writes (its node and name maps made mutable with
 * `asMutable()`), with the nodes and edges a bulk editor holds back until it settles, and the node
 * records the editor makes. Internal to the IR.
 */
import { NameIndex } from './name-index.js';
import type { NodeTable } from './node-table.js';
import type { Operation } from './operation.js';
import type { EdgeRecord, GraphRecord, NodeRecord } from './records.js';
import { StagedNodes, type StagedNode } from './staged-nodes.js';

/**
 * A graph being edited: its node and name maps are mutable copies (`asMutable()`), written in place;
 * `makeGraph` seals them with `asImmutable()`.
 */
export interface WorkingGraph {
  readonly name: string;
  readonly inputNames: readonly string[] | null;
  readonly outputNames: readonly string[] | null;
  readonly inputId: number;
  readonly outputId: number;
  nodes: NodeTable;
  names: NameIndex;
  edgeCount: number;
  /**
   * Edges a bulk editor added but has not yet written into the edge lists of their nodes: a load
   * rebuilds each node once rather than once per edge. `settle` writes them.
   */
  pendingEdges: EdgeRecord[];
  /**
   * Nodes a bulk editor added but has not yet written into `nodes` and `names` (by id, in id order,
   * and by name): a load writes each node into the tables once, with its edges, rather
   * than once when added and again when its edges settle. A staged node is not frozen yet: its new
   * edges go straight into its lists, not into `pendingEdges`. `settle` freezes and writes them.
   */
  stagedNodes: StagedNodes;
  stagedNames: Map<string, number>;
}

/** Whether `g` is a working copy rather than a sealed graph record. */
export function isWorking(g: GraphRecord | WorkingGraph): g is WorkingGraph {
  return 'pendingEdges' in g;
}

/** A map that refuses every write: the staged names of working graphs that never stage. */
class UnwritableMap<K, V> extends Map<K, V> {
  override set(): this {
    throw new Error('internal: a non-bulk editor staged a node');
  }
}

/**
 * The staged names of every working graph of an editor that is not bulk, which never stages: one
 * shared empty map instead of a new map per edit (an edit of a big model allocates little else, and
 * on some machines every fresh page of memory costs a fault). See `NOTHING_STAGED_NODES` too.
 */
export const NOTHING_STAGED_NAMES: Map<string, number> = new UnwritableMap();

/** Appends `edge` to an edge list of a staged node, giving it its own array on the first edge. */
export function stageEdge(node: StagedNode, side: 'inEdges' | 'outEdges', edge: EdgeRecord): void {
  const edges = node[side];
  // Literals for the first two edges: a push onto a one-element array would reserve 17 slots.
  if (edges.length === 0) node[side] = [edge];
  else if (edges.length === 1) node[side] = [edges[0] as EdgeRecord, edge];
  else (edges as EdgeRecord[]).push(edge);
}

/**
 * Edge lists are never written after they are made and never leave the IR, so they are not frozen
 * (V8 copies frozen arrays slowly); node and edge records are.
 */
export const EMPTY_EDGES: readonly EdgeRecord[] = [];

/** A frozen node record. */
export function makeNode(
  id: number,
  name: string,
  operation: Operation,
  label: string | undefined,
  pythonName: string | undefined,
  inEdges: readonly EdgeRecord[],
  outEdges: readonly EdgeRecord[],
): NodeRecord {
  // A literal with a fixed shape: freezing it is cheap, unlike freezing a spread copy.
  return Object.freeze({ id, name, operation, label, pythonName, inEdges, outEdges });
}

/** Appends `edge` to the list of `id` in `lists`. */
function pushEdge(lists: Map<number, EdgeRecord[]>, id: number, edge: EdgeRecord): void {
  const list = lists.get(id);
  if (list === undefined) lists.set(id, [edge]);
  else list.push(edge);
}

/** `edges` after `more` (when there are any), in a new array. */
function appended(edges: readonly EdgeRecord[], more: EdgeRecord[] | undefined): readonly EdgeRecord[] {
  if (more === undefined) return edges;
  return edges.length === 0 ? more : [...edges, ...more];
}

/**
 * Writes a graph's staged nodes into its maps and appends its pending edges to the edge lists of
 * their nodes, in the order they were added.
 */
export function settle(g: WorkingGraph): void {
  if (g.pendingEdges.length === 0 && g.stagedNodes.size === 0) return;
  // Pending edges join nodes already in the maps (a staged end has its edges in its lists).
  const ins = new Map<number, EdgeRecord[]>();
  const outs = new Map<number, EdgeRecord[]>();
  for (const e of g.pendingEdges) {
    if (!g.stagedNodes.has(e.head)) pushEdge(outs, e.head, e);
    if (!g.stagedNodes.has(e.tail)) pushEdge(ins, e.tail, e);
  }
  g.pendingEdges = [];
  const settle1 = (id: number) => {
    const r = g.nodes.get(id) as NodeRecord;
    g.nodes = g.nodes.set(withEdges(r, appended(r.inEdges, ins.get(id)), appended(r.outEdges, outs.get(id))));
  };
  for (const id of outs.keys()) settle1(id);
  for (const id of ins.keys()) if (!outs.has(id)) settle1(id);
  // Staged ids are fresh, above all others, and staged in id order: one bulk append.
  const staged: NodeRecord[] = g.stagedNodes.values();
  for (let i = 0; i < staged.length; i++) Object.freeze(staged[i]);
  g.nodes = g.nodes.appendSorted(staged);
  g.names = withStagedNames(g.names, g.stagedNames);
  g.stagedNodes = new StagedNodes();
  g.stagedNames = new Map();
}

/**
 * `names` with the staged names added. When there are many more staged names than indexed ones (a
 * load: only the pseudo-nodes are indexed), the staged map itself becomes the index's native base.
 */
function withStagedNames(names: NameIndex, staged: Map<string, number>): NameIndex {
  if (staged.size > 4 * names.size + 16) {
    names.forEach((id, name) => staged.set(name, id));
    return NameIndex.adopting(staged).asMutable();
  }
  for (const [name, id] of staged) names = names.set(name, id);
  return names;
}

/** The frozen graph record of a working graph, settled first. */
export function makeGraph(g: WorkingGraph): GraphRecord {
  settle(g);
  return graphRecord(g.name, g.inputNames, g.outputNames, g.inputId, g.outputId, g.nodes.asImmutable(), g.names.asImmutable(), g.edgeCount);
}

/** `g` with another node table holding the same ids (a node's fields changed, not its edges or name). */
export function graphWithNodes(g: GraphRecord, nodes: NodeTable): GraphRecord {
  return graphRecord(g.name, g.inputNames, g.outputNames, g.inputId, g.outputId, nodes, g.names, g.edgeCount);
}

/** A frozen graph record, always built by this one literal, so that every record has one shape. */
function graphRecord(
  name: string,
  inputNames: readonly string[] | null,
  outputNames: readonly string[] | null,
  inputId: number,
  outputId: number,
  nodes: NodeTable,
  names: NameIndex,
  edgeCount: number,
): GraphRecord {
  return Object.freeze({ name, inputNames, outputNames, inputId, outputId, nodes, names, edgeCount });
}

/** `r` with another operation. */
export function withOperation(r: NodeRecord, operation: Operation): NodeRecord {
  return makeNode(r.id, r.name, operation, r.label, r.pythonName, r.inEdges, r.outEdges);
}

/** `r` with other edge lists. */
export function withEdges(r: NodeRecord, inEdges: readonly EdgeRecord[], outEdges: readonly EdgeRecord[]): NodeRecord {
  return makeNode(r.id, r.name, r.operation, r.label, r.pythonName, inEdges, outEdges);
}
