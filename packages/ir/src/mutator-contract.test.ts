/**
 * The contract of `Mutator`, `FixedSampler` and `applyMutators` beyond the happy path: which answers
 * count as a candidate, the errors (code and path) for misuse, and what a sampler reports.
 */
import { describe, expect, it } from 'vitest';
import { ArchspaceError, DuplicationError, InvalidMutation, SampleMissingError } from './errors.js';
import { Model } from './model.js';
import { applyMutators } from './mutator-sequence.js';
import { Mutator } from './mutator.js';
import { Operation } from './operation.js';
import { FixedSampler, type Sampler } from './sampler.js';
import { thrownBy } from './test-support/test-lookups.js';

/** Chooses among `candidates` once and returns the model unchanged. */
class Choose extends Mutator {
  candidates: unknown[] = [1, 2];
  mutate(model: Model): Model {
    this.choice(this.candidates);
    return model;
  }
  /** Calls `choice` from outside `apply`. */
  chooseNow(): unknown {
    return this.choice([1]);
  }
}

const thrown = (fn: () => unknown): ArchspaceError => thrownBy(ArchspaceError, fn);

const answering = (answer: unknown): Sampler => ({ choice: () => answer });

describe('Mutator.choice', () => {
  it('accepts an equal operation or equal plain data, and returns the candidate itself', () => {
    const relu = Operation.new('ReLU');
    const op = new Choose('op', answering(Operation.new('ReLU')));
    op.candidates = [Operation.new('GELU'), relu];
    expect(op.apply(Model.create()).history[0]!.samples[0]).toBe(relu);
    const data = new Choose('data', answering({ k: [1] }));
    const candidate = { k: [1] };
    data.candidates = [candidate];
    expect(data.apply(Model.create()).history[0]!.samples[0]).toEqual({ k: [1] });
  });

  it('refuses a plain object that only looks like an operation candidate', () => {
    const relu = Operation.new('ReLU');
    const m = new Choose('op', answering({ ...relu }));
    m.candidates = [relu];
    const e = thrown(() => m.apply(Model.create()));
    expect(e).toBeInstanceOf(InvalidMutation);
    expect(e.code).toBe('value-not-allowed');
    expect(e.path).toEqual(['op', 0]);
  });

  it('history keeps a frozen copy of a chosen array, and keeps non-JSON data as it is', () => {
    const list = [1, 2];
    const m = new Choose('arr', answering(list));
    m.candidates = [list];
    const sample = m.apply(Model.create()).history[0]!.samples[0];
    expect(sample).toEqual([1, 2]);
    expect(Object.isFrozen(sample)).toBe(true);
    expect(Object.isFrozen(list)).toBe(false);
    const fn = (): number => 1;
    const odd = [fn];
    const n = new Choose('odd', answering(odd));
    n.candidates = [odd];
    expect(n.apply(Model.create()).history[0]!.samples[0]).toBe(odd);
  });

  it('outside apply, without candidates or without a sampler: errors at the label', () => {
    const m = new Choose('k');
    const outside = thrown(() => m.chooseNow());
    expect(outside.code).toBe('choice-outside-apply');
    expect(outside.path).toEqual(['k']);
    const none = new Choose('k', answering(1));
    none.candidates = [];
    const empty = thrown(() => none.apply(Model.create()));
    expect(empty.code).toBe('no-candidates');
    expect(empty.path).toEqual(['k', 0]);
    const unbound = thrown(() => m.apply(Model.create()));
    expect(unbound.code).toBe('no-sampler');
    expect(unbound.path).toEqual(['k']);
  });

  it('a label must be a non-empty string', () => {
    for (const label of [5, '']) {
      const e = thrown(() => new Choose(label as string));
      expect(e.code).toBe('invalid-label');
      expect(e.path).toEqual(['label']);
    }
  });
});

describe('Mutator.apply', () => {
  it('refuses what is not a model, before and after mutate', () => {
    const m = new Choose('k', answering(1));
    const input = thrown(() => m.apply({} as Model));
    expect(input).toBeInstanceOf(InvalidMutation);
    expect(input.code).toBe('not-a-model');
    expect(input.path).toEqual(['k']);
    class Broken extends Mutator {
      mutate(): Model {
        return 'model' as unknown as Model;
      }
    }
    const output = thrown(() => new Broken('b').apply(Model.create()));
    expect(output.code).toBe('not-a-model');
    expect(output.path).toEqual(['b']);
  });

  it('refuses to be applied again from inside its own mutate', () => {
    class Reentrant extends Mutator {
      mutate(model: Model): Model {
        return this.apply(model);
      }
    }
    const e = thrown(() => new Reentrant('r', answering(1)).apply(Model.create()));
    expect(e.code).toBe('reentrant-apply');
    expect(e.path).toEqual(['r']);
    expect(e).not.toBeInstanceOf(InvalidMutation);
  });

  it('applyMutators without a sampler keeps the samplers the mutators have', () => {
    const m = new Choose('k', new FixedSampler({ k: [2] }));
    const child = applyMutators(Model.create(), [m]);
    expect(child.history[0]!.samples).toEqual([2]);
    expect(child.history).toBe(child.history);
  });
});

describe('FixedSampler', () => {
  it('names the mutator and index of a missing sample and how many it records', () => {
    const none = thrown(() => new Choose('k', new FixedSampler({})).apply(Model.create()));
    expect(none).toBeInstanceOf(SampleMissingError);
    expect(none.path).toEqual(['k', 0]);
    expect(none.message).toContain('(it records 0)');
    class Twice extends Mutator {
      mutate(model: Model): Model {
        this.choice([1, 2]);
        this.choice([3, 4]);
        return model;
      }
    }
    const short = thrown(() => new Twice('t', new FixedSampler({ t: [1] })).apply(Model.create()));
    expect(short.path).toEqual(['t', 1]);
    expect(short.message).toContain('no choice #1 for mutator "t" (it records 1)');
  });

  it('fromHistory refuses two entries with one label, at that label', () => {
    const e = thrown(() => FixedSampler.fromHistory([{ mutator: 'k', samples: [1] }, { mutator: 'k', samples: [2] }]));
    expect(e).toBeInstanceOf(DuplicationError);
    expect(e.code).toBe('duplicate-label');
    expect(e.path).toEqual(['k']);
  });
});
