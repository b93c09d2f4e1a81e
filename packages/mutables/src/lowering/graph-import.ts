/** Copies a recorded graph (the JSON IR shape a trace produces) into a model being edited. */
import { type ModelEditor, type NodeHandle, Operation } from '@archspace/ir';

/** One graph in the JSON IR shape, as `graphRecordToJson` writes it. */
export interface GraphJson {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly nodes: Readonly<Record<string, { operation: { type: string; parameters: Record<string, unknown>; attributes?: Record<string, unknown>; cell_name?: string }; label?: string; python_name?: string }>>;
  readonly edges: readonly { head: readonly [string, number | null]; tail: readonly [string, number | null] }[];
}

/** Adds graph `name` with the nodes and edges of `graph`; `_cell` references go through `rename`. */
export function importGraph(editor: ModelEditor, name: string, graph: GraphJson, rename: (cellName: string) => string = (n) => n): void {
  editor.addGraph(name, { inputs: graph.inputs, outputs: graph.outputs });
  const handles = new Map<string, NodeHandle>([
    ['_inputs', editor.inputNode(name)],
    ['_outputs', editor.outputNode(name)],
  ]);
  for (const [nodeName, node] of Object.entries(graph.nodes)) {
    const { type, parameters, attributes, cell_name: cellName } = node.operation;
    const operation = Operation.new(type, parameters, {
      ...(attributes !== undefined ? { attributes } : {}),
      ...(cellName !== undefined ? { cellName: rename(cellName) } : {}),
    });
    handles.set(
      nodeName,
      editor.addNode(name, nodeName, operation, {
        ...(node.label !== undefined ? { label: node.label } : {}),
        ...(node.python_name !== undefined ? { pythonName: node.python_name } : {}),
      }),
    );
  }
  for (const edge of graph.edges) editor.addEdge([handles.get(edge.head[0])!, edge.head[1]], [handles.get(edge.tail[0])!, edge.tail[1]]);
}
