/** Turns every `InputChoice` node with this label into a `ChosenInputs` node. */
import { type Model, Operation } from '@archspace/ir';
import { CHOSEN_INPUTS } from '../nn/chosen-inputs.js';
import type { InputChoice } from '../nn/input-choice.js';
import { DecisionMutator } from './decision-mutator.js';

/** The mutator of an InputChoice label. */
export class InputChoiceMutator extends DecisionMutator {
  constructor(readonly inputChoice: InputChoice) {
    super(inputChoice);
  }

  override mutate(model: Model): Model {
    const chosen = this.decide() as number[];
    const nodes = model.getNodesByLabel(this.label).filter((node) => node.operation.type === 'InputChoice');
    return model.edit((editor) => {
      for (const node of nodes) {
        const { reduction } = node.operation.parameters as { reduction: string };
        editor.updateOperation(node, Operation.new(CHOSEN_INPUTS.type, { chosen, reduction }, { attributes: node.operation.attributes }));
      }
    });
  }
}
