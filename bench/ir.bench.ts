/**
 * The IR's speed goals: forking a 10,000-node model and changing one node must cost microseconds
 * (structural sharing, not a copy), and dumping or loading such a model must stay in milliseconds.
 */
import { dumpModel, FixedSampler, loadModel, Model, Mutator, Operation, type ModelIr } from '@archspace/ir';
import { measureTime } from './harness.js';

const NODES = 10_000;

/** A 10,000-node model: a chain of linear layers with a skip connection every ten nodes. */
function bigModel(): Model {
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

/** Picks the width of one layer: a one-choice mutator, as a strategy applies it per trial. */
class WidthMutator extends Mutator {
  target = 0;
  mutate(model: Model): Model {
    const width = this.choice([32, 64, 128]);
    const node = model.rootGraph.getNodeByName(`layer${this.target}`)!;
    return model.updateOperation(node, (op) => {
      op.parameters['out_features'] = width;
    });
  }
}

export default async function (): Promise<void> {
  const base = bigModel().lint().withStatus('frozen');
  const nodes = base.rootGraph.hiddenNodes;
  const wider = Operation.new('Linear', { in_features: 64, out_features: 128, bias: true });
  let i = 0;
  await measureTime(
    'fork + change one node of a 10,000-node model',
    () => base.fork().updateOperation(nodes[(i = (i + 7919) % NODES)]!, wider),
    { bound: '≤', value: 10, unit: 'µs', reference: 'O(n): deep copy of the graph' },
    { batch: 100 },
  );
  await measureTime(
    'fork + edit one parameter through a draft (10,000 nodes)',
    () =>
      base.fork().updateOperation(nodes[(i = (i + 7919) % NODES)]!, (op) => {
        op.parameters['out_features'] = 32;
      }),
    { bound: '≤', value: 20, unit: 'µs' },
    { batch: 100 },
  );
  const mutator = new WidthMutator('width').bindSampler(new FixedSampler({ width: [128] }));
  await measureTime(
    'Mutator.apply (one choice) on a 10,000-node model',
    () => {
      mutator.target = (mutator.target + 7919) % NODES;
      return mutator.apply(base);
    },
    { bound: '≤', value: 30, unit: 'µs' },
    { batch: 100 },
  );
  await measureTime('dumpModel of a 10,000-node model', () => dumpModel(base), { bound: '≤', value: 20, unit: 'ms' });
  const document: ModelIr = JSON.parse(JSON.stringify(dumpModel(base))) as ModelIr;
  await measureTime('loadModel of a 10,000-node model (checked and linted)', () => loadModel(document), {
    bound: '≤',
    value: 100,
    unit: 'ms',
  });
}
