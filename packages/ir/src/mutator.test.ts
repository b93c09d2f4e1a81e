import { describe, expect, it } from 'vitest';
import { ArchspaceError, DuplicationError, InvalidMutation, SampleMissingError } from './errors.js';
import { dumpModel } from './ir-json.js';
import { Model } from './model.js';
import { applyMutators, dryRunMutators } from './mutator-sequence.js';
import { Mutator } from './mutator.js';
import { Operation } from './operation.js';
import { FirstCandidateSampler, FixedSampler, type Sampler } from './sampler.js';

/** x -> conv1 -> conv2 -> y, both convs labelled "kernel". */
function base(): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
    const c1 = e.addNode('_model', 'conv1', Operation.new('Conv2d', { kernel_size: 3 }), { label: 'kernel' });
    const c2 = e.addNode('_model', 'conv2', Operation.new('Conv2d', { kernel_size: 3 }), { label: 'kernel' });
    e.addEdge([e.inputNode('_model'), 0], [c1, null]);
    e.addEdge([c1, null], [c2, null]);
    e.addEdge([c2, null], [e.outputNode('_model'), 0]);
  });
}

/** Chooses a kernel size for every node carrying its label. */
class KernelMutator extends Mutator {
  mutate(model: Model): Model {
    let m = model;
    for (const node of model.getNodesByLabel(this.label)) {
      const k = this.choice([3, 5, 7]);
      m = m.updateOperation(node, (op) => {
        op.parameters['kernel_size'] = k;
      });
    }
    return m;
  }
}

/** Optionally puts a ReLU after conv1. */
class ActivationMutator extends Mutator {
  mutate(model: Model): Model {
    const op = this.choice([null, Operation.new('ReLU'), Operation.new('GELU')]);
    if (op === null) return model;
    const edge = model.getNodeByName('conv1')!.outgoingEdges[0]!;
    return model.insertNodeOnEdge(edge, 'act', op);
  }
}

const kernels = (m: Model) => m.getNodesByLabel('kernel').map((n) => n.operation.parameters['kernel_size']);

describe('Mutator', () => {
  it('apply forks, asks the sampler, records history and freezes; the input is untouched', () => {
    const model = base();
    const before = JSON.stringify(dumpModel(model));
    const calls: string[] = [];
    const sampler: Sampler = {
      choice: (candidates, mutator, m, index) => {
        calls.push(`${mutator.label}#${index} of ${candidates.length} on ${m.status}`);
        return candidates[index + 1];
      },
      mutationStart: (mutator, m) => void calls.push(`start ${mutator.label} ${m.status}`),
      mutationEnd: (mutator) => void calls.push(`end ${mutator.label}`),
    };
    const out = new KernelMutator('kernel').bindSampler(sampler).apply(model);
    expect(kernels(out)).toEqual([5, 7]);
    expect(out.status).toBe('frozen');
    expect(out.history.map(({ mutator, samples }) => ({ mutator, samples }))).toEqual([{ mutator: 'kernel', samples: [5, 7] }]);
    expect(out.history[0]!.from).toBe(model);
    expect(Object.isFrozen(out.history[0])).toBe(true);
    expect(Object.isFrozen(out.history[0]!.samples)).toBe(true);
    expect(calls).toEqual(['start kernel mutating', 'kernel#0 of 3 on mutating', 'kernel#1 of 3 on mutating', 'end kernel']);
    expect(JSON.stringify(dumpModel(model))).toBe(before);
    expect(model.status).toBe('mutating');
    expect(model.history).toEqual([]);
  });

  it('chains: each apply forks the frozen model and appends to its history', () => {
    const m1 = new KernelMutator('kernel').bindSampler(new FixedSampler({ kernel: [7, 3] })).apply(base());
    const m2 = new ActivationMutator('act').bindSampler(new FirstCandidateSampler()).apply(m1);
    const m3 = new ActivationMutator('act').bindSampler(new FixedSampler({ act: [Operation.new('GELU')] })).apply(m1);
    expect(m2.history.map((h) => h.mutator)).toEqual(['kernel', 'act']);
    expect(m2.history[1]!.samples).toEqual([null]);
    expect(m2.getNodeByName('act')).toBeUndefined();
    expect(m3.getNodeByName('act')!.operation.type).toBe('GELU');
    expect(m3.rootGraph.topologicalOrder().map((n) => n.name)).toEqual(['_inputs', 'conv1', 'act', 'conv2', '_outputs']);
    expect(m1.history).toHaveLength(1);
    // Each entry names the model it was applied to: the base first, then m1.
    expect(m2.history[0]!.from).toBe(m1.history[0]!.from);
    expect(m2.history[1]!.from).toBe(m1);
    expect(m3.history[0]).toBe(m1.history[0]);
    m3.lint();
  });

  it('returns the candidate itself when the sampler answers with an equal copy', () => {
    const gelu = Operation.new('GELU');
    class Pick extends Mutator {
      seen: unknown;
      mutate(model: Model): Model {
        this.seen = this.choice([Operation.new('ReLU'), gelu, { a: [1] }]);
        return model;
      }
    }
    const p = new Pick('p').bindSampler(new FixedSampler({ p: [Operation.new('GELU')] }));
    p.apply(base());
    expect(p.seen).toBe(gelu);
    const candidate = { a: [1] };
    class PickPlain extends Mutator {
      seen: unknown;
      mutate(model: Model): Model {
        this.seen = this.choice([1, candidate]);
        return model;
      }
    }
    const q = new PickPlain('q').bindSampler(new FixedSampler({ q: [{ a: [1] }] }));
    const out = q.apply(base());
    expect(q.seen).toBe(candidate);
    // History keeps a frozen copy; the caller's candidate stays unfrozen.
    expect(out.history[0]!.samples[0]).toEqual(candidate);
    expect(Object.isFrozen(out.history[0]!.samples[0])).toBe(true);
    expect(Object.isFrozen(candidate)).toBe(false);
  });

  it('refuses answers that are not candidates, empty candidate lists and missing samples', () => {
    const bad = new KernelMutator('kernel').bindSampler({ choice: () => 4 });
    const error = (() => {
      try {
        bad.apply(base());
      } catch (e) {
        return e as InvalidMutation;
      }
      throw new Error('accepted 4');
    })();
    expect(error).toBeInstanceOf(InvalidMutation);
    expect(error.code).toBe('value-not-allowed');
    expect(error.path).toEqual(['kernel', 0]);
    expect(error.message).toContain('[3,5,7]');

    class Empty extends Mutator {
      mutate(model: Model): Model {
        this.choice([]);
        return model;
      }
    }
    expect(() => new Empty('e').bindSampler(new FirstCandidateSampler()).apply(base())).toThrow(/no candidates/);

    const missing = new KernelMutator('kernel').bindSampler(new FixedSampler({ kernel: [5] }));
    expect(() => missing.apply(base())).toThrow(SampleMissingError);
    expect(() => missing.apply(base())).toThrow(/no choice #1 for mutator "kernel"/);
  });

  it('needs a sampler only when it makes a choice, and choice only inside apply', () => {
    expect(() => new KernelMutator('kernel').apply(base())).toThrow(/bindSampler/);
    class NoChoice extends Mutator {
      mutate(model: Model): Model {
        return model.updateLabel(model.getNodeByName('conv1')!, 'x');
      }
    }
    expect(JSON.stringify(new NoChoice('n').apply(base()).history)).toBe('[{"mutator":"n","samples":[]}]');
    class Leaky extends Mutator {
      mutate(model: Model): Model {
        return model;
      }
      ask(): number {
        return this.choice([1]);
      }
    }
    expect(() => new Leaky('l').ask()).toThrow(ArchspaceError);
    expect(() => new Leaky('')).toThrow(/non-empty label/);
  });

  it('a mutate that does not return a model is an error', () => {
    class Broken extends Mutator {
      mutate(): Model {
        return undefined as unknown as Model;
      }
    }
    expect(() => new Broken('b').apply(base())).toThrow(/must return a Model/);
  });

  it('dryRun takes the first candidates and reports every candidate list, leaving the sampler bound', () => {
    const sampler = new FixedSampler({ kernel: [7, 7] });
    const mutator = new KernelMutator('kernel').bindSampler(sampler);
    const { candidates, model } = mutator.dryRun(base());
    expect(candidates).toEqual([
      [3, 5, 7],
      [3, 5, 7],
    ]);
    expect(kernels(model)).toEqual([3, 3]);
    expect(JSON.stringify(model.history)).toBe('[{"mutator":"kernel","samples":[3,3]}]');
    expect(mutator.sampler).toBe(sampler);
    expect(kernels(mutator.apply(base()))).toEqual([7, 7]);
  });
});

describe('applyMutators and dryRunMutators', () => {
  it('dry-runs the search space and replays a sample into a model', () => {
    const mutators = [new KernelMutator('kernel'), new ActivationMutator('act')];
    const { space, model } = dryRunMutators(base(), mutators);
    expect(space.map((c) => [c.mutator, c.index, c.candidates.length])).toEqual([
      ['kernel', 0, 3],
      ['kernel', 1, 3],
      ['act', 0, 3],
    ]);
    expect(model.history.map((h) => h.mutator)).toEqual(['kernel', 'act']);
    const child = applyMutators(base(), mutators, new FixedSampler({ kernel: [5, 7], act: [Operation.new('ReLU')] }));
    expect(kernels(child)).toEqual([5, 7]);
    expect(child.getNodeByName('act')!.operation.type).toBe('ReLU');
    expect(child.status).toBe('frozen');
  });

  it('a fixed sampler made from a history rebuilds the same model', () => {
    const mutators = [new KernelMutator('kernel'), new ActivationMutator('act')];
    const picky: Sampler = { choice: (candidates) => candidates[candidates.length - 1] };
    const original = applyMutators(base(), mutators, picky);
    const replayed = applyMutators(base(), mutators, FixedSampler.fromHistory(original.history));
    expect(replayed.equals(original)).toBe(true);
    expect(JSON.stringify(replayed.history)).toBe(JSON.stringify(original.history));
    expect(() => FixedSampler.fromHistory([...original.history, original.history[0]!])).toThrow(DuplicationError);
  });
});
