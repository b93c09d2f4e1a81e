/**
 * The Pareto front the REST API serves: the succeeded trials scored by the experiment's objectives
 * as the strategy was told them (a final result lacking a metric is not on it, nor is one that breaks
 * a constraint), then the ones no other dominates. Without objectives, the final result's number in
 * the experiment's direction: the best trial(s).
 */
import { type Direction, type Outcome, paretoTrials } from '@archspace/strategies';
import type { ParetoFront, ParetoTrial, TrialRow } from '../records.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { defaultObjectives, type ExperimentObjectives, finalOutcome } from './objective-outcome.js';

/** A succeeded trial with its final result's JSON text. */
export interface TrialResult extends Pick<TrialRow, 'trialJobId' | 'sequenceId' | 'parameters'> {
  readonly finalData: string;
}

/**
 * The front of `trials` (in their order) by `goals`, or by the final result's number in `direction`
 * when there are none. The work is quadratic in the number of trials at worst (when most are on the front).
 */
export function paretoFrontView(trials: Iterable<TrialResult>, goals: ExperimentObjectives | undefined, direction: Direction): ParetoFront {
  const used = goals ?? defaultObjectives(direction);
  const scored: { trial: TrialResult; outcome: Outcome }[] = [];
  for (const trial of trials) scored.push({ trial, outcome: finalOutcome(trial.finalData, used) });
  const front = paretoTrials(scored, used.objectives).map(({ trial, outcome }) => ({
    trialJobId: trial.trialJobId,
    sequenceId: trial.sequenceId,
    parameters: trial.parameters,
    values: (outcome as { objectives: readonly number[] }).objectives,
  }));
  return { objectives: used.objectives, constraints: used.constraints, configured: goals !== undefined, trials: front };
}

/**
 * The front's trials best-first: by the first objective in its direction, then the second, …, then
 * by sequence id. The order depends only on the trials, not on the order they finished in.
 */
export function rankedFront(front: Pick<ParetoFront, 'objectives' | 'trials'>): ParetoTrial[] {
  const signs = front.objectives.map((o) => (o.direction === 'minimize' ? 1 : -1));
  return [...front.trials].sort((a, b) => {
    for (let i = 0; i < signs.length; i++) {
      const difference = signs[i]! * (a.values[i]! - b.values[i]!);
      if (difference !== 0) return difference;
    }
    return a.sequenceId - b.sequenceId || (a.trialJobId < b.trialJobId ? -1 : a.trialJobId > b.trialJobId ? 1 : 0);
  });
}

/** What {@link cachedFront} reads: the store's counts and the front. */
export interface FrontSource {
  readonly store: Pick<ExperimentStore, 'trialStatistics'>;
  paretoFront(): ParetoFront;
}

/**
 * `manager.paretoFront()`, computed again only when the number of succeeded trials changed (only
 * succeeded trials are on the front, and a succeeded trial never changes), so a progress tick or an
 * overview event costs nothing while trials run.
 */
export function cachedFront(manager: FrontSource): () => ParetoFront {
  let succeeded = -1;
  let front: ParetoFront | undefined;
  return () => {
    const now = manager.store.trialStatistics().SUCCEEDED;
    if (front === undefined || now !== succeeded) {
      front = manager.paretoFront();
      succeeded = now;
    }
    return front;
  };
}
