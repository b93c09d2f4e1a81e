/**
 * The shapes the REST API answers, as `packages/experiment/src/rest/dashboard-api.md` describes them.
 * The dashboard reads nothing else.
 */

/** A trial's status (the reference's `TrialJobStatus`). */
export type TrialStatus = 'UNKNOWN' | 'WAITING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'USER_CANCELED' | 'SYS_CANCELED' | 'EARLY_STOPPED';

/** Every trial status, in the order the status filter lists them. */
export const TRIAL_STATUSES: readonly TrialStatus[] = ['WAITING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'USER_CANCELED', 'SYS_CANCELED', 'EARLY_STOPPED', 'UNKNOWN'];

/** Statuses a trial never leaves. */
export const FINISHED_STATUSES: readonly TrialStatus[] = ['SUCCEEDED', 'FAILED', 'USER_CANCELED', 'SYS_CANCELED', 'EARLY_STOPPED'];

/** `GET /api/v1/archspace/overview`. */
export interface Overview {
  readonly id: string;
  readonly status: string;
  /** True for `archspace view`: the dashboard shows no write control. */
  readonly readOnly: boolean;
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** Seconds, over all runs. */
  readonly execDuration: number;
  readonly trialConcurrency: number;
  readonly maxTrialNumber: number | null;
  /** Seconds. */
  readonly maxExperimentDuration: number | null;
  readonly optimizeMode: 'maximize' | 'minimize';
  readonly tuner: string | null;
  readonly trialCounts: Readonly<Partial<Record<TrialStatus, number>>>;
  readonly totalTrials: number;
  readonly best: { readonly trialJobId: string; readonly sequenceId: number; readonly metric: number } | null;
  readonly labels: readonly string[];
  readonly errors: readonly string[];
  /** Only when the config names objectives: them, in its order. */
  readonly objectives?: readonly ObjectiveSpec[];
}

/** One row of `GET /trials`. */
export interface TrialSummary {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialStatus;
  /** The sample: label → value. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly metric: number | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  /** Milliseconds. */
  readonly duration: number | null;
  readonly message: string | null;
  /**
   * In `GET /trials` rows only, when the config names objectives: each one's value in the final
   * result, in the order of `Overview.objectives`; null where the trial did not report it.
   */
  readonly objectives?: readonly (number | null)[];
}

/** `GET /trials`. */
export interface TrialPage {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly trials: readonly TrialSummary[];
}

/** One intermediate result of a trial. */
export interface IntermediatePoint {
  readonly sequence: number;
  readonly timestamp?: number;
  readonly value: number;
}

/** `GET /trials/:id`. */
export interface TrialDetail extends TrialSummary {
  /** What the trial received; for a NAS trial `model` is its IR JSON. */
  readonly trialParameters: Readonly<Record<string, unknown>>;
  readonly intermediate: readonly IntermediatePoint[];
  readonly final: { readonly value: number; readonly data: unknown } | null;
  readonly logPath: string | null;
}

/** `GET /trial-columns`: every trial, column by column. */
export interface TrialColumns {
  readonly total: number;
  readonly sequenceId: readonly number[];
  readonly trialJobId: readonly string[];
  readonly status: readonly TrialStatus[];
  readonly metric: readonly (number | null)[];
  readonly parameters: Readonly<Record<string, readonly unknown[]>>;
}

/** `GET /intermediate`: trial id → its intermediate results. */
export type IntermediateByTrial = Readonly<Record<string, readonly IntermediatePoint[]>>;

/** One label's importance in `GET /importance`. */
export interface LabelImportance {
  readonly label: string;
  readonly kind: 'categorical' | 'numerical';
  /** 0 … 1. */
  readonly importance: number;
  readonly active: number;
}

/** `GET /importance`. */
export interface Importance {
  /** The method, in words. */
  readonly method: string;
  readonly trials: number;
  readonly importances: readonly LabelImportance[];
}

/** One objective the experiment searches: a metric of the final result, and which way is better. */
export interface ObjectiveSpec {
  readonly name: string;
  readonly direction: 'maximize' | 'minimize';
}

/** A bound on a metric of the final result; a trial outside it is never on the Pareto front. */
export interface MetricBound {
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
}

/** One trial of the Pareto front. */
export interface ParetoTrial {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** One value per objective, in the order of `ParetoFront.objectives`. */
  readonly values: readonly number[];
}

/**
 * `GET /pareto-front`: the succeeded trials that meet every constraint and that no other such trial
 * beats in every objective, in submission order. Without objectives in the config (`configured`
 * false) the one objective is `default` in the experiment's direction: the best trial(s).
 */
export interface ParetoFront {
  readonly objectives: readonly ObjectiveSpec[];
  readonly constraints: readonly MetricBound[];
  readonly configured: boolean;
  readonly trials: readonly ParetoTrial[];
}

/** One row of `GET /export-data`: a succeeded trial with a final result. */
export interface ExportedTrial {
  readonly trialJobId: string;
  readonly parameter: Readonly<Record<string, unknown>>;
  /** The final result as JSON text: a number, or a record of metrics. */
  readonly value: string;
}

/** The body of `metric` events. */
export interface MetricEvent {
  readonly trialJobId: string;
  readonly type: string;
  readonly sequence: number;
  readonly value: unknown;
}

/** The error body every endpoint answers with on failure. */
export interface ApiErrorBody {
  readonly error: { readonly code?: string; readonly message?: string; readonly path?: readonly (string | number)[] };
}
