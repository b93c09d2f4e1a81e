/** Cuts every repeat chain with this label after the chosen depth, as the reference's RepeatMutator does. */
import type { Model } from '@archspace/ir';
import { type Repeat, repeatBlockName, type RepeatCellParameters } from '../nn/repeat.js';
import { DecisionMutator } from './decision-mutator.js';

/** The mutator of a Repeat depth label. */
export class RepeatMutator extends DecisionMutator {
  constructor(readonly repeat: Repeat) {
    super(repeat);
  }

  override mutate(model: Model): Model {
    const depth = this.decide() as number;
    const chains = model
      .getNodesByLabel(this.label)
      .filter((node) => node.operation.isCell && (node.operation.parameters as Partial<RepeatCellParameters>).mutation === 'repeat');
    return model.edit((editor) => {
      for (const chain of chains) {
        const graphName = chain.operation.cellName!;
        const graph = model.graph(graphName)!;
        const maxDepth = (chain.operation.parameters as unknown as RepeatCellParameters).maxDepth;
        for (let i = depth; i < maxDepth; i++) editor.removeNode(graph.getNodeByName(repeatBlockName(i))!, { removeEdges: true });
        const last = depth === 0 ? editor.inputNode(graphName) : graph.getNodeByName(repeatBlockName(depth - 1))!;
        const slot = depth === 0 ? 0 : null;
        if (depth < maxDepth) editor.addEdge([last, slot], [editor.outputNode(graphName), 0]);
      }
    });
  }
}
