/**
 * How the manager and a trial process talk, in a way any language can follow: environment variables
 * name the trial, a JSON file holds its parameters, and the trial appends one JSON line per metric
 * to a metrics file that the manager reads.
 */

/** The environment variables a trial process receives. */
export const TRIAL_ENV = {
  experimentId: 'ARCHSPACE_EXPERIMENT_ID',
  trialJobId: 'ARCHSPACE_TRIAL_JOB_ID',
  sequenceId: 'ARCHSPACE_TRIAL_SEQ_ID',
  trialDir: 'ARCHSPACE_TRIAL_DIR',
  parametersFile: 'ARCHSPACE_PARAMETERS_FILE',
  metricsFile: 'ARCHSPACE_METRICS_FILE',
  /** Modules the NAS trial runner may import before loading the evaluator (comma separated). */
  imports: 'ARCHSPACE_TRIAL_IMPORTS',
} as const;

/** The content of the parameters file (the reference's `ParameterRecord`). */
export interface ParameterRecord {
  readonly parameter_id: number;
  readonly parameter_source: 'algorithm' | 'customized' | 'resumed';
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly parameter_index: number;
}

/** One line of the metrics file. `value` is the metric JSON-encoded, as on the reference's wire. */
export interface MetricLine {
  readonly type: 'PERIODICAL' | 'FINAL';
  readonly sequence: number;
  readonly parameter_id: number;
  readonly value: string;
  readonly timestamp: number;
}

/** Names of the files in a trial's folder. */
export const TRIAL_FILES = {
  parameters: 'parameters.json',
  metrics: 'metrics.jsonl',
  stdout: 'stdout',
  stderr: 'stderr',
} as const;
