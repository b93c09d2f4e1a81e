/**
 * `GET /api/v1/archspace/trials/:id`: one trial's summary with what its detail page shows — the
 * parameters it received, its intermediate results, its final result and its folder.
 */
import type { MetricRow } from '../records.js';
import { finalValueOf } from '../store/trial-page-columns.js';
import type { DashboardSource } from './dashboard-source.js';
import { RestError } from './rest-error.js';
import { type TrialSummary, trialSummary } from './trial-summary.js';

/** One intermediate result of a trial. */
export interface IntermediatePoint {
  readonly sequence: number;
  readonly timestamp: number;
  /** The metric's number (or numeric `default`); null when it has none. */
  readonly value: number | null;
}

/** The body of `GET /trials/:id`. */
export interface TrialDetail extends TrialSummary {
  /** What the trial received (for a NAS trial, `model` is its IR JSON). */
  readonly trialParameters: Readonly<Record<string, unknown>>;
  readonly intermediate: readonly IntermediatePoint[];
  /** The first FINAL metric: its number and its whole record; null when none. */
  readonly final: { readonly value: number | null; readonly data: unknown } | null;
  readonly logPath: string | null;
}

/** An intermediate point of a stored PERIODICAL metric. */
export function intermediatePoint(metric: MetricRow): IntermediatePoint {
  return { sequence: metric.sequence, timestamp: metric.timestamp, value: finalValueOf(metric.data) };
}

/**
 * The detail of trial `trialJobId`; a 404 `unknown-trial` when there is none.
 *
 * @example
 * ```ts
 * trialDetail(manager, 'Ab12x', Date.now()).intermediate; // [{ sequence: 0, timestamp: …, value: 0.5 }]
 * ```
 */
export function trialDetail(source: DashboardSource, trialJobId: string, now: number): TrialDetail {
  const store = source.store;
  const row = store.trialPage({ trialJobId, limit: 1, now }).trials[0];
  const trial = row && store.getTrial(trialJobId);
  if (row === undefined || trial === undefined) {
    throw new RestError(404, { code: 'unknown-trial', path: ['params', 'id'], expected: 'the id of a trial of this experiment', received: trialJobId });
  }
  const metrics = store.listMetrics({ trialJobId });
  const final = store.getTrialJobInfo(trialJobId)?.finalMetricData?.[0];
  return {
    ...trialSummary(row, now),
    trialParameters: trial.parameters,
    intermediate: metrics.filter((m) => m.type === 'PERIODICAL').map(intermediatePoint),
    final: final === undefined ? null : { value: row.metric, data: JSON.parse(JSON.parse(final.data) as string) as unknown },
    logPath: trial.logPath ?? null,
  };
}
