/**
 * The two metric listings the reference's web UI polls, derived from `ManagerApi.metricData()` and
 * `ManagerApi.listTrialJobs()`: the metrics of a range of trials, and the latest metrics.
 */
import type { ManagerApi, MetricDataRecord } from '../records.js';

/**
 * `GET /metric-data-range/:min/:max`: every metric of the trials whose sequence id lies in
 * `[minSequenceId, maxSequenceId]`, trial by trial in sequence order, each trial's in the manager's
 * order. A range of a few trials asks for their metrics only, so its cost does not grow with the
 * metrics of the whole experiment; a range of most trials reads them all once.
 *
 * @example
 * ```ts
 * metricDataRange(manager, 0, 9); // the metrics of the first ten trials
 * ```
 */
export function metricDataRange(manager: ManagerApi, minSequenceId: number, maxSequenceId: number): readonly MetricDataRecord[] {
  const trials = manager.listTrialJobs();
  const wanted = trials
    .filter((t) => t.sequenceId >= minSequenceId && t.sequenceId <= maxSequenceId)
    .sort((a, b) => a.sequenceId - b.sequenceId)
    .map((t) => t.trialJobId);
  if (wanted.length === 0) return [];
  if (wanted.length * 2 < trials.length) return wanted.flatMap((trialJobId) => manager.metricData({ trialJobId }));
  const byTrial = new Map<string, MetricDataRecord[]>(wanted.map((id) => [id, []]));
  for (const metric of manager.metricData()) byTrial.get(metric.trialJobId)?.push(metric);
  return [...byTrial.values()].flat();
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
