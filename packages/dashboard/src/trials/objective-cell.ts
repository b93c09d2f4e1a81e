/**
 * What the trials table shows in an objective's column: the trial's value of that objective from
 * its final result (`TrialSummary.objectives`), or nothing when it did not report it.
 */
import type { TrialSummary } from '../api/api-types.js';
import { formatMetric } from '../format/format.js';

/**
 * The text of objective `index` (in the order of `Overview.objectives`) for `trial`: its value as
 * metrics are written, or `''` when the trial has none.
 *
 * @example objectiveCellText({ ...trial, objectives: [0.93, null] }, 1) // ''
 */
export function objectiveCellText(trial: Pick<TrialSummary, 'objectives'>, index: number): string {
  const value = trial.objectives?.[index];
  return typeof value === 'number' ? formatMetric(value) : '';
}
