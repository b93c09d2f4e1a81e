/**
 * What the `Experiment` client returns about trials, decoded from the REST API's wire shapes (the
 * reference client's `TrialJob`, `TrialHyperParameters`, `TrialMetricData` and `TrialResult`, in
 * camelCase): hyper-parameter strings parsed, metric data decoded from its double JSON encoding.
 */
import type { ExportedTrial, Metric, MetricDataRecord, MetricType, TrialJobInfo, TrialJobStatus } from '../records.js';
import { ExperimentClientError } from './client-error.js';

/** The parameters a trial received. */
export interface TrialHyperParameters {
  /** The id of the parameter set (the strategy's proposal id). */
  readonly parameterId: number;
  /** Who proposed them: `"algorithm"` for the strategy, `"customized"` for a trial added by hand. */
  readonly parameterSource: string;
  /** The hyper-parameters (for NAS, the frozen sample). */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly parameterIndex: number;
}

/** One metric a trial reported. */
export interface TrialMetricData {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly trialJobId: string;
  readonly parameterId: number;
  /** `PERIODICAL` for an intermediate result, `FINAL` for the final one. */
  readonly type: MetricType;
  /** The number of this metric among the trial's intermediate results. */
  readonly sequence: number;
  /** The metric: a number, or a record with a numeric `default` and other keys. */
  readonly data: Metric;
}

/** One trial. */
export interface TrialJob {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly hyperParameters: readonly TrialHyperParameters[];
  /** The index of the current parameter set (the last of `hyperParameters`). */
  readonly parameterIndex: number | undefined;
  readonly logPath: string | undefined;
  /** Milliseconds since the epoch. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly finalMetricData: readonly TrialMetricData[];
  /** Why it failed or was stopped. */
  readonly message: string | undefined;
  /** For a failed trial, its stderr file. */
  readonly stderrPath: string | undefined;
}

/** One trial's parameters and final result, as `exportData()` gives them. */
export interface TrialResult {
  readonly parameter: Readonly<Record<string, unknown>>;
  /** The final metric, decoded. */
  readonly value: Metric;
  readonly trialJobId: string;
}

function malformed(what: string, received: unknown): ExperimentClientError {
  return new ExperimentClientError({ code: 'malformed-response', expected: what, received });
}

function parseText(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw malformed(what, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed(what, text);
  }
}

/**
 * A metric from its wire form: `JSON.stringify(JSON.stringify(metric))` in metric records (decoded
 * twice, as the reference's client does), `JSON.stringify(metric)` in exported data (decoded once).
 *
 * @example
 * ```ts
 * decodeMetric('"0.93"'); // 0.93
 * decodeMetric('"{\\"default\\":0.9}"'); // { default: 0.9 }
 * ```
 */
export function decodeMetric(data: unknown): Metric {
  let value = parseText(data, 'a JSON-encoded metric');
  if (typeof value === 'string') value = parseText(value, 'a JSON-encoded metric');
  return value as Metric;
}

/** A `TrialHyperParameters` from one of `TrialJobInfo.hyperParameters`' JSON strings. */
export function decodeHyperParameters(text: string): TrialHyperParameters {
  const raw = parseText(text, 'a JSON hyper-parameter record') as { parameter_id?: unknown; parameter_source?: unknown; parameters?: unknown; parameter_index?: unknown } | null;
  if (typeof raw !== 'object' || raw === null || typeof raw.parameters !== 'object' || raw.parameters === null) throw malformed('a hyper-parameter record', text);
  return {
    parameterId: Number(raw.parameter_id),
    parameterSource: typeof raw.parameter_source === 'string' ? raw.parameter_source : 'algorithm',
    parameters: raw.parameters as Record<string, unknown>,
    parameterIndex: typeof raw.parameter_index === 'number' ? raw.parameter_index : 0,
  };
}

/** A `TrialMetricData` from a `MetricDataRecord`. */
export function decodeMetricRecord(record: MetricDataRecord): TrialMetricData {
  return {
    timestamp: record.timestamp,
    trialJobId: record.trialJobId,
    parameterId: Number(record.parameterId),
    type: record.type,
    sequence: record.sequence,
    data: decodeMetric(record.data),
  };
}

/** A `TrialJob` from a `TrialJobInfo`. */
export function decodeTrialJob(info: TrialJobInfo): TrialJob {
  if (typeof info !== 'object' || info === null || typeof info.trialJobId !== 'string') throw malformed('a TrialJobInfo', info);
  const hyperParameters = (info.hyperParameters ?? []).map(decodeHyperParameters);
  return {
    trialJobId: info.trialJobId,
    sequenceId: info.sequenceId,
    status: info.status,
    hyperParameters,
    parameterIndex: hyperParameters.at(-1)?.parameterIndex,
    logPath: info.logPath,
    startTime: info.startTime,
    endTime: info.endTime,
    finalMetricData: (info.finalMetricData ?? []).map(decodeMetricRecord),
    message: info.message,
    stderrPath: info.stderrPath,
  };
}

/** A `TrialResult` from an `ExportedTrial`. */
export function decodeTrialResult(item: ExportedTrial): TrialResult {
  return { parameter: item.parameter, value: decodeMetric(item.value), trialJobId: item.trialJobId };
}
