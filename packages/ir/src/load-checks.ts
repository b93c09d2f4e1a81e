/**
 * What `loadModel` checks of the model its bulk editor built, in one sweep. The editor has already
 * checked, node by node and edge by edge, everything a document can get wrong except what only the
 * whole graph shows: input slots fed twice (or a `null` tail slot among several inputs), cycles, and
 * cells that name the root graph or contain themselves. The sweep checks those in the order `lint`
 * does, so a document breaking several invariants gets the finding `lint` would report first; the
 * rest of `lint` holds by construction (fresh ids in order, frozen records, edges listed on both
 * ends, a name index built with the nodes). Internal to the IR.
 */
import { GraphError } from './errors.js';
import { kahnOrder } from './graph-algorithms.js';
import { checkCellRecursion, cycleFinding, inputSlotProblem, rootCellFinding } from './lint.js';
import { ROOT_GRAPH, type GraphRecord, type ModelRecord, type NodeRecord } from './records.js';

/**
 * Throws a `GraphError` naming the first problem `lint` would find in `record`, a record a bulk
 * editor built from an empty model; returns when there is none. Only the graphs in `mayHaveCycles`
 * (those the editor gave an edge that does not climb, `descendingEdgeGraphs`) are searched for cycles.
 */
export function checkLoadedRecord(record: ModelRecord, mayHaveCycles: ReadonlySet<string>): void {
  for (const g of record.graphs) {
    // The node table read once, in its (id) order.
    const nodes = g.nodes.values();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeRecord;
      if (node.operation.cellName === ROOT_GRAPH) throw new GraphError(rootCellFinding(g, node));
      if (node.inEdges.length > 1) {
        const problem = inputSlotProblem(g, node);
        if (problem !== undefined) throw new GraphError(problem);
      }
    }
    // Where every edge climbs to a higher id (or enters `_outputs`, which no edge leaves), ids rise
    // along every path, so there is no cycle and no need for Kahn's pass.
    if (mayHaveCycles.has(g.name)) {
      const leftover = leftoverOfKahn(g, nodes);
      if (leftover.length > 0) throw new GraphError(cycleFinding(g, leftover));
    }
  }
  checkCellRecursion(record);
}

/**
 * The ids Kahn's order leaves out (`kahnOrder(g).leftover`: empty when the graph is acyclic), from
 * its nodes in id order. A loaded graph's ids are mostly one run of fresh ids, so the in-degrees
 * live in an array indexed from the lowest id; ids spread wider than that fall back to `kahnOrder`.
 */
function leftoverOfKahn(g: GraphRecord, nodes: readonly NodeRecord[]): number[] {
  const lowest = (nodes[0] as NodeRecord).id;
  const span = (nodes[nodes.length - 1] as NodeRecord).id - lowest + 1;
  if (span > 2 * nodes.length + 64) {
    const byId = new Map<number, NodeRecord>();
    for (const node of nodes) byId.set(node.id, node);
    return kahnOrder(g, byId).leftover;
  }
  const byOffset: (NodeRecord | undefined)[] = new Array<NodeRecord | undefined>(span);
  const fanIn = new Int32Array(span);
  for (const node of nodes) {
    byOffset[node.id - lowest] = node;
    fanIn[node.id - lowest] = node.inEdges.length;
  }
  // Kahn's queue, seeded as `kahnOrder` seeds it: the pseudo-nodes first, then the rest in id order.
  const queue: number[] = [];
  for (const id of [g.inputId, g.outputId]) if (fanIn[id - lowest] === 0) queue.push(id);
  for (const node of nodes) if (node.inEdges.length === 0 && node.id !== g.inputId && node.id !== g.outputId) queue.push(node.id);
  for (let head = 0; head < queue.length; head++) {
    for (const edge of (byOffset[(queue[head] as number) - lowest] as NodeRecord).outEdges) {
      const at = edge.tail - lowest;
      const left = (fanIn[at] as number) - 1;
      fanIn[at] = left;
      if (left === 0) queue.push(edge.tail);
    }
  }
  if (queue.length === nodes.length) return [];
  const order = [g.inputId, g.outputId];
  for (const node of nodes) if (node.id !== g.inputId && node.id !== g.outputId) order.push(node.id);
  return order.filter((id) => (fanIn[id - lowest] as number) > 0);
}
