/**
 * The one storage interface of an experiment: its profile, its trials and their metrics. Every store
 * (SQLite on disk, in memory) passes the same contract suite (`test-support/store-contract.ts`), so
 * the manager, the REST API and `view` never care which one they hold.
 */
import type { ExperimentRow, MetricRow, MetricType, TrialJobInfo, TrialJobStatus, TrialRow } from '../records.js';
import type { TrialPage, TrialPageQuery } from './trial-page.js';

export type { TrialPage, TrialPageQuery, TrialSortKey, TrialSummaryRow } from './trial-page.js';

/**
 * Fields `updateTrial` may change. A key that is present with the value `undefined` clears an
 * optional field (`{ pid: undefined }` when the process has ended); absent keys are left alone.
 */
export type TrialPatch = { readonly [K in Exclude<keyof TrialRow, 'trialJobId' | 'sequenceId'>]?: TrialRow[K] };

/**
 * Fields `updateExperiment` may change (`id` never; `revision` is bumped by the store). A key present
 * with the value `undefined` clears an optional field.
 */
export type ExperimentPatch = { readonly [K in Exclude<keyof ExperimentRow, 'id' | 'revision'>]?: ExperimentRow[K] };

/** Which trials `listTrials` returns: those with `status` (all when absent), from `offset`, at most `limit`. */
export interface TrialQuery {
  readonly status?: TrialJobStatus;
  /** Trials to skip, in sequence order (default 0). */
  readonly offset?: number;
  /** Trials to return at most (default: all). */
  readonly limit?: number;
}

/** Which metrics `listMetrics` returns: of one trial and/or one type (all when absent). */
export interface MetricQuery {
  readonly trialJobId?: string;
  readonly type?: MetricType;
}

/**
 * Where an experiment keeps what it must never lose. Every method is synchronous and every write is
 * committed when it returns, so a manager killed at any moment (even by SIGKILL) keeps every result it
 * had recorded. Rows going in are checked against the record types and rows coming out are fresh
 * copies: JSON fields (`config`, `parameters`, `sample`) round-trip exactly, and changing a returned
 * row never changes the store. Problems are reported as {@link StoreError}.
 *
 * @example
 * ```ts
 * const store = SqliteStore.open(join(logDir, 'experiment.db'));
 * store.insertTrial({ trialJobId: 'a1', sequenceId: 0, status: 'WAITING', parameterId: 0, parameters: { lr: 0.1 }, sample: { lr: 0.1 } });
 * store.updateTrial('a1', { status: 'RUNNING', startTime: Date.now() });
 * store.insertMetric({ trialJobId: 'a1', parameterId: 0, type: 'FINAL', sequence: 0, timestamp: Date.now(), data: '0.93' });
 * store.finalMetrics(); // [{ trialJobId: 'a1', ..., data: '0.93' }]
 * ```
 */
export interface ExperimentStore {
  /** True when the store refuses writes (opened for viewing). */
  readonly readonly: boolean;

  /** Stores the experiment's profile, replacing it if present; a different `id` is refused. */
  saveExperiment(row: ExperimentRow): void;
  /** The experiment's profile, or `undefined` before the first `saveExperiment`. */
  getExperiment(): ExperimentRow | undefined;
  /** Changes some fields of the profile and bumps its `revision` by one; returns the new profile. */
  updateExperiment(patch: ExperimentPatch): ExperimentRow;

  /** Adds a trial; its `trialJobId` and `sequenceId` must be new. */
  insertTrial(row: TrialRow): void;
  /** Changes some fields of a trial; returns the new row. */
  updateTrial(trialJobId: string, patch: TrialPatch): TrialRow;
  /** One trial, or `undefined` if there is none with that id. */
  getTrial(trialJobId: string): TrialRow | undefined;
  /** Trials in `sequenceId` order. */
  listTrials(query?: TrialQuery): TrialRow[];
  /** The number of trials (with `status`, if given). */
  countTrials(status?: TrialJobStatus): number;
  /** The number of trials in each status (every status present, zero included). */
  trialStatistics(): Record<TrialJobStatus, number>;
  /**
   * The body of `GET /trial-jobs[?status=S]`: a JSON array of every trial (with `status`, if given)
   * as a `TrialJobInfo` joined with its first FINAL metric, in `sequenceId` order. The REST API's fast
   * path: stores keep each trial's entry as text, so this is one concatenation, with no per-row query
   * and no parsing.
   */
  trialJobInfosJson(query?: { readonly status?: TrialJobStatus }): string;
  /** `JSON.parse(trialJobInfosJson(query))`: the same listing as objects. */
  listTrialJobInfos(query?: { readonly status?: TrialJobStatus }): TrialJobInfo[];
  /** One trial's entry of that listing (`GET /trial-jobs/:id`), or `undefined` if there is no such trial. */
  getTrialJobInfo(trialJobId: string): TrialJobInfo | undefined;
  /**
   * The same entries as `trialJobInfosJson`, in slices of a few thousand: each slice is the UTF-8 of
   * its entries joined by `,` (never empty), read when the caller asks for it by its own short query
   * (nothing is held open between slices), so a long listing can be streamed without building it
   * whole. A trial changed while the caller iterates shows either state.
   */
  trialJobInfoSlices(query?: { readonly status?: TrialJobStatus }): Iterable<Uint8Array>;
  /**
   * A page of trials for the dashboard: filtered, sorted (trials without a value for the key last,
   * ties by sequence id), sliced, with the number of matches. See {@link TrialPageQuery}.
   */
  trialPage(query?: TrialPageQuery): TrialPage;
  /** Every label of any trial's sample, sorted. */
  sampleLabels(): string[];
  /** The ids of the `limit` most recently started trials that have PERIODICAL metrics, latest first. */
  latestTrialsWithIntermediates(limit: number): string[];

  /** Adds a metric of an existing trial; `data` must be JSON text. */
  insertMetric(row: MetricRow): void;
  /**
   * Adds many metrics at once, all or none (one transaction): what a manager reads from a trial's
   * metrics file in one look. A refused row's error path starts with its index.
   */
  insertMetrics(rows: readonly MetricRow[]): void;
  /**
   * Removes every metric of a trial (its listing entry loses its final metric): a trial that is run
   * again from the start (a resumed experiment re-runs the trials its killed manager left unfinished)
   * reports its metrics anew.
   */
  deleteMetrics(trialJobId: string): void;
  /** Metrics in `timestamp` order, then in the order they were added (a trial reports in order). */
  listMetrics(query?: MetricQuery): MetricRow[];
  /** The first FINAL metric of each trial that has one, in the trials' `sequenceId` order. */
  finalMetrics(): MetricRow[];

  /**
   * Runs `fn` atomically: its writes are all kept when it returns, or all undone when it throws.
   * Transactions nest. `fn` must be synchronous (a promise is refused, the writes undone).
   */
  transaction<T>(fn: () => T): T;
  /** Releases the store; any later call throws `StoreError` with code `"store-closed"`. Idempotent. */
  close(): void;
}
