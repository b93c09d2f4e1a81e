/**
 * Several mutators applied in order, each on the model the previous one made: a whole sample turned
 * into a model, or the whole search space of a base model.
 */
import type { Model } from './model.js';
import type { Mutator } from './mutator.js';
import type { Sampler } from './sampler.js';

/** One choice of the search space that `dryRunMutators` reports. */
export interface SearchSpaceEntry {
  /** Label of the mutator that makes the choice. */
  readonly mutator: string;
  /** Index of the choice among that mutator's choices. */
  readonly index: number;
  /** What it chooses from. */
  readonly candidates: readonly unknown[];
}

/**
 * Applies `mutators` in order, threading the model; with `sampler`, binds it to each first. Returns
 * the last (frozen) model; `model` is untouched.
 *
 * @example
 * ```ts
 * const child = applyMutators(base, mutators, new FixedSampler({ kernel: [5], width: [32] }));
 * ```
 */
export function applyMutators(model: Model, mutators: Iterable<Mutator>, sampler?: Sampler): Model {
  let current = model;
  for (const mutator of mutators) {
    if (sampler !== undefined) mutator.bindSampler(sampler);
    current = mutator.apply(current);
  }
  return current;
}

/**
 * Dry-runs `mutators` in order (each takes the first candidate of every choice) and lists every
 * choice they make: the search space of `model` as `{mutator, index, candidates}` entries (the
 * reference's `dry_run_for_search_space`), with the model made along the way.
 *
 * @example
 * ```ts
 * const { space } = dryRunMutators(base, mutators);
 * space.map((c) => `${c.mutator}#${c.index}: ${c.candidates.length} options`);
 * ```
 */
export function dryRunMutators(model: Model, mutators: Iterable<Mutator>): { readonly space: readonly SearchSpaceEntry[]; readonly model: Model } {
  let current = model;
  const space: SearchSpaceEntry[] = [];
  for (const mutator of mutators) {
    const result = mutator.dryRun(current);
    result.candidates.forEach((candidates, index) => space.push(Object.freeze({ mutator: mutator.label, index, candidates })));
    current = result.model;
  }
  return { space: Object.freeze(space), model: current };
}
