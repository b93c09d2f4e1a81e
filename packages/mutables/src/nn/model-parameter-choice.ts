/**
 * ModelParameterChoice: a choice whose value is a plain value at construction time, so it can drive
 * loops and conditions in a constructor (`for (let i = 0; i < depth; i++)`). While a space is built
 * the default is returned and the decision is registered with the space; when the space is rebuilt
 * for a sample, the sample's value is returned.
 */
import { SampleMissingError, SearchSpaceError } from '@archspace/ir';
import { Categorical } from '../categorical.js';
import type { LabelLike } from '../label.js';
import type { Sample } from '../decision.js';

/** Options of {@link modelParameterChoice}. */
export interface ModelParameterChoiceOptions<T> {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** Probability of each candidate, summing to 1. */
  readonly weights?: readonly number[];
  /** The value used while the space is built: a candidate, `'first'` (default) or `'last'`. */
  readonly default?: T | 'first' | 'last';
}

const collectors: ModelParameterCollector[] = [];
const fixedContexts: Sample[] = [];
const PARAMETERS = new WeakMap<object, readonly Categorical[]>();

/** Gathers the model parameter choices made while one space is constructed. */
export class ModelParameterCollector {
  readonly parameters: Categorical[] = [];

  /** Runs `build` with this collector active. */
  collect<T>(build: () => T): T {
    collectors.push(this);
    try {
      return build();
    } finally {
      collectors.pop();
    }
  }

  /** Records the collected choices as decisions of `space`. */
  attachTo(space: object): void {
    PARAMETERS.set(space, Object.freeze([...this.parameters]));
  }

  /** The model parameter choices of `space`. */
  static of(space: object): readonly Categorical[] {
    return PARAMETERS.get(space) ?? [];
  }
}

/** Runs `fn` with `values` deciding every model parameter choice it meets (used to rebuild a space). */
export function withFixedParameters<T>(values: Sample, fn: () => T): T {
  fixedContexts.push(values);
  try {
    return fn();
  } finally {
    fixedContexts.pop();
  }
}

/**
 * A choice that returns a plain value while the space is built. Call it inside the constructor of a
 * space built with `ModelSpace.create()`.
 *
 * @example
 * ```ts
 * class Net extends ModelSpace {
 *   blocks: Module[] = [];
 *   constructor() {
 *     super();
 *     const depth = modelParameterChoice([2, 3, 4], { label: 'depth' });
 *     for (let i = 0; i < depth; i++) this.blocks.push(new Block());
 *   }
 * }
 * ```
 */
export function modelParameterChoice<T>(candidates: readonly T[], options: ModelParameterChoiceOptions<T> = {}): T {
  const collector = collectors[collectors.length - 1];
  if (!collector) {
    throw new SearchSpaceError({
      code: 'no-model-space',
      message: 'modelParameterChoice() must be called while a ModelSpace is built with ModelSpace.create()',
    });
  }
  const choice = new Categorical(candidates, {
    ...(options.label !== undefined ? { label: options.label } : {}),
    ...(options.weights !== undefined ? { weights: options.weights } : {}),
  });
  collector.parameters.push(choice);
  const fixed = fixedContexts[fixedContexts.length - 1];
  if (fixed) {
    if (!Object.hasOwn(fixed, choice.label)) {
      throw new SampleMissingError({ code: 'label-missing', path: [choice.label], message: `Model parameter "${choice.label}" is missing from the sample` });
    }
    choice.validate(fixed);
    return fixed[choice.label] as T;
  }
  const preference = options.default ?? 'first';
  if (preference === 'first') return candidates[0]!;
  if (preference === 'last') return candidates[candidates.length - 1]!;
  if (choice.indexOf(preference) === -1) {
    throw new SearchSpaceError({ code: 'invalid-default', path: [choice.label], expected: 'a default among the candidates, "first" or "last"', received: preference });
  }
  return preference as T;
}
