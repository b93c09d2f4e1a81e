/**
 * A NAS trial's architecture (its `model` parameter, an IR JSON document: graphs by name, each with
 * nodes and edges) as one drawable graph: nodes are operations, edges are data flow, and a node
 * whose operation is a cell (`_cell`) is expanded in place into a cluster holding the cell's graph.
 * Names are read with `Object.entries` and kept in `Map`s, so a node called `__proto__` or
 * `constructor` is an ordinary node.
 */

/** What a drawn node stands for. */
export type ArchNodeKind = 'operation' | 'input' | 'output' | 'cell';

/** One drawn node. */
export interface ArchNode {
  /** Unique in the drawing: the JSON text of the node's path of names from the root graph. */
  readonly id: string;
  /** The node's name in its graph (`_inputs`/`_outputs` for the pseudo-nodes). */
  readonly name: string;
  readonly kind: ArchNodeKind;
  /** The operation's type (`cell` nodes: `_cell`). */
  readonly type: string;
  readonly parameters: unknown;
  /** The node's label in the IR, if any. */
  readonly label: string | undefined;
  /** The cluster the node is drawn in, or `null` at the top. */
  readonly parent: string | null;
  /** Why a cell node was not expanded (a missing, recursive or too large cell). */
  readonly note?: string;
}

/** An expanded cell: a box around the nodes of the cell's graph. */
export interface ArchCluster {
  readonly id: string;
  /** The cell node's name. */
  readonly name: string;
  /** The graph the cell refers to. */
  readonly cellName: string;
  readonly parent: string | null;
}

/** A data-flow edge between two drawn nodes. */
export interface ArchEdge {
  readonly from: string;
  readonly to: string;
}

/** A whole architecture, ready for layout. */
export interface ArchGraph {
  readonly root: string;
  readonly nodes: readonly ArchNode[];
  readonly clusters: readonly ArchCluster[];
  readonly edges: readonly ArchEdge[];
}

/** Limits of `irToGraph`. */
export interface IrGraphOptions {
  /** Cells are no longer expanded once the drawing holds this many nodes (default 2000). */
  readonly maxNodes?: number;
}

/** The name of the root graph in the IR JSON. */
export const ROOT_GRAPH = '_model';
const INPUTS = '_inputs';
const OUTPUTS = '_outputs';
const CELL = '_cell';

interface GraphDoc {
  readonly nodes: ReadonlyMap<string, Record<string, unknown>>;
  readonly edges: readonly { head: string; tail: string }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (value: Record<string, unknown>, key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);

/** The name at the head or tail of an IR edge (`[name, slot]`), or `undefined` when malformed. */
function endpointName(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

function readGraph(value: unknown): GraphDoc | undefined {
  if (!isRecord(value)) return undefined;
  const nodes = own(value, 'nodes');
  const edges = own(value, 'edges');
  if (!isRecord(nodes) || !Array.isArray(edges)) return undefined;
  const nodeMap = new Map<string, Record<string, unknown>>();
  for (const [name, node] of Object.entries(nodes)) nodeMap.set(name, isRecord(node) ? node : {});
  const edgeList: { head: string; tail: string }[] = [];
  for (const edge of edges) {
    if (!isRecord(edge)) continue;
    const head = endpointName(own(edge, 'head'));
    const tail = endpointName(own(edge, 'tail'));
    if (head !== undefined && tail !== undefined) edgeList.push({ head, tail });
  }
  return { nodes: nodeMap, edges: edgeList };
}

/**
 * The graphs of an IR JSON document by name (keys that do not hold a graph, such as `_evaluator`,
 * are left out). A document given as JSON text is parsed first. `undefined` when it holds no graph.
 */
export function readIrGraphs(ir: unknown): ReadonlyMap<string, GraphDoc> | undefined {
  let doc = ir;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isRecord(doc)) return undefined;
  const graphs = new Map<string, GraphDoc>();
  for (const [name, value] of Object.entries(doc)) {
    const graph = readGraph(value);
    if (graph !== undefined) graphs.set(name, graph);
  }
  return graphs.size > 0 ? graphs : undefined;
}

/** The IR JSON a trial's parameters hold under `model`, or `undefined` when it is not a NAS trial. */
export function modelIrOf(trialParameters: Readonly<Record<string, unknown>> | null | undefined): unknown {
  if (!isRecord(trialParameters)) return undefined;
  const model = own(trialParameters, 'model');
  return readIrGraphs(model) === undefined ? undefined : model;
}

/**
 * The drawable graph of an IR JSON document, starting at `_model` (or the first graph when there is
 * none). Edges whose ends name no node are dropped.
 *
 * @example
 * ```ts
 * irToGraph({ _model: { inputs: ['x'], outputs: null, nodes: { fc: { operation: { type: 'Linear', parameters: {} } } },
 *   edges: [{ head: ['_inputs', 0], tail: ['fc', null] }] } }).edges.length // 1
 * ```
 */
export function irToGraph(ir: unknown, options: IrGraphOptions = {}): ArchGraph | undefined {
  const graphs = readIrGraphs(ir);
  if (graphs === undefined) return undefined;
  const root = graphs.has(ROOT_GRAPH) ? ROOT_GRAPH : [...graphs.keys()][0]!;
  const maxNodes = options.maxNodes ?? 2000;
  const nodes: ArchNode[] = [];
  const clusters: ArchCluster[] = [];
  const edges: ArchEdge[] = [];

  /** Adds `graphName`'s nodes under `path`; answers the ids its `_inputs` and `_outputs` got. */
  const expand = (graphName: string, path: readonly string[], parent: string | null, ancestors: ReadonlySet<string>): { inputs: string; outputs: string } => {
    const graph = graphs.get(graphName)!;
    const idOf = (name: string) => JSON.stringify([...path, name]);
    // Where an edge enters (`tail`) or leaves (`head`) each node: an expanded cell's own _inputs/_outputs.
    const entry = new Map<string, string>();
    const exit = new Map<string, string>();
    const isTop = parent === null;
    const used = new Set(graph.edges.flatMap((e) => [e.head, e.tail]));
    for (const [pseudo, kind] of [[INPUTS, 'input'], [OUTPUTS, 'output']] as const) {
      if (!isTop || used.has(pseudo)) {
        nodes.push({ id: idOf(pseudo), name: pseudo, kind, type: kind, parameters: {}, label: undefined, parent });
        entry.set(pseudo, idOf(pseudo));
        exit.set(pseudo, idOf(pseudo));
      }
    }
    for (const [name, node] of graph.nodes) {
      if (name === INPUTS || name === OUTPUTS) continue;
      const operation = own(node, 'operation');
      const op = isRecord(operation) ? operation : {};
      const type = typeof own(op, 'type') === 'string' ? (own(op, 'type') as string) : '?';
      const label = typeof own(node, 'label') === 'string' ? (own(node, 'label') as string) : undefined;
      const parameters = own(op, 'parameters') ?? {};
      const cellName = own(op, 'cell_name');
      const id = idOf(name);
      if (type === CELL && typeof cellName === 'string') {
        const note = !graphs.has(cellName)
          ? `cell graph "${cellName}" is missing`
          : ancestors.has(cellName)
            ? `cell "${cellName}" contains itself`
            : nodes.length >= maxNodes
              ? 'not expanded: the drawing is already large'
              : undefined;
        if (note === undefined) {
          clusters.push({ id, name, cellName, parent });
          const inner = expand(cellName, [...path, name], id, new Set([...ancestors, cellName]));
          entry.set(name, inner.inputs);
          exit.set(name, inner.outputs);
          continue;
        }
        nodes.push({ id, name, kind: 'cell', type, parameters, label, parent, note });
      } else {
        nodes.push({ id, name, kind: 'operation', type, parameters, label, parent });
      }
      entry.set(name, id);
      exit.set(name, id);
    }
    for (const edge of graph.edges) {
      const from = exit.get(edge.head);
      const to = entry.get(edge.tail);
      if (from !== undefined && to !== undefined) edges.push({ from, to });
    }
    return { inputs: idOf(INPUTS), outputs: idOf(OUTPUTS) };
  };

  expand(root, [root], null, new Set([root]));
  return { root, nodes, clusters, edges };
}
