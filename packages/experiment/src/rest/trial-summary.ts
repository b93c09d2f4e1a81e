/**
 * The dashboard's view of one trial (`TrialSummary` in `dashboard-api.md`), built from a store's page
 * row: the sample as `parameters`, the final metric's number, times and duration as numbers or null.
 */
import type { TrialJobStatus } from '../records.js';
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
}

/**
 * The summary of a page row, durations measured to `now`.
 *
 * @example
 * ```ts
 * store.trialPage({ limit: 10 }).trials.map((row) => trialSummary(row, Date.now()));
 * ```
 */
export function trialSummary(row: TrialSummaryRow, now: number): TrialSummary {
  return {
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
}
