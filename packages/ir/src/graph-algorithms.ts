/**
 * Whole-graph algorithms over graph records: topological order, cycle finding, reachability.
 *
 * They are iterative on purpose. `@dagrejs/graphlib` 4's `alg.topsort`, `alg.isAcyclic` and
 * `alg.findCycles` recurse once per node and overflow the call stack on a chain of about 5,000
 * nodes, which real traced networks reach; graphlib stays available through `toGraphlib` and checks
 * these functions in the tests. Internal to the IR.
 */
import type { NodeTable } from './node-table.js';
import type { NodeRecord } from './records.js';

/** The part of a graph record these algorithms read (an edit's working graph has it too). */
export interface GraphShape {
  readonly nodes: NodeTable;
  readonly inputId: number;
  readonly outputId: number;
}

/** Node ids in the order the reference lists a graph's nodes: input, output, then hidden by id. */
export function nodeIdsInListOrder(graph: GraphShape): number[] {
  const ids = [graph.inputId, graph.outputId];
  graph.nodes.forEach((node) => {
    if (node.id !== graph.inputId && node.id !== graph.outputId) ids.push(node.id);
  });
  return ids;
}

/**
 * Kahn's algorithm with a FIFO queue, counting every edge (two edges between the same nodes count
 * twice), like the reference's `topo_sort`. Returns the ids in order, and the ids left over when the
 * graph has a cycle (empty otherwise). `index`, when given, is the graph's node map as a native map
 * (in its order), which the caller has already built.
 */
export function kahnOrder(graph: GraphShape, index?: ReadonlyMap<number, NodeRecord>): { order: number[]; leftover: number[] } {
  // One pass over the node map into a native index: the loops below look every node up again.
  const byId = index ?? nodeIndex(graph);
  const all = [graph.inputId, graph.outputId];
  for (const id of byId.keys()) if (id !== graph.inputId && id !== graph.outputId) all.push(id);
  const fanIn = new Map<number, number>();
  const queue: number[] = [];
  for (const id of all) {
    const node = byId.get(id);
    if (node === undefined) continue;
    fanIn.set(id, node.inEdges.length);
    if (node.inEdges.length === 0) queue.push(id);
  }
  const order: number[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as number;
    order.push(id);
    const node = byId.get(id) as NodeRecord;
    for (const edge of node.outEdges) {
      const left = (fanIn.get(edge.tail) ?? 0) - 1;
      fanIn.set(edge.tail, left);
      if (left === 0) queue.push(edge.tail);
    }
  }
  const leftover = order.length === fanIn.size ? [] : all.filter((id) => (fanIn.get(id) ?? 0) > 0);
  return { order, leftover };
}

/** The graph's node map as a native map, in its order. */
function nodeIndex(graph: GraphShape): Map<number, NodeRecord> {
  const byId = new Map<number, NodeRecord>();
  graph.nodes.forEach((node) => {
    byId.set(node.id, node);
  });
  return byId;
}

/**
 * One cycle of the graph as node ids (`[a, b, c]` means a → b → c → a), searched among `candidates`;
 * `undefined` when there is none.
 */
export function findCycle(graph: GraphShape, candidates: readonly number[]): number[] | undefined {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<number, number>();
  for (const start of candidates) {
    if ((color.get(start) ?? WHITE) !== WHITE) continue;
    // Each frame: node id and the index of the next outgoing edge to follow.
    const stack: [number, number][] = [[start, 0]];
    color.set(start, GREY);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [number, number];
      const node = graph.nodes.get(frame[0]);
      const edges = node?.outEdges ?? [];
      if (frame[1] >= edges.length) {
        color.set(frame[0], BLACK);
        stack.pop();
        continue;
      }
      const next = (edges[frame[1]++] as { tail: number }).tail;
      const c = color.get(next) ?? WHITE;
      if (c === GREY) {
        const from = stack.findIndex(([id]) => id === next);
        return stack.slice(from).map(([id]) => id);
      }
      if (c === WHITE) {
        color.set(next, GREY);
        stack.push([next, 0]);
      }
    }
  }
  return undefined;
}

/**
 * A path of node ids from `from` to `to` following edges forward (`[from, ..., to]`), or `undefined`
 * when `to` cannot be reached.
 */
export function findPath(graph: GraphShape, from: number, to: number): number[] | undefined {
  if (from === to) return [from];
  const parent = new Map<number, number>([[from, from]]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const node = graph.nodes.get(id);
    if (node === undefined) continue;
    for (const edge of node.outEdges) {
      if (parent.has(edge.tail)) continue;
      parent.set(edge.tail, id);
      if (edge.tail === to) {
        const path = [to];
        for (let at = id; at !== from; at = parent.get(at) as number) path.push(at);
        path.push(from);
        return path.reverse();
      }
      stack.push(edge.tail);
    }
  }
  return undefined;
}
