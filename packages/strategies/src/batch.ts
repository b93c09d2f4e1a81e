/**
 * The reference's batch tuner: the user lists the parameter sets to run as the options of the one
 * `choice` of the search space, and each is run exactly once, in the listed order. It learns
 * nothing from the results and is done once every option has been proposed.
 */
import { SearchSpaceError } from '@archspace/ir';
import type { Decision, Mutable, Sample } from '@archspace/mutables';
import { type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** What the batch tuner's space must look like, in words. */
const BATCH_SPACE = 'a search space with exactly one parameter, a "choice" whose options are the parameter sets to run (such as {"combine_params": {"_type": "choice", "_value": [{"lr": 0.1}, {"lr": 0.01}]}})';

/**
 * The one categorical decision of a batch space; throws a {@link SearchSpaceError} naming what is
 * wrong for any other space.
 */
export function batchDecision(space: Mutable): Decision {
  const decisions = Object.values(space.simplify());
  if (decisions.length !== 1) {
    throw new SearchSpaceError({
      code: 'not-a-batch-space',
      path: decisions.length > 1 ? [decisions[1]!.label] : [],
      expected: BATCH_SPACE,
      message: `the batch tuner needs ${BATCH_SPACE}; this space has ${decisions.length} parameters${decisions.length > 0 ? ` (${decisions.map((d) => d.label).slice(0, 5).join(', ')})` : ''}`,
    });
  }
  const decision = decisions[0]!;
  if (decision.domain.kind !== 'categorical') {
    throw new SearchSpaceError({
      code: 'not-a-batch-space',
      path: [decision.label],
      expected: BATCH_SPACE,
      message: `the batch tuner needs ${BATCH_SPACE}; "${decision.label}" is a ${decision.domain.kind} parameter, not a choice`,
    });
  }
  return decision;
}

class BatchSession extends StrategySession {
  readonly #label: string;
  readonly #values: readonly unknown[];
  #next = 0;

  constructor(context: StrategyContext) {
    super(context);
    const decision = batchDecision(context.space);
    this.#label = decision.label;
    this.#values = decision.domain.kind === 'categorical' ? decision.domain.values : [];
  }

  override get done(): boolean {
    return this.#next >= this.#values.length;
  }

  protected propose(): { sample: Sample } | undefined {
    // Options a resumed experiment already ran are skipped.
    while (this.#next < this.#values.length) {
      const sample: Sample = Object.create(null) as Sample;
      sample[this.#label] = this.#values[this.#next++];
      if (this.proposedSamples.claim(sample)) return { sample };
    }
    return undefined;
  }
}

/**
 * Runs the listed parameter sets, once each, in order. The trial receives the chosen option itself
 * when an experiment runs it (see the experiment package), as in the reference.
 *
 * @example
 * ```ts
 * const space = fromSearchSpaceJson({ combine_params: { _type: 'choice', _value: [{ lr: 0.1 }, { lr: 0.01 }] } });
 * await search(space, evaluate, new Batch(), { maxTrials: 10 }); // runs 2 trials, then is done
 * ```
 */
export class Batch implements Strategy {
  readonly name = 'Batch';
  /** The results are not looked at, so any number of objectives is searched alike. */
  readonly multiObjective = true;
  /** The batch tuner has no options. */
  readonly options: Readonly<Record<string, never>> = {};

  constructor(options: Readonly<Record<string, never>> = {}) {
    checkOptionNames('Batch', options, []);
  }

  /** Starts a search; throws {@link SearchSpaceError} when `context.space` is not a batch space. */
  start(context: StrategyContext): StrategySession {
    return new BatchSession(context);
  }
}
