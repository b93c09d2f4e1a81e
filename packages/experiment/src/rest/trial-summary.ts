/**
 * The dashboard's view of one trial (`TrialSummary` in `dashboard-api.md`), built from a store's page
 * row: the sample as `parameters`, the final metric's number, times and duration as numbers or null,
 * and, when the config names objectives, each objective's value in the final result.
 */
import type { TrialJobStatus } from '../records.js';
import { finalMetricValuesOf } from '../store/final-metric-value.js';
import { durationOf, type TrialSummaryRow } from '../store/trial-page.js';

/** One trial as `GET /api/v1/archspace/trials` lists it. */
export interface TrialSummary {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  /** The sample: label → value. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The first FINAL metric's number (or numeric `default`); null when none. */
  readonly metric: number | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** ms: end − start, or `now` − start while it has no end; null before it starts. */
  readonly duration: number | null;
  /** Why it failed or was stopped. */
  readonly message: string | null;
  /**
   * Only when the config names objectives: each one's value in the final result, in the config's
   * order; null where the trial did not report it (or has no final result).
   */
  readonly objectives?: readonly (number | null)[];
}

/**
 * The summary of a page row, durations measured to `now`; with `objectives` (metric names), their
 * values read from the row's `finalData` (ask the store `withFinalData`).
 *
 * @example
 * ```ts
 * store.trialPage({ limit: 10 }).trials.map((row) => trialSummary(row, Date.now()));
 * store.trialPage({ limit: 10, withFinalData: true }).trials.map((row) => trialSummary(row, Date.now(), ['accuracy', 'flops']));
 * ```
 */
export function trialSummary(row: TrialSummaryRow, now: number, objectives?: readonly string[]): TrialSummary {
  const summary: TrialSummary = {
    trialJobId: row.trialJobId,
    sequenceId: row.sequenceId,
    status: row.status,
    parameters: row.sample,
    metric: row.metric,
    startTime: row.startTime ?? null,
    endTime: row.endTime ?? null,
    duration: durationOf(row, now),
    message: row.message ?? null,
  };
  if (objectives === undefined) return summary;
  const { finalData } = row;
  return { ...summary, objectives: finalData === undefined ? objectives.map(() => null) : finalMetricValuesOf(finalData, objectives) };
}
