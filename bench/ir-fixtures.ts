/**
 * The model and mutator the IR benches time (`ir.bench.ts`) and weigh (`ir-allocation.ts`), built
 * with the IR module they are given, so that the allocation script can weigh an older build too.
 */
import type * as Ir from '@archspace/ir';

/** Nodes of the bench model. */
export const NODES = 10_000;

/** A mutator that picks the width of one layer, as a strategy applies one per trial. */
export interface WidthMutator extends Ir.Mutator {
  /** The index of the layer the next `apply` changes. */
  target: number;
}

/** The bench model and mutator, made with `ir`. */
export function irFixtures(ir: typeof Ir): { bigModel: () => Ir.Model; widthMutator: (label: string) => WidthMutator } {
  const { Model, Mutator, Operation } = ir;

  /** A 10,000-node model: a chain of linear layers with a skip connection every ten nodes. */
  function bigModel(): Ir.Model {
    return Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
      let previous = e.inputNode('_model');
      let slot: number | null = 0;
      const adds = [];
      for (let i = 0; i < NODES; i++) {
        const isAdd = i % 10 === 9;
        const op = isAdd ? Operation.new('aten::add') : Operation.new('Linear', { in_features: 64, out_features: 64, bias: true });
        const node = e.addNode('_model', `layer${i}`, op, { label: `block${Math.floor(i / 10)}`, pythonName: `blocks.${i}` });
        e.addEdge([previous, slot], [node, isAdd ? 0 : null]);
        if (isAdd) {
          const skipFrom = adds.length > 0 ? adds[adds.length - 1]! : e.inputNode('_model');
          e.addEdge([skipFrom, skipFrom.name === '_inputs' ? 0 : null], [node, 1]);
          adds.push(node);
        }
        previous = node;
        slot = null;
      }
      e.addEdge([previous, null], [e.outputNode('_model'), 0]);
    });
  }

  /** Picks the width of layer `target`: a one-choice mutator. */
  class Width extends Mutator implements WidthMutator {
    target = 0;
    mutate(model: Ir.Model): Ir.Model {
      const width = this.choice([32, 64, 128]);
      const node = model.rootGraph.getNodeByName(`layer${this.target}`)!;
      return model.updateOperation(node, (op) => {
        op.parameters['out_features'] = width;
      });
    }
  }

  return { bigModel, widthMutator: (label) => new Width(label) };
}
