/**
 * The two metric listings the reference's web UI polls, derived from `ManagerApi.metricData()` and
 * `ManagerApi.listTrialJobs()`: the metrics of a range of trials, and the latest metrics.
 */
import type { ManagerApi, MetricDataRecord } from '../records.js';

/**
 * `GET /metric-data-range/:min/:max`: every metric of the trials whose sequence id lies in
 * `[minSequenceId, maxSequenceId]`, in the manager's order.
 *
 * @example
 * ```ts
 * metricDataRange(manager, 0, 9); // the metrics of the first ten trials
 * ```
 */
export function metricDataRange(manager: ManagerApi, minSequenceId: number, maxSequenceId: number): readonly MetricDataRecord[] {
  const wanted = new Set<string>();
  for (const trial of manager.listTrialJobs()) {
    if (trial.sequenceId >= minSequenceId && trial.sequenceId <= maxSequenceId) wanted.add(trial.trialJobId);
  }
  if (wanted.size === 0) return [];
  return manager.metricData().filter((m) => wanted.has(m.trialJobId));
}

/**
 * `GET /metric-data-latest/`: every metric that is not `PERIODICAL` (final results), then the
 * `PERIODICAL` metric with the highest sequence of each trial, as the reference answers.
 *
 * @example
 * ```ts
 * latestMetricData(manager); // [final of t0, final of t1, latest intermediate of t2]
 * ```
 */
export function latestMetricData(manager: ManagerApi): readonly MetricDataRecord[] {
  const finals: MetricDataRecord[] = [];
  const latest = new Map<string, MetricDataRecord>();
  for (const metric of manager.metricData()) {
    if (metric.type !== 'PERIODICAL') {
      finals.push(metric);
      continue;
    }
    const seen = latest.get(metric.trialJobId);
    if (seen === undefined || seen.sequence <= metric.sequence) latest.set(metric.trialJobId, metric);
  }
  return [...finals, ...latest.values()];
}
