/**
 * Connects the chosen candidate of every layer-choice cell with this label and removes the others,
 * as the reference's LayerChoiceMutator does.
 */
import type { Model } from '@archspace/ir';
import { candidateNodeName, type LayerChoiceCellParameters } from '../nn/layer-choice.js';
import type { LayerChoice } from '../nn/layer-choice.js';
import { DecisionMutator } from './decision-mutator.js';

/** The mutator of a LayerChoice label. */
export class LayerChoiceMutator extends DecisionMutator {
  constructor(readonly layerChoice: LayerChoice) {
    super(layerChoice);
  }

  override mutate(model: Model): Model {
    const name = this.decide() as string | number;
    const cells = model
      .getNodesByLabel(this.label)
      .filter((node) => node.operation.isCell && (node.operation.parameters as Partial<LayerChoiceCellParameters>).mutation === 'layerchoice');
    return model.edit((editor) => {
      for (const cell of cells) {
        const graphName = cell.operation.cellName!;
        const graph = model.graph(graphName)!;
        const keepName = candidateNodeName(this.label, name);
        for (const node of graph.hiddenNodes) if (node.name !== keepName) editor.removeNode(node);
        const keep = graph.getNodeByName(keepName)!;
        const inputs = graph.inputNames?.length ?? 0;
        const outputs = graph.outputNames?.length ?? 0;
        for (let i = 0; i < inputs; i++) editor.addEdge([editor.inputNode(graphName), i], [keep, inputs === 1 ? null : i]);
        for (let j = 0; j < outputs; j++) editor.addEdge([keep, outputs === 1 ? null : j], [editor.outputNode(graphName), j]);
      }
    });
  }
}
