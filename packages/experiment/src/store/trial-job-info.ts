/**
 * Builds a trial's `TrialJobInfo` (`GET /trial-jobs`) as JSON text from its stored columns, splicing
 * the stored parameters' JSON text into the reference's `hyperParameters` string without parsing it.
 * Stores keep this text beside each trial and rebuild it whenever the trial or its first FINAL metric
 * is written, so that listing 100,000 trials is one concatenation. Both stores use this builder, so
 * their listings agree byte for byte. Internal: not exported from the package.
 */
import type { MetricDataRecord, MetricRow, TrialJobInfo, TrialJobStatus } from '../records.js';

/** What `listTrialJobInfos` needs of a trial, the parameters still as JSON text. */
export interface TrialColumns {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly parameterId: number;
  readonly parametersJson: string;
  readonly message?: string | null;
  readonly startTime?: number | null;
  readonly endTime?: number | null;
  readonly logPath?: string | null;
}

/** The trial fields a `TrialJobInfo` shows (`trialJobId` and `sequenceId` never change). */
const INFO_FIELDS: ReadonlySet<string> = new Set(['status', 'parameterId', 'parameters', 'message', 'startTime', 'endTime', 'logPath']);

/** Whether a trial patch sets a field the trial's `TrialJobInfo` shows, so that it must be rebuilt. */
export function patchChangesInfo(patch: object): boolean {
  return Object.keys(patch).some((key) => INFO_FIELDS.has(key));
}

/** What `listTrialJobInfos` needs of a final metric. */
export interface FinalMetricColumns {
  readonly timestamp: number;
  readonly parameterId: number;
  readonly sequence: number;
  readonly data: string;
}

/**
 * The reference's hyper-parameter record `{parameter_id, parameter_source, parameters,
 * parameter_index}` as JSON text. `parametersJson` must already be JSON text.
 */
export function hyperParameterText(parameterId: number, parametersJson: string): string {
  return `{"parameter_id":${parameterId},"parameter_source":"algorithm","parameters":${parametersJson},"parameter_index":0}`;
}

/**
 * The `MetricDataRecord` of a stored metric (`GET /metric-data`, a listing's `finalMetricData`):
 * `data` is the JSON string of the metric's JSON string, as the reference sends it.
 */
export function metricDataRecord(row: MetricRow): MetricDataRecord {
  return {
    timestamp: row.timestamp,
    trialJobId: row.trialJobId,
    parameterId: String(row.parameterId),
    type: row.type,
    sequence: row.sequence,
    data: JSON.stringify(row.data),
  };
}

/** The `TrialJobInfo` of a trial and its final metric (if any); absent fields are omitted. */
function toTrialJobInfo(trial: TrialColumns, final: FinalMetricColumns | undefined): TrialJobInfo {
  const info: { -readonly [K in keyof TrialJobInfo]: TrialJobInfo[K] } = {
    trialJobId: trial.trialJobId,
    sequenceId: trial.sequenceId,
    status: trial.status,
    hyperParameters: [hyperParameterText(trial.parameterId, trial.parametersJson)],
  };
  if (trial.message != null) info.message = trial.message;
  if (trial.startTime != null) info.startTime = trial.startTime;
  if (trial.endTime != null) info.endTime = trial.endTime;
  if (trial.logPath != null) {
    info.logPath = trial.logPath;
    if (trial.status === 'FAILED') info.stderrPath = `${trial.logPath}/stderr`;
  }
  if (final !== undefined) {
    const record = metricDataRecord({ ...final, trialJobId: trial.trialJobId, type: 'FINAL' });
    info.finalMetricData = [record];
  }
  return info;
}

/** The JSON text of {@link toTrialJobInfo}'s result. */
export function trialJobInfoJson(trial: TrialColumns, final: FinalMetricColumns | undefined): string {
  return JSON.stringify(toTrialJobInfo(trial, final));
}
