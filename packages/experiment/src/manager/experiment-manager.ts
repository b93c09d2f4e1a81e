/**
 * The experiment manager: asks the strategy for samples, runs each as a trial process, reads the
 * metrics the trial reports, lets the assessor stop poor trials, tells the strategy the outcomes,
 * and enforces the budgets. Every status change and metric is written to the store before anything
 * else happens, so a manager killed at any moment loses no finished result, and `resume` continues
 * from the store without repeating a finished trial.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import type { Mutable, Sample } from '@archspace/mutables';
import type { Assessor, Direction, Outcome, Proposal, Strategy, StrategySession } from '@archspace/strategies';
import { createRng } from '@archspace/mutables';
import type {
  ExperimentProfile,
  ExperimentRow,
  ExperimentStatus,
  ExportedTrial,
  JobStatistics,
  ManagerApi,
  ManagerStatus,
  MetricDataRecord,
  TrialJobInfo,
  TrialJobStatus,
  TrialRow,
  UpdateType,
} from '../records.js';
import { FINAL_TRIAL_STATUSES, TRIAL_JOB_STATUSES, UPDATE_KEYS } from '../records.js';
import { parseDuration } from '../config/duration.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { isAlive, killProcessGroup, LocalTrainingService, type RunningTrial } from '../training-service/local-training-service.js';
import { MetricsReader } from '../training-service/metrics-reader.js';
import { type ParameterRecord, TRIAL_ENV, TRIAL_FILES } from '../trial/trial-env.js';
import { experimentProfile, exportedTrials, metricDataRecord, metricValue } from './api-views.js';
import { newTrialId } from './trial-id.js';
import { judgeTrial, type StopReason } from './trial-outcome.js';

/** What the manager needs to know; built from an experiment config. */
export interface ManagerSettings {
  readonly id: string;
  /** The experiment's folder (the store, `trials/<id>/` folders). */
  readonly dir: string;
  readonly trialCommand: string;
  readonly trialCodeDirectory: string;
  readonly trialConcurrency: number;
  readonly maxTrialNumber?: number;
  readonly maxExperimentDurationSeconds?: number;
  readonly maxTrialDurationSeconds?: number;
  readonly seed: number | string;
  readonly direction: Direction;
  /** The canonical config, served as the profile's `params`. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Extra environment variables for every trial. */
  readonly env?: Readonly<Record<string, string>>;
}

/** What the manager searches with. */
export interface ManagerParts {
  readonly store: ExperimentStore;
  readonly space: Mutable;
  readonly strategy: Strategy;
  readonly assessor?: Assessor;
  /** The parameters a trial receives for a sample (default: `space.freeze(sample)`). */
  readonly parametersOf?: (sample: Sample) => Readonly<Record<string, unknown>>;
  /** Replaces the search space on `PUT /experiment?update_type=SEARCH_SPACE` (HPO only). */
  readonly spaceFromJson?: (json: unknown) => Mutable;
}

/** How the manager starts. */
export type ManagerMode = 'new' | 'resume' | 'view';

interface LiveTrial {
  readonly row: TrialRow;
  readonly proposal: Proposal | undefined;
  readonly process: RunningTrial;
  readonly reader: MetricsReader;
  readonly intermediates: number[];
  final: number | undefined;
  stopReason: StopReason | undefined;
}

const POLL_MS = 100;

function managerError(code: string, message: string, received?: unknown): ArchspaceError {
  return new ArchspaceError({ code, message, ...(received !== undefined ? { received } : {}) });
}

/**
 * Runs one experiment. Make it with {@link ExperimentManager.open}, then `run()`.
 *
 * @example
 * ```ts
 * const manager = ExperimentManager.open('new', settings, { store, space, strategy });
 * const status = await manager.run(); // 'DONE'
 * ```
 */
export class ExperimentManager implements ManagerApi {
  readonly #settings: ManagerSettings;
  readonly #store: ExperimentStore;
  readonly #parametersOf: (sample: Sample) => Readonly<Record<string, unknown>>;
  readonly #service = new LocalTrainingService();
  readonly #live = new Map<string, LiveTrial>();
  readonly #customized: Readonly<Record<string, unknown>>[] = [];
  readonly #errors: string[] = [];
  readonly #listingBodies = new Map<TrialJobStatus | undefined, { text: string; body: Uint8Array }>();
  #space: Mutable;
  #strategy: Strategy;
  #assessor: Assessor | undefined;
  #session: StrategySession;
  #status: ExperimentStatus;
  #runStarted = 0;
  #baseDuration = 0;
  #wake: (() => void) | undefined;
  #strategyDone = false;
  #stopping = false;
  readonly #mode: ManagerMode;

  private constructor(mode: ManagerMode, settings: ManagerSettings, parts: ManagerParts) {
    this.#mode = mode;
    this.#settings = settings;
    this.#store = parts.store;
    this.#space = parts.space;
    this.#strategy = parts.strategy;
    this.#assessor = parts.assessor;
    this.#parametersOf = parts.parametersOf ?? ((sample) => parts.space.freeze(sample) as Record<string, unknown>);
    this.spaceFromJson = parts.spaceFromJson;
    this.#session = this.#newSession();
    this.#status = 'INITIALIZED';
  }

  /** How `SEARCH_SPACE` updates build the new space, if they are allowed. */
  readonly spaceFromJson: ((json: unknown) => Mutable) | undefined;

  /**
   * Opens an experiment: `new` stores its profile; `resume` restores the strategy from the stored
   * trials and cancels trials a killed manager left running; `view` serves the store read-only.
   */
  static open(mode: ManagerMode, settings: ManagerSettings, parts: ManagerParts): ExperimentManager {
    const manager = new ExperimentManager(mode, settings, parts);
    manager.#initialize();
    return manager;
  }

  #newSession(): StrategySession {
    return this.#strategy.start({ space: this.#space, rng: createRng(this.#settings.seed), direction: this.#settings.direction });
  }

  #initialize(): void {
    const store = this.#store;
    if (this.#mode === 'new') {
      if (store.getExperiment() !== undefined) throw managerError('experiment-exists', `the store of ${this.#settings.dir} already holds an experiment; use resume`);
      mkdirSync(join(this.#settings.dir, 'trials'), { recursive: true });
      store.saveExperiment({
        id: this.#settings.id,
        config: this.#settings.config,
        status: 'INITIALIZED',
        startTime: Date.now(),
        execDuration: 0,
        nextSequenceId: 0,
        revision: 0,
        logDir: this.#settings.dir,
      });
      return;
    }
    const row = store.getExperiment();
    if (row === undefined) throw managerError('no-experiment', `no experiment is stored in ${this.#settings.dir}`);
    this.#baseDuration = row.execDuration;
    this.#status = this.#mode === 'view' ? 'VIEWED' : row.status;
    if (this.#mode === 'view') return;
    // Trials a killed manager left behind never finished: stop their processes and cancel them.
    for (const trial of store.listTrials()) {
      if (FINAL_TRIAL_STATUSES.includes(trial.status)) continue;
      if (trial.pid !== undefined && isAlive(trial.pid)) killProcessGroup(trial.pid, 'SIGKILL');
      store.updateTrial(trial.trialJobId, { status: 'SYS_CANCELED', endTime: Date.now(), message: 'the manager stopped before this trial finished; it was canceled on resume' });
    }
    this.#restoreSession();
  }

  #restoreSession(): void {
    const finals = new Map(this.#store.finalMetrics().map((m) => [m.trialJobId, metricValue(m.data)]));
    const entries: { sample: Sample; budget?: number; outcome: Outcome }[] = [];
    for (const trial of this.#store.listTrials()) {
      if (trial.status === 'SYS_CANCELED' || !this.#space.contains(trial.sample)) continue;
      const value = finals.get(trial.trialJobId);
      const outcome: Outcome =
        trial.status === 'SUCCEEDED' && value !== undefined
          ? { status: 'succeeded', value }
          : trial.status === 'EARLY_STOPPED'
            ? { status: 'stopped', intermediates: [] }
            : { status: 'failed', ...(trial.message !== undefined ? { error: trial.message } : {}) };
      entries.push({ sample: trial.sample, ...(trial.budget !== undefined ? { budget: trial.budget } : {}), outcome });
    }
    this.#session.restore(entries);
  }

  /** The seconds this experiment has run, over all its runs. */
  get execDuration(): number {
    return this.#baseDuration + (this.#runStarted === 0 ? 0 : (Date.now() - this.#runStarted) / 1000);
  }

  #setStatus(status: ExperimentStatus, extra: { endTime?: number; error?: string } = {}): void {
    this.#status = status;
    this.#store.updateExperiment({ status, execDuration: this.execDuration, ...extra });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #counted(): number {
    return this.#store.countTrials() - this.#store.countTrials('SYS_CANCELED');
  }

  #budgetLeft(): boolean {
    const max = this.#settings.maxTrialNumber;
    if (max !== undefined && this.#counted() >= max) return false;
    const maxSeconds = this.#settings.maxExperimentDurationSeconds;
    return maxSeconds === undefined || this.execDuration < maxSeconds;
  }

  /** Starts trials while there is room, budget and something to run. */
  #fill(): void {
    while (!this.#stopping && this.#live.size < this.#settings.trialConcurrency && this.#budgetLeft()) {
      const customized = this.#customized.shift();
      if (customized !== undefined) {
        this.#startTrial(undefined, customized, customized);
        continue;
      }
      if (this.#strategyDone) return;
      const proposal = this.#session.ask();
      if (proposal === undefined) {
        // Done for good, or waiting for outcomes that will never come because nothing runs.
        if (this.#session.done || this.#live.size === 0) this.#strategyDone = true;
        return;
      }
      let parameters: Readonly<Record<string, unknown>>;
      try {
        parameters = this.#parametersOf(proposal.sample);
      } catch (error) {
        this.#session.tell(proposal.id, { status: 'failed', error: (error as Error).message });
        this.#errors.push(`could not build the parameters of a sample: ${(error as Error).message}`);
        continue;
      }
      this.#startTrial(proposal, proposal.sample, parameters);
    }
  }

  #startTrial(proposal: Proposal | undefined, sample: Sample, parameters: Readonly<Record<string, unknown>>): void {
    const store = this.#store;
    const experiment = store.getExperiment()!;
    const trialJobId = newTrialId((id) => store.getTrial(id) !== undefined);
    const trialDir = join(this.#settings.dir, 'trials', trialJobId);
    mkdirSync(trialDir, { recursive: true });
    const record: ParameterRecord = {
      parameter_id: experiment.nextSequenceId,
      parameter_source: proposal ? 'algorithm' : 'customized',
      parameters,
      parameter_index: 0,
    };
    writeFileSync(join(trialDir, TRIAL_FILES.parameters), JSON.stringify(record));
    const row: TrialRow = {
      trialJobId,
      sequenceId: experiment.nextSequenceId,
      status: 'WAITING',
      parameterId: record.parameter_id,
      parameters,
      sample,
      ...(proposal?.budget !== undefined ? { budget: proposal.budget } : {}),
      logPath: trialDir,
    };
    store.transaction(() => {
      store.insertTrial(row);
      store.updateExperiment({ nextSequenceId: experiment.nextSequenceId + 1 });
    });
    const metricsFile = join(trialDir, TRIAL_FILES.metrics);
    writeFileSync(metricsFile, '');
    const timeout = this.#settings.maxTrialDurationSeconds;
    const process = this.#service.start({
      command: this.#settings.trialCommand,
      cwd: this.#settings.trialCodeDirectory,
      trialDir,
      env: {
        ...this.#settings.env,
        [TRIAL_ENV.experimentId]: this.#settings.id,
        [TRIAL_ENV.trialJobId]: trialJobId,
        [TRIAL_ENV.sequenceId]: String(row.sequenceId),
        [TRIAL_ENV.trialDir]: trialDir,
        [TRIAL_ENV.parametersFile]: join(trialDir, TRIAL_FILES.parameters),
        [TRIAL_ENV.metricsFile]: metricsFile,
        ...(proposal?.budget !== undefined ? { ARCHSPACE_TRIAL_BUDGET: String(proposal.budget) } : {}),
      },
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    });
    const started = store.updateTrial(trialJobId, { status: 'RUNNING', startTime: Date.now(), ...(process.pid !== undefined ? { pid: process.pid } : {}) });
    const live: LiveTrial = { row: started, proposal, process, reader: new MetricsReader(metricsFile), intermediates: [], final: undefined, stopReason: undefined };
    this.#live.set(trialJobId, live);
    void process.exited.then((exit) => {
      this.#finishTrial(live, exit);
      this.#notify();
    });
  }

  /** Stores the metrics a trial appended since the last look; lets the assessor judge the trial. */
  #collect(live: LiveTrial): void {
    const { lines, rejected } = live.reader.read();
    for (const reason of rejected) this.#errors.push(`trial ${live.row.trialJobId}: ${reason}`);
    for (const line of lines) {
      const value = metricValue(line.value);
      this.#store.insertMetric({
        trialJobId: live.row.trialJobId,
        parameterId: live.row.parameterId,
        type: line.type,
        sequence: line.sequence,
        timestamp: line.timestamp,
        data: line.value,
      });
      if (value === undefined) continue;
      if (line.type === 'FINAL') live.final ??= value;
      else {
        live.intermediates.push(value);
        if (this.#assessor && live.stopReason === undefined) {
          const others = [...this.#live.values()].filter((t) => t !== live).map((t) => ({ id: t.proposal?.id ?? -1, intermediates: t.intermediates }));
          const verdict = this.#assessor.assess({ id: live.proposal?.id ?? -1, intermediates: live.intermediates }, others, this.#settings.direction);
          if (verdict === 'stop') {
            live.stopReason = 'EARLY_STOPPED';
            live.process.kill();
          }
        }
      }
    }
  }

  #finishTrial(live: LiveTrial, exit: Parameters<typeof judgeTrial>[0]['exit']): void {
    this.#collect(live);
    const judged = judgeTrial({
      exit,
      stopReason: live.stopReason,
      intermediates: live.intermediates,
      final: live.final,
      stderrFile: join(live.row.logPath!, TRIAL_FILES.stderr),
      timeoutSeconds: this.#settings.maxTrialDurationSeconds,
    });
    this.#store.updateTrial(live.row.trialJobId, { status: judged.status, endTime: Date.now(), ...(judged.message !== undefined ? { message: judged.message } : {}) });
    this.#live.delete(live.row.trialJobId);
    if (live.proposal !== undefined && live.stopReason !== 'EXPERIMENT_STOPPED') this.#session.tell(live.proposal.id, judged.outcome);
  }

  /**
   * Runs trials until the budget is spent, the strategy has nothing left, or `stop()` is called;
   * resolves with the final status.
   */
  async run(): Promise<ExperimentStatus> {
    if (this.#mode === 'view') throw managerError('read-only', 'a viewed experiment does not run; resume it instead');
    this.#runStarted = Date.now();
    this.#setStatus('RUNNING');
    const poll = setInterval(() => {
      for (const live of this.#live.values()) this.#collect(live);
      this.#store.updateExperiment({ execDuration: this.execDuration });
      this.#notify();
    }, POLL_MS);
    try {
      for (;;) {
        this.#fill();
        if (this.#live.size === 0) {
          const more = !this.#stopping && this.#budgetLeft() && (this.#customized.length > 0 || !this.#strategyDone);
          if (!more) break;
          continue;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      clearInterval(poll);
    }
    const final: ExperimentStatus = this.#stopping ? 'STOPPED' : this.#errors.length > 0 && this.#counted() === 0 ? 'ERROR' : 'DONE';
    this.#setStatus(final, { endTime: Date.now(), ...(final === 'ERROR' ? { error: this.#errors.join('; ') } : {}) });
    this.#baseDuration = this.execDuration;
    this.#runStarted = 0;
    return final;
  }

  // ---- ManagerApi -------------------------------------------------------------------------

  status(): ManagerStatus {
    return { status: this.#status, errors: [...this.#errors] };
  }

  profile(): ExperimentProfile {
    const row = this.#store.getExperiment()!;
    return experimentProfile({ ...row, execDuration: this.#runStarted === 0 ? row.execDuration : this.execDuration });
  }

  #requireWritable(action: string): void {
    if (this.#mode === 'view') throw managerError('read-only', `cannot ${action}: the experiment is opened read-only (view)`);
  }

  updateProfile(type: UpdateType, profile: ExperimentProfile): void {
    this.#requireWritable('update the experiment');
    const params = profile.params as Record<string, unknown>;
    const config = { ...this.#store.getExperiment()!.config } as Record<string, unknown>;
    const settings = this.#settings as { -readonly [K in keyof ManagerSettings]: ManagerSettings[K] };
    switch (type) {
      case 'TRIAL_CONCURRENCY': {
        const key = UPDATE_KEYS[type];
        const n = params[key];
        if (!Number.isInteger(n) || (n as number) < 1) throw new ArchspaceError({ code: 'invalid-update', path: ['params', key], expected: 'an integer ≥ 1', received: n });
        settings.trialConcurrency = n as number;
        config[key] = n;
        break;
      }
      case 'MAX_TRIAL_NUM': {
        const key = UPDATE_KEYS[type];
        const n = params[key];
        if (!Number.isInteger(n) || (n as number) < 1) throw new ArchspaceError({ code: 'invalid-update', path: ['params', key], expected: 'an integer ≥ 1', received: n });
        settings.maxTrialNumber = n as number;
        config[key] = n;
        break;
      }
      case 'MAX_EXEC_DURATION': {
        const key = UPDATE_KEYS[type];
        const seconds = parseDuration(params[key], ['params', key]);
        settings.maxExperimentDurationSeconds = seconds;
        config[key] = params[key];
        break;
      }
      case 'SEARCH_SPACE': {
        if (!this.spaceFromJson) throw managerError('not-updatable', 'this experiment’s search space is defined in code and cannot be replaced');
        const key = UPDATE_KEYS[type];
        this.#space = this.spaceFromJson(params[key]);
        config[key] = params[key];
        this.#session = this.#newSession();
        this.#restoreSession();
        this.#strategyDone = false;
        break;
      }
      default:
        throw new ArchspaceError({ code: 'invalid-update', path: ['update_type'], expected: 'TRIAL_CONCURRENCY, MAX_EXEC_DURATION, SEARCH_SPACE or MAX_TRIAL_NUM', received: type });
    }
    this.#store.updateExperiment({ config });
    this.#notify();
  }

  async stop(): Promise<void> {
    if (this.#mode === 'view') return;
    this.#stopping = true;
    if (this.#status === 'RUNNING') this.#setStatus('STOPPING');
    const exits = [...this.#live.values()].map((live) => {
      live.stopReason ??= 'EXPERIMENT_STOPPED';
      live.process.kill();
      return live.process.exited;
    });
    this.#notify();
    await Promise.all(exits);
  }

  jobStatistics(): readonly JobStatistics[] {
    const counts = this.#store.trialStatistics();
    return TRIAL_JOB_STATUSES.filter((s) => counts[s] > 0).map((s) => ({ trialJobStatus: s, trialJobNumber: counts[s] }));
  }

  listTrialJobs(status?: TrialJobStatus): readonly TrialJobInfo[] {
    return this.#store.listTrialJobInfos(status === undefined ? {} : { status });
  }

  /**
   * The `GET /trial-jobs` body as UTF-8, built by the store without per-trial work and encoded once
   * for as long as the store hands back the same text (the REST fast path).
   */
  listTrialJobsJson(status?: TrialJobStatus): Uint8Array {
    const text = this.#store.trialJobInfosJson(status === undefined ? {} : { status });
    const cached = this.#listingBodies.get(status);
    if (cached?.text === text) return cached.body;
    const body = Buffer.from(text, 'utf8');
    this.#listingBodies.set(status, { text, body });
    return body;
  }

  getTrialJob(trialJobId: string): TrialJobInfo {
    const found = this.#store.getTrialJobInfo(trialJobId);
    if (!found) throw new ArchspaceError({ code: 'not-found', path: ['trialJobId'], message: `there is no trial ${trialJobId}`, received: trialJobId });
    return found;
  }

  async cancelTrialJob(trialJobId: string): Promise<void> {
    this.#requireWritable('cancel a trial');
    const live = this.#live.get(trialJobId);
    if (!live) {
      if (this.#store.getTrial(trialJobId) === undefined) throw new ArchspaceError({ code: 'not-found', path: ['trialJobId'], message: `there is no trial ${trialJobId}`, received: trialJobId });
      throw new ArchspaceError({ code: 'conflict', path: ['trialJobId'], message: `trial ${trialJobId} is not running` });
    }
    live.stopReason = 'USER_CANCELED';
    live.process.kill();
    await live.process.exited;
  }

  addCustomizedTrial(parameters: Readonly<Record<string, unknown>>): number {
    this.#requireWritable('add a trial');
    const sequenceId = this.#store.getExperiment()!.nextSequenceId + this.#customized.length;
    this.#customized.push(parameters);
    this.#notify();
    return sequenceId;
  }

  metricData(options: { trialJobId?: string; type?: 'FINAL' | 'PERIODICAL' } = {}): readonly MetricDataRecord[] {
    return this.#store
      .listMetrics({ ...(options.trialJobId !== undefined ? { trialJobId: options.trialJobId } : {}), ...(options.type !== undefined ? { type: options.type } : {}) })
      .map(metricDataRecord);
  }

  exportData(): readonly ExportedTrial[] {
    return exportedTrials(this.#store.listTrials({ status: 'SUCCEEDED' }), this.#store.finalMetrics());
  }

  async trialFile(trialJobId: string, filename: string): Promise<Buffer> {
    const trial = this.#store.getTrial(trialJobId);
    if (!trial) throw new ArchspaceError({ code: 'not-found', path: ['trialJobId'], message: `there is no trial ${trialJobId}`, received: trialJobId });
    const allowed: readonly string[] = Object.values(TRIAL_FILES);
    if (!allowed.includes(filename)) throw new ArchspaceError({ code: 'invalid-file', path: ['filename'], expected: `one of ${allowed.join(', ')}`, received: filename });
    try {
      return readFileSync(join(trial.logPath!, filename));
    } catch {
      throw new ArchspaceError({ code: 'not-found', path: ['filename'], message: `trial ${trialJobId} has no ${filename}` });
    }
  }

  /** The store (for the CLI's export and for tests). */
  get store(): ExperimentStore {
    return this.#store;
  }

  /** The experiment row. */
  get experiment(): ExperimentRow {
    return this.#store.getExperiment()!;
  }

  /** Whether a larger metric is better (`maximize`) or a smaller one (`minimize`). */
  get direction(): Direction {
    return this.#settings.direction;
  }
}
