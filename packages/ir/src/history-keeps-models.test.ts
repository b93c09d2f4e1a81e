import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { dumpModel, loadModel } from './ir-json.js';
import { Model } from './model.js';
import { applyMutators } from './mutator-sequence.js';
import { Mutator } from './mutator.js';
import { Operation } from './operation.js';
import { FixedSampler } from './sampler.js';

/** x -> n0 -> n1 -> ... -> y, every node a `Conv` with `k: 3`. */
function chain(length: number): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
    let previous = e.inputNode('_model');
    let slot: number | null = 0;
    for (let i = 0; i < length; i++) {
      const node = e.addNode('_model', `n${i}`, Operation.new('Conv', { k: 3 }), { label: `n${i}` });
      e.addEdge([previous, slot], [node, null]);
      previous = node;
      slot = null;
    }
    e.addEdge([previous, null], [e.outputNode('_model'), 0]);
  });
}

/** Sets `k` of the node whose label is the mutator's own (or of `target`, when given). */
class KernelOf extends Mutator {
  constructor(
    label: string,
    readonly target: string = label,
  ) {
    super(label);
  }

  mutate(model: Model): Model {
    const k = this.choice([3, 5, 7]);
    return model.updateOperation(model.getNodesByLabel(this.target)[0]!, (op) => {
      op.parameters['k'] = k;
    });
  }
}

/** The names of the hidden nodes whose operations differ between two models. */
function changedNodes(base: Model, model: Model): string[] {
  return model.rootGraph.hiddenNodes.filter((n) => !n.operation.equals(base.getNodeById(n.id)!.operation)).map((n) => n.name);
}

describe('Model.history keeps the models of the chain', () => {
  it('history[0].from is the base and history.at(-1).from the model this one was mutated from', () => {
    const base = chain(4);
    const m1 = new KernelOf('n0').bindSampler(new FixedSampler({ n0: [5] })).apply(base);
    const m2 = new KernelOf('n2').bindSampler(new FixedSampler({ n2: [7] })).apply(m1);
    const m3 = new KernelOf('n3').bindSampler(new FixedSampler({ n3: [5] })).apply(m2);
    expect(m3.history.map((h) => h.mutator)).toEqual(['n0', 'n2', 'n3']);
    expect(m3.history[0]!.from).toBe(base);
    expect(m3.history[1]!.from).toBe(m1);
    expect(m3.history.at(-1)!.from).toBe(m2);
    // Every model of the chain sees the same entries as a prefix.
    m3.history.forEach((step, i) => {
      expect(step.from.history).toHaveLength(i);
      step.from.history.forEach((earlier, j) => expect(earlier).toBe(m3.history[j]));
    });
    expect(base.history).toEqual([]);
  });

  it('a sample can be diffed against its base by walking back', () => {
    const base = chain(6);
    const mutators = ['n1', 'n4', 'n5'].map((label) => new KernelOf(label));
    const child = applyMutators(base, mutators, new FixedSampler({ n1: [5], n4: [3], n5: [7] }));
    // n4 keeps its kernel: the diff against the base names only what changed.
    expect(changedNodes(child.history[0]!.from, child)).toEqual(['n1', 'n5']);
    // Walking back one step at a time undoes one mutation at a time.
    const walk: string[][] = [];
    for (let i = child.history.length - 1; i >= 0; i--) walk.push(changedNodes(base, child.history[i]!.from));
    expect(walk).toEqual([['n1'], ['n1'], []]);
    expect(dumpModel(child.history[0]!.from)).toEqual(dumpModel(base));
  });

  it('a fork and its edits keep the history; the JSON IR leaves it out and replays it from {mutator, samples}', () => {
    const base = chain(3);
    const mutators = [new KernelOf('n0'), new KernelOf('n2')];
    const child = applyMutators(base, mutators, new FixedSampler({ n0: [7], n2: [5] }));
    const fork = child.fork();
    expect(fork.history).toHaveLength(2);
    fork.history.forEach((step, i) => expect(step).toBe(child.history[i]));
    const edited = fork.updateLabel(fork.getNodeByName('n1')!, 'x');
    const frozen = edited.withStatus('frozen');
    for (const model of [edited, frozen]) model.history.forEach((step, i) => expect(step).toBe(child.history[i]));
    expect(frozen.history[0]!.from).toBe(base);

    // The JSON IR holds graphs and the evaluator only, like the reference's.
    const dumped = dumpModel(child);
    expect(Object.keys(dumped)).toEqual(['_model']);
    const loaded = loadModel(JSON.parse(JSON.stringify(dumped)));
    expect(loaded.equals(child)).toBe(true);
    expect(loaded.history).toEqual([]);

    // A history as JSON is its mutators and samples, enough to rebuild the chain from the base.
    const text = JSON.stringify(child.history);
    expect(text).toBe('[{"mutator":"n0","samples":[7]},{"mutator":"n2","samples":[5]}]');
    const rebuilt = applyMutators(loadModel(dumpModel(base)), mutators, FixedSampler.fromHistory(JSON.parse(text)));
    expect(rebuilt.equals(child)).toBe(true);
    expect(JSON.stringify(rebuilt.history)).toBe(text);
  });

  it('10,000 successive mutations of a 1,000-node model keep every model for about 2 KiB each', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const NODES = 1_000;
    const STEPS = 10_000;
    const base = chain(NODES);
    const mutators = Array.from({ length: NODES }, (_, i) => new KernelOf(`step${i}`, `n${i}`));
    gc();
    const before = process.memoryUsage().heapUsed;
    let model = base;
    for (let step = 0; step < STEPS; step++) {
      const mutator = mutators[(step * 7919) % NODES]!;
      model = mutator.bindSampler(new FixedSampler({ [mutator.label]: [[5, 7, 3][step % 3]] })).apply(model);
    }
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    console.log(
      `heap growth for ${STEPS} mutations of a ${NODES}-node model, every model kept: ` +
        `${(growth / 2 ** 20).toFixed(1)} MiB (${(growth / STEPS / 1024).toFixed(2)} KiB per mutation)`,
    );
    const history = model.history;
    expect(history).toHaveLength(STEPS);
    expect(history[0]!.from).toBe(base);
    // Walking back by `from` reaches the base through every model of the chain.
    let steps = 0;
    for (let m = model; m.history.length > 0; m = m.history.at(-1)!.from) steps++;
    expect(steps).toBe(STEPS);
    // Unchanged parts are shared, not copied: n1 is first changed by step 679 (7919 · 679 ≡ 1 mod 1000).
    expect(history[679]!.from.getNodeByName('n1')!.operation).toBe(base.getNodeByName('n1')!.operation);
    expect(history[680]!.from.getNodeByName('n1')!.operation).not.toBe(base.getNodeByName('n1')!.operation);
    // A copy of the 1,000 nodes per step would take hundreds of MiB, a history array per model
    // (10,000 models × up to 10,000 entries) about 400 MiB; the chain of parents takes a few KiB per step.
    expect(growth).toBeLessThan(64 * 2 ** 20);
  });
});
