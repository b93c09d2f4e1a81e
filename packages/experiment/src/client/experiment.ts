/**
 * The `Experiment` client: controls a running experiment and reads its results through the REST API,
 * as the reference's `nnicli.Experiment` does (seed 004), in camelCase.
 *
 * | reference (seed 004)          | archspace                                        |
 * |-------------------------------|--------------------------------------------------|
 * | `connect_experiment(endpoint)`| `Experiment.connect(urlOrPort, options)`         |
 * | `get_experiment_status()`     | `getExperimentStatus()`; `getStatus()` → status  |
 * | `get_experiment_profile()`    | `getExperimentProfile()`                         |
 * | `get_job_statistics()`        | `getJobStatistics()`                             |
 * | `list_trial_jobs()`           | `listTrialJobs(status?)`                         |
 * | `get_trial_job(id)`           | `getTrialJob(id)`                                |
 * | `get_job_metrics(id=None)`    | `getJobMetrics(id?)`                             |
 * | `export_data()`               | `exportData()`                                   |
 * | (none)                        | `getParetoFront()` (objectives and constraints)  |
 * | `update_concurrency(n)`       | `updateConcurrency(n)`                           |
 * | `update_duration('1h')`       | `updateDuration('1h' or seconds)`                |
 * | `update_searchspace(file)`    | `updateSearchSpace(file or space)`               |
 * | `update_trailnum(n)`          | `updateMaxTrialNumber(n)` (alias `updateTrialNum`)|
 * | `stop_experiment()`           | `stop()` (alias `stopExperiment`)                |
 * | `start/resume/view_experiment`| static factories that start a manager, then connect |
 */
import { resolve } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import {
  type ExperimentProfile,
  type ExperimentStatus,
  type ExportedTrial,
  type JobStatistics,
  type ManagerStatus,
  type MetricDataRecord,
  type ParetoFront,
  type TrialJobInfo,
  type TrialJobStatus,
  UPDATE_KEYS,
  type UpdateType,
} from '../records.js';
import { DEFAULT_CONFIG_LIMITS } from '../config/config-limits.js';
import { readSearchSpaceFile } from '../config/search-space-file.js';
import { DURATION_EXPECTED, durationSeconds } from '../config/duration.js';
import { resolveEndpoint } from './endpoint.js';
import { RestClient, type TransportOptions } from './rest-client.js';
import { decodeMetricRecord, decodeTrialJob, decodeTrialResult, type TrialJob, type TrialMetricData, type TrialResult } from './trial-records.js';
import { waitForReady, type WaitForReadyOptions } from './wait-for-ready.js';

/** Options of `new Experiment(...)` and `Experiment.connect(...)`. */
export interface ExperimentClientOptions extends TransportOptions, Omit<WaitForReadyOptions, 'token'> {}

/** The files `getTrialFile` can read. */
export type TrialFileName = 'stdout' | 'stderr' | 'metrics.jsonl' | 'parameters.json';


/** Statuses at which `waitUntilDone` returns. */
const END_STATUSES: readonly ExperimentStatus[] = ['DONE', 'STOPPED', 'ERROR'];

function positiveInteger(value: number, name: string): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new ArchspaceError({ code: 'invalid-value', path: [name], expected: 'an integer > 0', received: value });
}

/**
 * A handle on a running experiment. Construct it with an endpoint (no request is made) or use
 * `Experiment.connect`, which waits until the server answers.
 *
 * @example
 * ```ts
 * const exp = await Experiment.connect(8080);
 * await exp.updateConcurrency(3);
 * console.log(await exp.getStatus(), await exp.getJobStatistics());
 * for (const trial of await exp.listTrialJobs('SUCCEEDED')) console.log(trial.trialJobId, trial.finalMetricData[0]?.data);
 * await exp.stop();
 * ```
 */
export class Experiment {
  /** The experiment's endpoint, `http://host:port[/prefix]` (the web UI's address). */
  readonly endpoint: string;
  /** The transport; subclasses and static factories may use it for requests of their own. */
  protected readonly rest: RestClient;

  constructor(endpoint: string | number, options: TransportOptions = {}) {
    this.endpoint = resolveEndpoint(endpoint);
    this.rest = new RestClient(this.endpoint, options);
  }

  /**
   * Connects to a running experiment: `endpoint` is its port on this machine or its URL. Waits until
   * the server answers (retrying refused connections for up to `readyTimeoutMs`, default 60 s), so it
   * can be called right after the manager was launched.
   *
   * @example
   * ```ts
   * const exp = await Experiment.connect('http://10.0.0.5:8080', { token: process.env.ARCHSPACE_TOKEN });
   * ```
   */
  static async connect<E extends Experiment>(
    this: new (endpoint: string | number, options?: TransportOptions) => E,
    endpoint: string | number,
    options: ExperimentClientOptions = {},
  ): Promise<E> {
    const experiment = new this(endpoint, options);
    await waitForReady(experiment.endpoint, options);
    return experiment;
  }

  /** The manager's status and errors (`GET /check-status`). */
  getExperimentStatus(): Promise<ManagerStatus> {
    return this.rest.request<ManagerStatus>('GET', '/check-status');
  }

  /** The experiment's status alone, such as `"RUNNING"` or `"DONE"`. */
  async getStatus(): Promise<ExperimentStatus> {
    return (await this.getExperimentStatus()).status;
  }

  /** The experiment's profile: its config (`params`), id, duration so far, log folder … */
  getExperimentProfile(): Promise<ExperimentProfile> {
    return this.rest.request<ExperimentProfile>('GET', '/experiment');
  }

  /** The server's archspace version. */
  getVersion(): Promise<string> {
    return this.rest.request<string>('GET', '/version');
  }

  /** How many trials are in each status, e.g. `[{ trialJobStatus: 'SUCCEEDED', trialJobNumber: 12 }]`. */
  getJobStatistics(): Promise<JobStatistics[]> {
    return this.rest.request<JobStatistics[]>('GET', '/job-statistics');
  }

  /** Every trial, or those in `status`. */
  async listTrialJobs(status?: TrialJobStatus): Promise<TrialJob[]> {
    const query = status === undefined ? '' : `?status=${encodeURIComponent(status)}`;
    return (await this.rest.request<TrialJobInfo[]>('GET', `/trial-jobs${query}`)).map(decodeTrialJob);
  }

  /** One trial; rejects with status 404 when the experiment has no trial `trialJobId`. */
  async getTrialJob(trialJobId: string): Promise<TrialJob> {
    return decodeTrialJob(await this.rest.request<TrialJobInfo>('GET', `/trial-jobs/${encodeURIComponent(trialJobId)}`));
  }

  /**
   * Every metric of every trial (or of `trialJobId` only), grouped by trial id, in report order, with
   * each metric's data decoded.
   *
   * @example
   * ```ts
   * const metrics = await exp.getJobMetrics();
   * metrics['Xa2bC']?.filter((m) => m.type === 'PERIODICAL').map((m) => m.data); // [0.5, 0.7]
   * ```
   */
  async getJobMetrics(trialJobId?: string): Promise<Record<string, TrialMetricData[]>> {
    const path = trialJobId === undefined ? '/metric-data' : `/metric-data/${encodeURIComponent(trialJobId)}`;
    const records = await this.rest.request<MetricDataRecord[]>('GET', path);
    // No prototype: a trial id such as "__proto__" is an ordinary key.
    const grouped = Object.create(null) as Record<string, TrialMetricData[]>;
    for (const record of records) (grouped[record.trialJobId] ??= []).push(decodeMetricRecord(record));
    return grouped;
  }

  /** Each finished trial's parameters and final result (decoded). */
  async exportData(): Promise<TrialResult[]> {
    return (await this.rest.request<ExportedTrial[]>('GET', '/export-data')).map(decodeTrialResult);
  }

  /**
   * The Pareto front: the succeeded trials that meet every constraint and that no other such trial
   * dominates by the config's objectives, each with its parameters and objective values (in the
   * order of `objectives`). Without objectives in the config, the best trial(s) by the final result's
   * number (`configured: false`).
   *
   * @example
   * ```ts
   * const front = await exp.getParetoFront();
   * for (const t of front.trials) console.log(t.trialJobId, t.parameters, t.values); // values: [accuracy, flops]
   * ```
   */
  async getParetoFront(): Promise<ParetoFront> {
    return this.rest.request<ParetoFront>('GET', '/pareto-front');
  }

  /** The text of a file of a trial's folder. */
  getTrialFile(trialJobId: string, filename: TrialFileName): Promise<string> {
    return this.rest.request<string>('GET', `/trial-file/${encodeURIComponent(trialJobId)}/${encodeURIComponent(filename)}`, { expect: 'text' });
  }

  /** Changes how many trials run at once. */
  async updateConcurrency(value: number): Promise<void> {
    return this.#update('TRIAL_CONCURRENCY', positiveInteger(value, 'value'));
  }

  /**
   * Changes the experiment's maximum duration: seconds, or a string with a unit `s`, `m`, `h` or `d`.
   *
   * @example
   * ```ts
   * await exp.updateDuration('2h');
   * ```
   */
  async updateDuration(value: string | number): Promise<void> {
    if (durationSeconds(value) === undefined) throw new ArchspaceError({ code: 'invalid-duration', path: ['value'], expected: DURATION_EXPECTED, received: value });
    return this.#update('MAX_EXEC_DURATION', value);
  }

  /**
   * Changes the search space: a search-space object, or the path of a JSON or YAML file holding one
   * (the reference takes a file name).
   */
  async updateSearchSpace(spaceOrFile: Readonly<Record<string, unknown>> | string): Promise<void> {
    const space = typeof spaceOrFile === 'string' ? await readSearchSpace(spaceOrFile) : spaceOrFile;
    if (typeof space !== 'object' || space === null || Array.isArray(space)) {
      throw new ArchspaceError({ code: 'invalid-search-space', path: typeof spaceOrFile === 'string' ? [spaceOrFile] : [], expected: 'a search space (an object)', received: space });
    }
    return this.#update('SEARCH_SPACE', space);
  }

  /** Changes the maximum number of trials. */
  async updateMaxTrialNumber(value: number): Promise<void> {
    return this.#update('MAX_TRIAL_NUM', positiveInteger(value, 'value'));
  }

  /** The reference's `update_trailnum`: same as `updateMaxTrialNumber`. */
  updateTrialNum(value: number): Promise<void> {
    return this.updateMaxTrialNumber(value);
  }

  /** Submits a trial with the given parameters (a "customized trial"); resolves with its sequence id. */
  async addCustomizedTrial(parameters: Readonly<Record<string, unknown>>): Promise<number> {
    return (await this.rest.request<{ sequenceId: number }>('POST', '/trial-jobs', { body: parameters })).sequenceId;
  }

  /** Cancels a waiting or running trial (it ends as `USER_CANCELED`). */
  cancelTrialJob(trialJobId: string): Promise<void> {
    return this.rest.request('DELETE', `/trial-jobs/${encodeURIComponent(trialJobId)}`, { expect: 'none' });
  }

  /** Stops the experiment; its running trials are canceled. */
  stop(): Promise<void> {
    return this.rest.request('DELETE', '/experiment', { expect: 'none' });
  }

  /** The reference's `stop_experiment`: same as `stop()`. */
  stopExperiment(): Promise<void> {
    return this.stop();
  }

  /**
   * Polls the status until the experiment is `DONE`, `STOPPED` or `ERROR` and returns it (the
   * reference's `run()` does this after starting).
   *
   * @example
   * ```ts
   * const ok = (await exp.waitUntilDone({ pollIntervalMs: 5000 })) !== 'ERROR';
   * ```
   */
  async waitUntilDone(options: { pollIntervalMs?: number; signal?: AbortSignal } = {}): Promise<ExperimentStatus> {
    for (;;) {
      options.signal?.throwIfAborted();
      const status = await this.getStatus();
      if (END_STATUSES.includes(status)) return status;
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 1000));
    }
  }

  /** Reads the profile, changes `params[key]` and sends it back, as the reference's client does. */
  async #update(type: UpdateType, value: unknown): Promise<void> {
    const profile = await this.getExperimentProfile();
    const body = { ...profile, params: { ...profile.params, [UPDATE_KEYS[type]]: value } };
    await this.rest.request('PUT', `/experiment?update_type=${type}`, { body, expect: 'none' });
  }
}

/** The search space in a JSON or YAML file, read as config files are (duplicate keys refused). */
async function readSearchSpace(file: string): Promise<unknown> {
  // Bounded like a config's searchSpaceFile: no FIFO, device or huge file is read, no content echoed.
  return readSearchSpaceFile(resolve(file), DEFAULT_CONFIG_LIMITS).value;
}
