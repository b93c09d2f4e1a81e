/**
 * One entry of a model's history as the IR stores it: the mutator, its samples and the model it was
 * applied to. Internal; the public shape is `Mutation`.
 *
 * A model stores only its last step, and that step holds the previous model, so a chain of n
 * mutations costs n entries (not n²) and the models share everything they did not change.
 */
import type { Model } from './model.js';
import type { Mutation } from './records.js';

/** A frozen history entry whose JSON form leaves the model out. Internal. */
export class HistoryStep implements Mutation {
  /** The label of the mutator. */
  readonly mutator: string;
  /** The values its sampler chose, in the order it asked. */
  readonly samples: readonly unknown[];
  /** The model the mutator was applied to. */
  readonly from: Model;

  constructor(mutator: string, samples: readonly unknown[], from: Model) {
    this.mutator = mutator;
    this.samples = samples;
    this.from = from;
    Object.freeze(this);
  }

  /** `{mutator, samples}`: a history in JSON does not dump every model of the chain. */
  toJSON(): { mutator: string; samples: readonly unknown[] } {
    return { mutator: this.mutator, samples: this.samples };
  }
}

