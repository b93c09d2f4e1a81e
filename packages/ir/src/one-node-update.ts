/**
 * `Model.updateOperation` without an editor, for the common case: a valid reference to an ordinary
 * node of an existing graph, given an ordinary (non-cell) operation. That is what a mutator does once
 * per trial, and an editor's working copies and commit checks cost about half of it in a fresh
 * process. Every other case, and every refusal, goes through the editor, so errors have one source;
 * this path only writes the one changed node record, through the record builders the editor uses.
 * Internal to the IR.
 */
import { graphPosition } from './graph-names.js';
import type { NodeRef } from './node.js';
import { Operation, type OperationDraft } from './operation.js';
import type { GraphRecord, ModelRecord } from './records.js';
import { withEditedGraphs } from './records.js';
import { graphWithNodes, withOperation } from './working-graph.js';

/**
 * `base` with node `node`'s operation replaced by `operation` (or by its draft edit), as
 * `ModelEditor.updateOperation` followed by a commit makes it; `base` itself when the operation did
 * not change. For the editor to do instead, it returns `undefined`, having run no recipe, when the
 * reference is not a node of a graph of `base` or names a pseudo-node, or when `operation` is not an
 * `Operation`; and the recipe's result when that is a cell (whose target the editor checks).
 */
export function updateOneOperation(
  base: ModelRecord,
  node: NodeRef,
  operation: Operation | ((draft: OperationDraft) => void),
): ModelRecord | Operation | undefined {
  if (node === null || typeof node !== 'object' || typeof node.id !== 'number' || typeof node.graphName !== 'string') return undefined;
  if (typeof operation !== 'function' && !(operation instanceof Operation)) return undefined;
  const graphs = base.graphs;
  const index = graphPosition(graphs, node.graphName);
  if (index === undefined) return undefined;
  const graph = graphs[index] as GraphRecord;
  const record = graph.nodes.get(node.id);
  if (record === undefined || record.id === graph.inputId || record.id === graph.outputId) return undefined;
  const next = typeof operation === 'function' ? record.operation.update(operation) : operation;
  if (next.isCell) return next;
  if (next === record.operation) return base;
  const edited = graphs.slice();
  edited[index] = graphWithNodes(graph, graph.nodes.set(withOperation(record, next)));
  return withEditedGraphs(base, Object.freeze(edited), base.nextNodeId, base.nextEdgeId);
}
