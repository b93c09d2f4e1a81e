/**
 * Samplers answer a mutator's questions: given the candidates of one choice, which one? A search
 * strategy is, at bottom, a sampler.
 */
import { describeValue, SampleMissingError, DuplicationError } from './errors.js';
import type { Model } from './model.js';
import type { Mutator } from './mutator.js';
import type { Mutation } from './records.js';

/**
 * Decides the choices of mutators. `choice` gets the candidates of the `index`-th choice the
 * `mutator` makes on `model` (counting from 0 in each `apply`) and returns one of them; returning
 * anything else makes the mutator throw `InvalidMutation`. `mutationStart` and `mutationEnd`, when
 * present, bracket each `apply`.
 *
 * @example
 * ```ts
 * const last: Sampler = { choice: (candidates) => candidates[candidates.length - 1] };
 * mutator.bindSampler(last).apply(model);
 * ```
 */
export interface Sampler {
  /** Picks one of `candidates` for the `index`-th choice `mutator` makes while mutating `model`. */
  choice(candidates: readonly unknown[], mutator: Mutator, model: Model, index: number): unknown;
  /** Called when `mutator` starts mutating `model` (a fresh fork). */
  mutationStart?(mutator: Mutator, model: Model): void;
  /** Called when `mutator` has made `model`, before it is frozen. */
  mutationEnd?(mutator: Mutator, model: Model): void;
}

/**
 * Replays recorded choices: `samples[label][index]` answers the `index`-th choice of the mutator
 * labelled `label`. A missing choice throws `SampleMissingError` naming the label and index. This is
 * how a strategy turns a sample into a model (the reference's `get_targeted_model`).
 *
 * @example
 * ```ts
 * const sampler = new FixedSampler({ 'conv-kernel': [5], 'skip': [true, false] });
 * const model = applyMutators(base, mutators, sampler);
 * ```
 */
export class FixedSampler implements Sampler {
  readonly #samples: ReadonlyMap<string, readonly unknown[]>;

  constructor(samples: { readonly [label: string]: readonly unknown[] }) {
    this.#samples = new Map(Object.entries(samples).map(([label, values]) => [label, Object.freeze([...values])]));
    Object.freeze(this);
  }

  /**
   * A sampler that replays a model's history, so that applying the same mutators to the same base
   * model gives the same model again. Throws `DuplicationError` when two history entries share a
   * label (their choices could not be told apart). Only `mutator` and `samples` are read, so a
   * history read back from JSON works too.
   */
  static fromHistory(history: readonly Pick<Mutation, 'mutator' | 'samples'>[]): FixedSampler {
    const samples: { [label: string]: readonly unknown[] } = {};
    for (const entry of history) {
      if (Object.hasOwn(samples, entry.mutator)) {
        throw new DuplicationError({
          code: 'duplicate-label',
          path: [entry.mutator],
          message: `the history holds two mutations labelled "${entry.mutator}"; a fixed sampler cannot replay both`,
        });
      }
      Object.defineProperty(samples, entry.mutator, { value: entry.samples, enumerable: true });
    }
    return new FixedSampler(samples);
  }

  /** The recorded value for this mutator and index; throws `SampleMissingError` when there is none. */
  choice(candidates: readonly unknown[], mutator: Mutator, _model: Model, index: number): unknown {
    const values = this.#samples.get(mutator.label);
    if (values === undefined || index >= values.length) {
      throw new SampleMissingError({
        code: 'sample-missing',
        path: [mutator.label, index],
        expected: `choice #${index} of mutator "${mutator.label}", one of ${describeValue(candidates)}`,
        message:
          `the sample has no choice #${index} for mutator "${mutator.label}" ` +
          `(it records ${values?.length ?? 0}); candidates are ${describeValue(candidates)}`,
      });
    }
    return values[index];
  }
}

/**
 * Always takes the first candidate: the default architecture of a space, and what `dryRun` uses.
 */
export class FirstCandidateSampler implements Sampler {
  /** The first candidate. */
  choice(candidates: readonly unknown[]): unknown {
    return candidates[0];
  }
}
