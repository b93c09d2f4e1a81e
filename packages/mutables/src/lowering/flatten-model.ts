/**
 * Inlines every cell of a model into one list of operations in execution order: the architecture
 * as a compiler (or a comparison) needs it, without sub-graphs or names.
 */
import type { Model, Node } from '@archspace/ir';

/** Where a value comes from: a graph input (`node: -1`, `slot` = input index) or a node's output slot. */
export interface FlatRef {
  readonly node: number;
  readonly slot: number | null;
}

/** One operation of a flattened model. */
export interface FlatNode {
  /** The node's path: cell node names joined by `/`, then its own name. */
  readonly name: string;
  readonly type: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly inputs: readonly FlatRef[];
}

/** A model with every cell inlined. */
export interface FlatModel {
  readonly inputCount: number;
  readonly nodes: readonly FlatNode[];
  readonly outputs: readonly FlatRef[];
}

function sortedIncoming(node: Node) {
  return [...node.incomingEdges].sort((a, b) => (a.tailSlot ?? 0) - (b.tailSlot ?? 0));
}

/**
 * Flattens `model`: cells are replaced by the operations of the graphs they name, recursively;
 * nodes keep the order they were recorded in.
 *
 * @example
 * ```ts
 * flattenModel(applySample(model, mutators, sample)).nodes.map((n) => n.type); // ['Conv2d', 'ReLU', ...]
 * ```
 */
export function flattenModel(model: Model): FlatModel {
  const nodes: FlatNode[] = [];
  const inline = (graphName: string, inputs: readonly FlatRef[], prefix: string): FlatRef[] => {
    const graph = model.graph(graphName);
    if (!graph) throw new Error(`flattenModel: the model has no graph "${graphName}"`);
    const outputsOf = new Map<number, (slot: number | null) => FlatRef>();
    outputsOf.set(graph.inputNode.id, (slot) => inputs[slot ?? 0]!);
    const refOf = (node: Node, slot: number | null): FlatRef => {
      const lookup = outputsOf.get(node.id);
      if (!lookup) throw new Error(`flattenModel: node "${node.name}" of graph "${graphName}" is read before it is computed`);
      return lookup(slot);
    };
    for (const node of graph.hiddenNodes) {
      const ins = sortedIncoming(node).map((edge) => refOf(edge.head, edge.headSlot));
      if (node.operation.isCell) {
        const outs = inline(node.operation.cellName!, ins, `${prefix}${node.name}/`);
        outputsOf.set(node.id, (slot) => outs[slot ?? 0]!);
      } else {
        const index = nodes.length;
        nodes.push({ name: `${prefix}${node.name}`, type: node.operation.type, parameters: node.operation.parameters, inputs: ins });
        outputsOf.set(node.id, (slot) => ({ node: index, slot }));
      }
    }
    return sortedIncoming(graph.outputNode).map((edge) => refOf(edge.head, edge.headSlot));
  };
  const root = model.rootGraph;
  const outputs = inline(root.name, Array.from({ length: root.inputNames?.length ?? 0 }, (_, i) => ({ node: -1, slot: i })), '');
  return { inputCount: root.inputNames?.length ?? 0, nodes, outputs };
}
