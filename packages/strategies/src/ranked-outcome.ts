/**
 * A succeeded outcome as multi-objective strategies rank it: its objective values (the one `value`
 * when the search has one objective) and its constraint violation.
 */
import type { RankedPoint } from './non-dominated-sort.js';
import type { Outcome, Proposal, StrategyContext } from './strategy.js';

/** The directions a session ranks by: the context's objectives, or its one direction. */
export function rankingDirections(context: StrategyContext): StrategyContext['direction'][] {
  return context.objectives === undefined ? [context.direction] : [...context.objectives];
}

/**
 * The values and violation of a succeeded `outcome` of `proposal`; a TypeError, naming `owner` and the
 * trial, when it lacks one value per objective of `context`.
 */
export function rankedOutcome(owner: string, context: StrategyContext, proposal: Proposal, outcome: Outcome & { status: 'succeeded' }): RankedPoint {
  const expected = context.objectives?.length ?? 1;
  const values = context.objectives === undefined ? [outcome.value] : outcome.objectives;
  if (values === undefined || values.length !== expected) {
    throw new TypeError(`${owner}: trial ${proposal.id} must report ${expected} objective values (outcome.objectives), got ${values === undefined ? 'none' : values.length}`);
  }
  return { values, ...(outcome.violation !== undefined ? { violation: outcome.violation } : {}) };
}
