/**
 * A model's whole structure as text, read from its records, for property tests that compare models
 * or check that one did not change. Test-only (excluded from the build).
 */
import { modelRecordOf, type Model } from '../model.js';
import type { EdgeRecord, NodeRecord } from '../records.js';

/**
 * Everything a model is, as text, read straight from its records: every graph's node map, name map
 * and each node's own edge lists, and the chain of history entries. Nothing goes through a view, a
 * lookup index or a cached edge list, so an in-place change of the records shows up even where the
 * memoised views would still report the old data.
 */
export function structureOf(model: Model): string {
  const record = modelRecordOf(model);
  const edge = (e: EdgeRecord) => [e.id, e.head, e.headSlot, e.tail, e.tailSlot];
  const node = (n: NodeRecord) => ({
    id: n.id,
    name: n.name,
    operation: [n.operation.type, n.operation.parameters, n.operation.attributes, n.operation.cellName ?? null],
    label: n.label ?? null,
    pythonName: n.pythonName ?? null,
    inEdges: n.inEdges.map(edge),
    outEdges: n.outEdges.map(edge),
  });
  const history: unknown[] = [];
  for (let step = record.parent; step !== undefined; step = modelRecordOf(step.from).parent) history.unshift([step.mutator, step.samples]);
  return JSON.stringify({
    graphs: record.graphs.map((g) => ({
      name: g.name,
      inputs: g.inputNames,
      outputs: g.outputNames,
      io: [g.inputId, g.outputId],
      edgeCount: g.edgeCount,
      nodes: [...g.nodes.entries()].map(([id, n]) => [id, node(n)]),
      names: [...g.names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    })),
    status: record.status,
    history,
    metric: record.metric ?? null,
    intermediate: record.intermediateMetrics,
    evaluator: record.evaluator ?? null,
    next: [record.nextNodeId, record.nextEdgeId],
  });
}
