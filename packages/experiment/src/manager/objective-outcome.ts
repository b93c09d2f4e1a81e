/**
 * How a trial's final result becomes what a strategy learns from when the experiment names
 * objectives: the final result's metrics by name (a plain number is `{ default: n }`), each objective
 * read from them, the constraints' violation summed — or a failure naming the metric that is missing
 * or not a finite number. Without objectives, the final result's one number.
 */
import { ArchspaceError } from '@archspace/ir';
import { checkObjectives, type Direction, type MetricConstraint, type Objective, type Outcome, outcomeOfMetrics, type Strategy } from '@archspace/strategies';
import { checkMetricValue } from '../training-service/metric-line.js';

/** The objectives and constraints an experiment searches (its config's `objectives`, `constraints`). */
export interface ExperimentObjectives {
  readonly objectives: readonly Objective[];
  readonly constraints: readonly MetricConstraint[];
}

/** The objectives of a config that has `objectives` (and maybe `constraints`), else `undefined`. */
export function objectivesOfConfig(config: { readonly objectives?: readonly Objective[]; readonly constraints?: readonly MetricConstraint[] }): ExperimentObjectives | undefined {
  return config.objectives === undefined ? undefined : { objectives: config.objectives, constraints: config.constraints ?? [] };
}

/** The objectives of an experiment that names none: the final result's number (its `default`), in `direction`. */
export function defaultObjectives(direction: Direction): ExperimentObjectives {
  return { objectives: [{ name: 'default', direction }], constraints: [] };
}

/**
 * The outcome a strategy is told for a trial whose final result is `data` (the metric's JSON text):
 * succeeded with the objectives' values (`value` the first) and the constraints' violation, or
 * failed with a message naming what was wrong. Without `goals`, succeeded with the result's number.
 */
export function finalOutcome(data: string, goals: ExperimentObjectives | undefined, intermediates: readonly number[] = []): Outcome {
  const checked = checkMetricValue(data);
  if (!checked.ok) return { status: 'failed', error: `the trial reported an invalid result: ${checked.reason}`, intermediates };
  if (goals === undefined) return { status: 'succeeded', value: checked.value, intermediates };
  const parsed: unknown = JSON.parse(data);
  const metrics = typeof parsed === 'number' ? { default: parsed } : parsed;
  return outcomeOfMetrics(metrics, goals.objectives, goals.constraints, intermediates, 'the trial');
}

/**
 * Why the final result `data` cannot be scored by `goals`, or `undefined` when it can (always, without
 * goals, for a valid metric): what recovery uses to settle a trial found finished on disk.
 */
export function finalResultProblem(data: string, goals: ExperimentObjectives | undefined): string | undefined {
  const outcome = finalOutcome(data, goals);
  return outcome.status === 'failed' ? outcome.error : undefined;
}

/**
 * Throws an `ArchspaceError` (code `invalid-settings`) unless `goals` are objectives `search()` would
 * take, `strategy` searches that many, and the first objective's direction is `direction`.
 */
export function checkExperimentObjectives(goals: ExperimentObjectives, direction: Direction, strategy: Strategy): void {
  const refuse = (message: string) => new ArchspaceError({ code: 'invalid-settings', message });
  const { objectives } = goals;
  try {
    checkObjectives(objectives, goals.constraints);
  } catch (error) {
    throw refuse(`settings.goals: ${(error as Error).message.replace(/^search\(\): /, '')}`);
  }
  if (objectives.length > 1 && strategy.multiObjective !== true) {
    throw refuse(`${strategy.name} searches one value, not ${objectives.length} objectives; use a strategy that searches several (NSGA2, TPE, LocalSearch, Random, GridSearch)`);
  }
  if (objectives[0]!.direction !== direction) throw refuse(`the direction "${direction}" disagrees with the first objective's "${objectives[0]!.direction}"`);
}
