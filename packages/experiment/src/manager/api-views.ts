/**
 * The REST API's views of stored records, in the reference's shapes: metric data with its double
 * JSON encoding, the profile, exported data.
 */
import { checkMetricValue } from '../training-service/metric-line.js';
import type { ExperimentProfile, ExperimentRow, ExportedTrial, MetricRow, TrialRow } from '../records.js';

/** The one builder of `MetricDataRecord`s, shared with the stores' trial listings. */
export { metricDataRecord } from '../store/trial-job-info.js';

/** `ExperimentProfile` of the stored experiment. */
export function experimentProfile(row: ExperimentRow): ExperimentProfile {
  return {
    params: row.config,
    id: row.id,
    execDuration: row.execDuration,
    logDir: row.logDir,
    startTime: row.startTime,
    ...(row.endTime !== undefined ? { endTime: row.endTime } : {}),
    nextSequenceId: row.nextSequenceId,
    revision: row.revision,
  };
}

/** `export-data` items: succeeded trials with their final metric (still a JSON string, as the reference). */
export function exportedTrials(trials: readonly TrialRow[], finals: readonly MetricRow[]): ExportedTrial[] {
  const byTrial = new Map(finals.map((m) => [m.trialJobId, m]));
  const out: ExportedTrial[] = [];
  for (const trial of trials) {
    const final = byTrial.get(trial.trialJobId);
    if (final) out.push({ parameter: trial.parameters, value: final.data, trialJobId: trial.trialJobId });
  }
  return out;
}

/** The number a strategy learns from: the metric itself, or its `default` (finite numbers only). */
export function metricValue(data: string): number | undefined {
  const checked = checkMetricValue(data);
  return checked.ok ? checked.value : undefined;
}
