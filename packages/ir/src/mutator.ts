/**
 * Mutators: the decisions of a model space, each a small program that asks its sampler for choices
 * and changes a model accordingly.
 */
import { ArchspaceError, describeValue, InvalidMutation } from './errors.js';
import { isPlainObject, jsonEqual, type JsonValue } from './json-value.js';
import { freezeWithMutation, Model } from './model.js';
import { Operation } from './operation.js';
import { FirstCandidateSampler, type Sampler } from './sampler.js';

/** What `Mutator.dryRun` returns. */
export interface DryRunResult {
  /** The candidate lists of the choices the mutator made, in order. */
  readonly candidates: readonly (readonly unknown[])[];
  /** The model made by taking the first candidate of every choice. */
  readonly model: Model;
}

/** The sampler of `dryRun`: it keeps no state, so one serves every mutator. */
const FIRST_CANDIDATE: Sampler = new FirstCandidateSampler();

interface Run {
  readonly sampler: Sampler | undefined;
  readonly model: Model;
  index: number;
  readonly samples: unknown[];
  /** The candidate lists met, kept only by `dryRun` (`apply` has no use for them). */
  readonly candidates: (readonly unknown[])[] | undefined;
}

/** The index of the candidate a sampler's answer is, or -1. */
function indexOfChoice(list: readonly unknown[], answer: unknown): number {
  for (let i = 0; i < list.length; i++) if (sameChoice(list[i], answer)) return i;
  return -1;
}

/** Whether `value` is an array or a plain object: data that `jsonEqual` can compare. */
function isPlainData(value: unknown): boolean {
  return Array.isArray(value) || isPlainObject(value);
}

/** Whether a sampler's answer is this candidate: the same value, an equal operation or equal JSON. */
function sameChoice(candidate: unknown, value: unknown): boolean {
  if (Object.is(candidate, value)) return true;
  if (candidate instanceof Operation && value instanceof Operation) return candidate.equals(value);
  return isPlainData(candidate) && isPlainData(value) && jsonEqual(candidate as JsonValue, value as JsonValue);
}

/**
 * A decision of a model space. A subclass implements `mutate(model)`, calling `this.choice(...)` for
 * every decision and returning the changed model; `apply` runs it on a fork of a model with a bound
 * sampler, records what was chosen in the new model's `history` and freezes it. The model passed to
 * `apply` never changes.
 *
 * @example
 * ```ts
 * class KernelSize extends Mutator {
 *   mutate(model: Model): Model {
 *     let m = model;
 *     for (const node of model.getNodesByLabel(this.label)) {
 *       const k = this.choice([3, 5, 7]);
 *       m = m.updateOperation(node, (op) => { op.parameters.kernel_size = k; });
 *     }
 *     return m;
 *   }
 * }
 * const frozen = new KernelSize('kernel').bindSampler(new FixedSampler({ kernel: [5] })).apply(base);
 * frozen.history; // [{ mutator: 'kernel', samples: [5], from: base }]
 * ```
 */
export abstract class Mutator {
  /** Identifies the decision; usually also the label of the nodes the mutator changes. */
  readonly label: string;
  #sampler: Sampler | undefined;
  #run: Run | undefined;

  constructor(label: string, sampler?: Sampler) {
    if (typeof label !== 'string' || label.length === 0) {
      throw new InvalidMutation({ code: 'invalid-label', path: ['label'], expected: 'a non-empty label', received: label });
    }
    this.label = label;
    this.#sampler = sampler;
  }

  /** The sampler that answers this mutator's choices, if one is bound. */
  get sampler(): Sampler | undefined {
    return this.#sampler;
  }

  /** Binds the sampler that answers `choice`; returns this mutator, for chaining. */
  bindSampler(sampler: Sampler): this {
    this.#sampler = sampler;
    return this;
  }

  /**
   * Changes `model` (a fresh, mutating fork) and returns the result, asking `this.choice` for every
   * decision. Throw `InvalidMutation` to reject a sample.
   */
  abstract mutate(model: Model): Model;

  /**
   * Asks the sampler to pick one of `candidates`, records the pick and returns it (the candidate
   * itself, even when the sampler answered with an equal copy). Only valid while `apply` or `dryRun`
   * runs. Throws `InvalidMutation` when there are no candidates or the answer is not one of them.
   */
  protected choice<T>(candidates: Iterable<T>): T {
    const run = this.#run;
    if (run === undefined) {
      throw new ArchspaceError({
        code: 'choice-outside-apply',
        path: [this.label],
        message: `mutator "${this.label}" called choice() outside apply() or dryRun()`,
      });
    }
    const list = Object.freeze([...candidates]);
    const index = run.index;
    if (list.length === 0) {
      throw new InvalidMutation({ code: 'no-candidates', path: [this.label, index], message: `choice #${index} of mutator "${this.label}" has no candidates` });
    }
    if (run.sampler === undefined) {
      throw new ArchspaceError({
        code: 'no-sampler',
        path: [this.label],
        message: `mutator "${this.label}" has no sampler; call bindSampler() before apply()`,
      });
    }
    run.candidates?.push(list);
    const answer = run.sampler.choice(list, this, run.model, index);
    const at = indexOfChoice(list, answer);
    if (at < 0) {
      throw new InvalidMutation({
        code: 'value-not-allowed',
        path: [this.label, index],
        expected: `one of ${describeValue(list)}`,
        received: answer,
      });
    }
    const chosen = list[at] as T;
    run.samples.push(chosen);
    run.index++;
    return chosen;
  }

  /**
   * Forks `model`, runs `mutate` on the fork with the bound sampler, appends
   * `{mutator: label, samples, from: model}` to its history and returns it frozen. `model` is
   * untouched.
   */
  apply(model: Model): Model {
    return this.#applyWith(model, this.#sampler, undefined);
  }

  /**
   * Runs the mutator taking the first candidate of every choice, and reports the candidate lists it
   * met: the shape of this decision, for a strategy to search. The bound sampler is not used.
   *
   * @example
   * ```ts
   * const { candidates } = mutator.dryRun(base); // [[3, 5, 7]]
   * ```
   */
  dryRun(model: Model): DryRunResult {
    const candidates: (readonly unknown[])[] = [];
    const mutated = this.#applyWith(model, FIRST_CANDIDATE, candidates);
    return { candidates: Object.freeze(candidates), model: mutated };
  }

  /** Runs `mutate` on a fork of `model` with `sampler`; the candidate lists met go to `candidates` when given. */
  #applyWith(model: Model, sampler: Sampler | undefined, candidates: (readonly unknown[])[] | undefined): Model {
    if (!(model instanceof Model)) {
      throw new InvalidMutation({ code: 'not-a-model', path: [this.label], expected: 'a Model', received: model });
    }
    if (this.#run !== undefined) {
      throw new ArchspaceError({ code: 'reentrant-apply', path: [this.label], message: `mutator "${this.label}" is already being applied` });
    }
    const copy = model.fork();
    const run: Run = { sampler, model: copy, index: 0, samples: [], candidates };
    this.#run = run;
    try {
      sampler?.mutationStart?.(this, copy);
      const result: unknown = this.mutate(copy);
      if (!(result instanceof Model)) {
        throw new InvalidMutation({ code: 'not-a-model', path: [this.label], message: `mutate() of mutator "${this.label}" must return a Model`, received: result });
      }
      sampler?.mutationEnd?.(this, result);
      return freezeWithMutation(result, this.label, run.samples, model);
    } finally {
      this.#run = undefined;
    }
  }
}
