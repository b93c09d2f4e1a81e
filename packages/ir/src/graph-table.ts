/**
 * The readable form of graphs and models (torch.fx prints its graphs the same way): one row per node
 * with its id, name, operation type, label, parameters and where each of its inputs comes from.
 */
import { formatEndpoint } from './edge.js';
import type { Graph } from './graph.js';
import type { Model } from './model.js';

const MAX_CELL = 48;

function clip(text: string): string {
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 3)}...`;
}

function ioText(names: readonly string[] | null): string {
  return names === null ? '-' : names.join(', ');
}

/** The table of one graph. Internal; `Graph.toString` calls it. */
export function formatGraphTable(graph: Graph): string {
  const header = ['id', 'name', 'type', 'label', 'parameters', 'inputs'];
  // Topological order reads best; a corrupted (cyclic) graph is still printed, in list order.
  const order = graph.isAcyclic() ? graph.topologicalOrder() : graph.nodes;
  const rows = order.map((node) => {
    const inputs = [...node.incomingEdges]
      .sort((a, b) => (a.tailSlot ?? 0) - (b.tailSlot ?? 0) || a.id - b.id)
      .map((e) => {
        const from = formatEndpoint(e.head.name, e.headSlot);
        return e.tailSlot === null ? from : `${e.tailSlot === -1 ? '*' : e.tailSlot}=${from}`;
      })
      .join(', ');
    const op = node.operation;
    const params = Object.keys(op.parameters).length === 0 ? '' : JSON.stringify(op.parameters);
    const cell = op.cellName !== undefined ? `cell=${op.cellName}${params ? ' ' : ''}` : '';
    return [String(node.id), node.name, op.type, node.label ?? '', clip(cell + params), inputs];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const title =
    `graph ${graph.name} (inputs: ${ioText(graph.inputNames)}; outputs: ${ioText(graph.outputNames)}; ` +
    `${graph.nodeCount} nodes, ${graph.edgeCount} edges)`;
  return [title, `  ${line(header)}`, ...rows.map((r) => `  ${line(r)}`)].join('\n');
}

/** A summary line and the table of every graph. Internal; `Model.toString` calls it. */
export function formatModel(model: Model): string {
  const parts = [`Model(status=${model.status}`];
  if (model.history.length > 0) parts.push(`history=[${model.history.map((m) => m.mutator).join(', ')}]`);
  if (model.metric !== undefined) parts.push(`metric=${JSON.stringify(model.metric)}`);
  if (model.evaluator !== undefined) parts.push(`evaluator=${clip(JSON.stringify(model.evaluator))}`);
  return [`${parts.join(', ')})`, ...model.graphs.map((g) => g.toString())].join('\n');
}
