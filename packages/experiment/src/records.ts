/**
 * The experiment's vocabulary, with the reference's names and JSON shapes (reference §8): trial and
 * experiment statuses, what is stored about an experiment, a trial and a metric, and the shapes the
 * REST API and the client exchange.
 */
import type { Sample } from '@archspace/mutables';

/** A trial's status, as the reference names it. */
export type TrialJobStatus = 'UNKNOWN' | 'WAITING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'USER_CANCELED' | 'SYS_CANCELED' | 'EARLY_STOPPED';

/** Every trial status. */
export const TRIAL_JOB_STATUSES: readonly TrialJobStatus[] = ['UNKNOWN', 'WAITING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'USER_CANCELED', 'SYS_CANCELED', 'EARLY_STOPPED'];

/** Statuses a trial never leaves. */
export const FINAL_TRIAL_STATUSES: readonly TrialJobStatus[] = ['SUCCEEDED', 'FAILED', 'USER_CANCELED', 'SYS_CANCELED', 'EARLY_STOPPED'];

/** An experiment's status, as the reference names it. */
export type ExperimentStatus = 'INITIALIZED' | 'RUNNING' | 'ERROR' | 'STOPPING' | 'STOPPED' | 'DONE' | 'NO_MORE_TRIAL' | 'TUNER_NO_MORE_TRIAL' | 'VIEWED';

/** Every experiment status. */
export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['INITIALIZED', 'RUNNING', 'ERROR', 'STOPPING', 'STOPPED', 'DONE', 'NO_MORE_TRIAL', 'TUNER_NO_MORE_TRIAL', 'VIEWED'];

/** The kind of a metric record. */
export type MetricType = 'PERIODICAL' | 'FINAL' | 'CUSTOM' | 'REQUEST_PARAMETER';

/** A metric value as trial code reports it: a number, or a dict with a numeric `default`. */
export type Metric = number | ({ readonly default: number } & Readonly<Record<string, unknown>>);

/** One trial as stored. */
export interface TrialRow {
  /** Unique in the experiment, e.g. `"Xa2bC"`. */
  readonly trialJobId: string;
  /** 0, 1, 2 … in submission order. */
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  /** The id of the parameter set (the strategy's proposal id). */
  readonly parameterId: number;
  /** The parameters the trial receives (the frozen sample; for NAS, the model and evaluator). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The sample the strategy proposed (equal to `parameters` for HPO). */
  readonly sample: Sample;
  /** The fidelity for multi-fidelity strategies. */
  readonly budget?: number;
  /** Milliseconds since the epoch. */
  readonly startTime?: number;
  readonly endTime?: number;
  /** Why it failed or was stopped. */
  readonly message?: string;
  /** The trial's folder (stdout, stderr, metrics, parameters). */
  readonly logPath?: string;
  /** The process id of the trial (its process group's id). */
  readonly pid?: number;
  /**
   * Which process `pid` named (the machine's boot and the process's start time), so that a resumed
   * manager never mistakes an unrelated process that reused the pid for the trial.
   */
  readonly processIdentity?: string;
}

/** One metric as stored; `data` is the metric JSON-encoded (the reference double-encodes on the wire). */
export interface MetricRow {
  readonly trialJobId: string;
  readonly parameterId: number;
  readonly type: MetricType;
  /** 0, 1, 2 … for PERIODICAL metrics of one trial; 0 for FINAL. */
  readonly sequence: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** `JSON.stringify(metric)`. */
  readonly data: string;
}

/** The experiment as stored. */
export interface ExperimentRow {
  readonly id: string;
  /** The canonical config (JSON). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly status: ExperimentStatus;
  /** Milliseconds since the epoch. */
  readonly startTime: number;
  readonly endTime?: number;
  /** Seconds the experiment has run, over all its runs (resumes included). */
  readonly execDuration: number;
  readonly nextSequenceId: number;
  /** Incremented at every update of the profile. */
  readonly revision: number;
  /** The experiment's folder. */
  readonly logDir: string;
  /** Why the experiment is in ERROR, if it is. */
  readonly error?: string;
}

/** `GET /trial-jobs` items (reference `TrialJobInfo`). */
export interface TrialJobInfo {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly message?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  /** JSON strings `{parameter_id, parameter_source, parameters, parameter_index}`. */
  readonly hyperParameters: readonly string[];
  readonly logPath?: string;
  readonly finalMetricData?: readonly MetricDataRecord[];
  readonly stderrPath?: string;
}

/** `GET /metric-data` items (reference `MetricDataRecord`): `data` is a JSON string of the metric's JSON string. */
export interface MetricDataRecord {
  readonly timestamp: number;
  readonly trialJobId: string;
  readonly parameterId: string;
  readonly type: MetricType;
  readonly sequence: number;
  readonly data: string;
}

/** `GET /experiment` (reference `ExperimentProfile`). */
export interface ExperimentProfile {
  readonly params: Readonly<Record<string, unknown>>;
  readonly id: string;
  readonly execDuration: number;
  readonly logDir: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly nextSequenceId: number;
  readonly revision: number;
}

/** `GET /check-status` (reference `NNIManagerStatus`). */
export interface ManagerStatus {
  readonly status: ExperimentStatus;
  readonly errors: readonly string[];
}

/** `GET /job-statistics` items. */
export interface JobStatistics {
  readonly trialJobStatus: TrialJobStatus;
  readonly trialJobNumber: number;
}

/** `GET /export-data` items: `value` is the metric's JSON string, as in the reference. */
export interface ExportedTrial {
  readonly parameter: Readonly<Record<string, unknown>>;
  readonly value: string;
  readonly trialJobId: string;
}

/** One trial of the Pareto front, as `GET /pareto-front` gives it: its ids, parameters and objective values. */
export interface ParetoTrial extends Pick<TrialRow, 'trialJobId' | 'sequenceId' | 'parameters'> {
  /** Each objective's value, in the order of {@link ParetoFront.objectives}. */
  readonly values: readonly number[];
}

/**
 * `GET /pareto-front`: the succeeded, feasible trials no other such trial dominates by the
 * objectives, in submission order. An experiment without objectives has the one objective `default`
 * (its final result's number) in its direction: its front is its best trial(s), ties all kept.
 */
export interface ParetoFront {
  /** The objectives, as the config names them (or `[{ name: 'default', direction }]`). */
  readonly objectives: readonly { readonly name: string; readonly direction: 'maximize' | 'minimize' }[];
  /** The config's constraints (a trial that breaks one is never on the front). */
  readonly constraints: readonly { readonly name: string; readonly min?: number; readonly max?: number }[];
  /** False when the config names no objectives and the front is by the final result's number. */
  readonly configured: boolean;
  readonly trials: readonly ParetoTrial[];
}

/** The profile fields `PUT /experiment?update_type=…` can change. */
export type UpdateType = 'TRIAL_CONCURRENCY' | 'MAX_EXEC_DURATION' | 'SEARCH_SPACE' | 'MAX_TRIAL_NUM';

/** The update types of `PUT /experiment?update_type=…` and the profile key each one changes. */
export const UPDATE_KEYS: Readonly<Record<UpdateType, string>> = {
  TRIAL_CONCURRENCY: 'trialConcurrency',
  MAX_EXEC_DURATION: 'maxExperimentDuration',
  SEARCH_SPACE: 'searchSpace',
  MAX_TRIAL_NUM: 'maxTrialNumber',
};

/**
 * What the REST API serves: the manager implements it. Every method may throw an `ArchspaceError`
 * whose `code` tells the REST layer which 4xx to answer.
 */
export interface ManagerApi {
  status(): ManagerStatus;
  profile(): ExperimentProfile;
  /** Applies one update (`TRIAL_CONCURRENCY` → `trialConcurrency`, …) from a full profile body. */
  updateProfile(type: UpdateType, profile: ExperimentProfile): void;
  /** Stops the experiment (running trials are canceled). */
  stop(): Promise<void>;
  jobStatistics(): readonly JobStatistics[];
  listTrialJobs(status?: TrialJobStatus): readonly TrialJobInfo[];
  getTrialJob(trialJobId: string): TrialJobInfo;
  /** Cancels a trial by the user's request (→ `USER_CANCELED`). */
  cancelTrialJob(trialJobId: string): Promise<void>;
  /** Submits a trial with given parameters (a "customized trial"); returns its sequence id. */
  addCustomizedTrial(parameters: Readonly<Record<string, unknown>>): number;
  metricData(options?: { trialJobId?: string; type?: 'FINAL' | 'PERIODICAL' }): readonly MetricDataRecord[];
  exportData(): readonly ExportedTrial[];
  /** The Pareto front of the experiment's succeeded trials (see {@link ParetoFront}). */
  paretoFront(): ParetoFront;
  /**
   * A file of a trial's folder (`stdout`, `stderr`, `metrics.jsonl`, `parameters.json`), opened for
   * streaming: `openTrialFile(trialRow, filename)` from `manager/trial-file.ts` does it.
   */
  trialFile(trialJobId: string, filename: string): Promise<TrialFile>;
}

/**
 * A trial's file opened for reading, as `ManagerApi.trialFile` gives it. Its owner must either read
 * `stream()` (to its end, or cancel it) or call `close()`, so that the file descriptor is released.
 */
export interface TrialFile {
  /** The file's size when it was opened, in bytes: exactly what `stream()` gives. */
  readonly size: number;
  /** The bytes, read from the file chunk by chunk as the consumer asks; the file closes at the end, on error or on cancel. Call once. */
  stream(): ReadableStream<Uint8Array>;
  /** Closes the file without streaming it (for a HEAD request, say). Safe to call more than once. */
  close(): Promise<void>;
}
