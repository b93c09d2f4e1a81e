/**
 * The experiment manager: asks the strategy for samples, runs each as a trial through its training
 * service (a local process, or a job on a Redis worker), reads the metrics the trial reports, lets
 * the assessor stop poor trials, tells the strategy the outcomes, and enforces the budgets.
 *
 * It survives ordinary faults. One manager runs an experiment at a time (an OS file lock, dropped
 * by the kernel when its holder dies). Every status change and metric is in the store before
 * anything depends on it, and every trial is recorded before its command runs, so a manager killed
 * at any moment loses no finished result; `resume` stops what the dead manager left running (only
 * processes proven to be its trials), keeps every final result that reached disk and runs the
 * interrupted trials again. A bad metric line, a trial that cannot start or a failing store write
 * is recorded as that trial's failure; nothing a trial does can throw out of the manager's loop.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import type { Mutable, Sample } from '@archspace/mutables';
import type { Assessor, Direction, Outcome, Proposal, RestoredTrial, Strategy, StrategySession } from '@archspace/strategies';
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
  ParetoFront,
  TrialJobInfo,
  TrialFile,
  TrialJobStatus,
  TrialRow,
  UpdateType,
} from '../records.js';
import { TRIAL_JOB_STATUSES, UPDATE_KEYS } from '../records.js';
import { parseDuration } from '../config/duration.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { checkMetricValue } from '../training-service/metric-line.js';
import { LocalTrainingService } from '../training-service/local-training-service.js';
import { MetricsReader } from '../training-service/metrics-reader.js';
import { killProcessGroup } from '../training-service/process-group.js';
import { isQueuedJobIdentity, type RunningTrial, type TrainingService, type TrialExit, type TrialLaunch } from '../training-service/training-service.js';
import { type ParameterRecord, TRIAL_FILES } from '../trial/trial-env.js';
import { storeMetricsFromDisk } from './recover-trials.js';
import { experimentProfile, exportedTrials, metricDataRecord } from './api-views.js';
import { ErrorLog } from './error-log.js';
import { type ExperimentEvent, ExperimentEvents, type ExperimentListener } from './experiment-events.js';
import { MetricDataCache } from './metric-data-cache.js';
import { acquireManagerLock, type ManagerLock } from './manager-lock.js';
import { type RecoveryReport, recoverUnfinishedTrials, UNFINISHED_STATUSES } from './recover-trials.js';
import { openTrialFile } from './trial-file.js';
import { newTrialId } from './trial-id.js';
import { checkExperimentObjectives, type ExperimentObjectives, finalOutcome, finalResultProblem } from './objective-outcome.js';
import { paretoFrontView } from './pareto-front-view.js';
import { judgeTrial, type StopReason } from './trial-outcome.js';
import { allTrialsFailedMessage } from './failure-summary.js';

/** What the manager needs to know; built from an experiment config. */
export interface ManagerSettings {
  readonly id: string;
  /** The experiment's folder (the store, `trials/<id>/` folders, the manager lock). */
  readonly dir: string;
  readonly trialCommand: string;
  readonly trialCodeDirectory: string;
  readonly trialConcurrency: number;
  readonly maxTrialNumber?: number;
  readonly maxExperimentDurationSeconds?: number;
  readonly maxTrialDurationSeconds?: number;
  readonly seed: number | string;
  readonly direction: Direction;
  /**
   * The metrics a multi-objective experiment searches and bounds (the config's `objectives` and
   * `constraints`); the first objective's direction must be `direction`. Absent: the final result's number.
   */
  readonly goals?: ExperimentObjectives;
  /** The canonical config, served as the profile's `params`. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Extra environment variables for every trial. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long a stopped trial gets between SIGTERM and SIGKILL, in ms (default 2000). */
  readonly killGraceMs?: number;
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
  /** Where trials run (default: local processes). The manager closes it. */
  readonly trainingService?: TrainingService;
  /**
   * The experiment's manager lock, already taken by the caller (who takes it before creating the
   * store, so that nobody finds the store without its manager); the manager releases it when it
   * closes. Without it, a `new` or `resume` manager takes the lock itself.
   */
  readonly lock?: ManagerLock;
}

/** How the manager starts. */
export type ManagerMode = 'new' | 'resume' | 'view';

interface LiveTrial {
  readonly row: TrialRow;
  readonly process: RunningTrial;
  reader: MetricsReader;
  intermediates: number[];
  final: number | undefined;
  /** The final result's JSON text, for the objectives. */
  finalData: string | undefined;
  invalidMetric: string | undefined;
  stopReason: StopReason | undefined;
  /** Resolves once the trial's end is in the store. */
  finished: Promise<void>;
}

const POLL_MS = 100;

/** What a manager taking the lock of experiment `id` in `mode` is doing, for the error when another holds it. */
export function managerLockAction(mode: ManagerMode, id: string): string {
  return `${mode === 'new' ? 'create' : 'resume'} experiment ${id}`;
}

/** How often the experiment's run time is written to the store. */
const DURATION_WRITE_MS = 1000;

function managerError(code: string, message: string, received?: unknown): ArchspaceError {
  return new ArchspaceError({ code, message, ...(received !== undefined ? { received } : {}) });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one experiment. Make it with {@link ExperimentManager.open}, then `run()`, then `close()`.
 *
 * @example
 * ```ts
 * const manager = ExperimentManager.open('new', settings, { store, space, strategy });
 * const status = await manager.run(); // 'DONE'
 * manager.close();
 * ```
 */
export class ExperimentManager implements ManagerApi {
  readonly #settings: ManagerSettings;
  readonly #store: ExperimentStore;
  readonly #parametersOf: (sample: Sample) => Readonly<Record<string, unknown>>;
  readonly #service: TrainingService;
  readonly #live = new Map<string, LiveTrial>();
  /** The current session's proposal id of every unfinished trial it knows (by trial id). */
  readonly #proposals = new Map<string, number>();
  readonly #errors = new ErrorLog();
  readonly #listingBodies = new Map<TrialJobStatus | undefined, { text: string; body: Uint8Array }>();
  readonly #metricBodies = new MetricDataCache();
  readonly #events = new ExperimentEvents();
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
  #lock: ManagerLock | undefined;
  #recovery: RecoveryReport | undefined;
  readonly #mode: ManagerMode;

  private constructor(mode: ManagerMode, settings: ManagerSettings, parts: ManagerParts) {
    this.#mode = mode;
    this.#settings = settings;
    this.#store = parts.store;
    this.#space = parts.space;
    this.#strategy = parts.strategy;
    this.#assessor = parts.assessor;
    this.#service = parts.trainingService ?? new LocalTrainingService();
    // The space of the moment: a SEARCH_SPACE update replaces it.
    this.#parametersOf = parts.parametersOf ?? ((sample) => this.#space.freeze(sample) as Record<string, unknown>);
    this.spaceFromJson = parts.spaceFromJson;
    if (settings.goals !== undefined) checkExperimentObjectives(settings.goals, settings.direction, parts.strategy);
    this.#session = this.#newSession();
    this.#status = 'INITIALIZED';
  }

  /** How `SEARCH_SPACE` updates build the new space, if they are allowed. */
  readonly spaceFromJson: ((json: unknown) => Mutable) | undefined;

  /**
   * Opens an experiment: `new` stores its profile; `resume` settles the trials a stopped or killed
   * manager left unfinished (see `recover-trials.ts`) and restores the strategy; both take the
   * experiment's manager lock, or adopt `parts.lock` (an `ArchspaceError` `experiment-running` when
   * another manager holds it). `view` serves the store read-only and takes no lock.
   */
  static open(mode: ManagerMode, settings: ManagerSettings, parts: ManagerParts): ExperimentManager {
    const manager = new ExperimentManager(mode, settings, parts);
    if (mode !== 'view') {
      mkdirSync(settings.dir, { recursive: true });
      manager.#lock = parts.lock ?? acquireManagerLock(settings.dir, { action: managerLockAction(mode, settings.id) });
    }
    try {
      manager.#initialize();
    } catch (error) {
      manager.close();
      throw error;
    }
    return manager;
  }

  #newSession(): StrategySession {
    const maxTrials = this.#settings.maxTrialNumber;
    const objectives = this.#settings.goals?.objectives;
    return this.#strategy.start({
      space: this.#space,
      rng: createRng(this.#settings.seed),
      direction: this.#settings.direction,
      ...(maxTrials !== undefined ? { maxTrials } : {}),
      ...(objectives !== undefined && objectives.length > 1 ? { objectives: objectives.map((o) => o.direction) } : {}),
    });
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
    const goals = this.#settings.goals;
    this.#recovery = recoverUnfinishedTrials(store, row.id, true, { leaveQueuedJobs: this.#service.reattach !== undefined, finalProblem: (data) => finalResultProblem(data, goals) });
    this.#restoreSession();
  }

  /** What resuming did with the trials the previous manager left unfinished (`undefined` unless resumed). */
  get recovery(): RecoveryReport | undefined {
    return this.#recovery;
  }

  /** The outcome a strategy learns from a finished trial row, or `undefined` while it is unfinished. */
  #storedOutcome(trial: TrialRow, finals: ReadonlyMap<string, string>): Outcome | undefined {
    if (UNFINISHED_STATUSES.includes(trial.status)) return undefined;
    const data = finals.get(trial.trialJobId);
    if (trial.status === 'SUCCEEDED' && data !== undefined) {
      // With objectives the stored result gives the strategy its whole vector again, not only one number.
      const outcome = finalOutcome(data, this.#settings.goals);
      if (outcome.status === 'succeeded') return outcome;
    }
    if (trial.status === 'EARLY_STOPPED') return { status: 'stopped', intermediates: [] };
    return { status: 'failed', ...(trial.message !== undefined ? { error: trial.message } : {}) };
  }

  /**
   * Tells the current session every stored trial in its space: finished ones with their outcome,
   * unfinished ones (running, or waiting to run again) as pending proposals whose outcome comes later.
   */
  #restoreSession(): void {
    const finals = new Map(this.#store.finalMetrics().map((m) => [m.trialJobId, m.data]));
    const entries: RestoredTrial[] = [];
    const pending: string[] = [];
    for (const trial of this.#store.listTrials()) {
      let inSpace: boolean;
      try {
        inSpace = this.#space.contains(trial.sample);
      } catch {
        inSpace = false;
      }
      if (!inSpace) continue;
      const outcome = this.#storedOutcome(trial, finals);
      entries.push({ sample: trial.sample, ...(trial.budget !== undefined ? { budget: trial.budget } : {}), ...(outcome !== undefined ? { outcome } : {}) });
      pending.push(outcome === undefined ? trial.trialJobId : '');
    }
    this.#proposals.clear();
    const proposals = this.#session.restore(entries);
    proposals.forEach((proposal, i) => {
      if (pending[i] !== '') this.#proposals.set(pending[i]!, proposal.id);
    });
  }

  /** The seconds this experiment has run, over all its runs. */
  get execDuration(): number {
    return this.#baseDuration + (this.#runStarted === 0 ? 0 : (Date.now() - this.#runStarted) / 1000);
  }

  #setStatus(status: ExperimentStatus, extra: { endTime?: number; error?: string } = {}): void {
    this.#status = status;
    this.#store.updateExperiment({ status, execDuration: this.execDuration, ...extra });
    this.#emit({ kind: 'experiment' });
  }

  /** Tells the listeners (the dashboard's event stream); their failures never reach the manager. */
  #emit(event: ExperimentEvent): void {
    this.#events.emit(event);
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #timeLeft(): boolean {
    const maxSeconds = this.#settings.maxExperimentDurationSeconds;
    return maxSeconds === undefined || this.execDuration < maxSeconds;
  }

  #trialBudgetLeft(): boolean {
    const max = this.#settings.maxTrialNumber;
    return max === undefined || this.#store.countTrials() < max;
  }

  /** Runs `fn`; an error is recorded (and given to `onError`) instead of escaping the manager's loop. */
  #safely(what: string, fn: () => void, onError?: (message: string) => void): void {
    try {
      fn();
    } catch (error) {
      const message = `${what}: ${messageOf(error)}`;
      this.#errors.add(message);
      try {
        onError?.(message);
      } catch (inner) {
        this.#errors.add(`${what}, then recording the failure: ${messageOf(inner)}`);
      }
    }
  }

  /** Starts trials while there is room, time and something to run: waiting trials first, then new proposals. */
  #fill(): void {
    while (!this.#stopping && this.#live.size < this.#settings.trialConcurrency && this.#timeLeft()) {
      // Live trials may be WAITING too (for GPUs): the first one not started yet.
      const waiting = this.#store.listTrials({ status: 'WAITING', limit: this.#live.size + 1 }).find((trial) => !this.#live.has(trial.trialJobId));
      if (waiting !== undefined) {
        this.#startTrial(waiting);
        continue;
      }
      if (this.#strategyDone || !this.#trialBudgetLeft()) return;
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
        this.#session.tell(proposal.id, { status: 'failed', error: messageOf(error) });
        this.#errors.add(`could not build the parameters of a sample: ${messageOf(error)}`);
        continue;
      }
      const row = this.#insertTrial(parameters, proposal.sample, 'algorithm', proposal.budget);
      this.#proposals.set(row.trialJobId, proposal.id);
      this.#startTrial(row);
    }
  }

  /** Records a new trial as WAITING (its folder and parameters file first), with the next sequence id. */
  #insertTrial(parameters: Readonly<Record<string, unknown>>, sample: Sample, source: ParameterRecord['parameter_source'], budget?: number): TrialRow {
    const store = this.#store;
    const sequenceId = store.getExperiment()!.nextSequenceId;
    const trialJobId = newTrialId((id) => store.getTrial(id) !== undefined);
    const trialDir = join(this.#settings.dir, 'trials', trialJobId);
    mkdirSync(trialDir, { recursive: true });
    const record: ParameterRecord = { parameter_id: sequenceId, parameter_source: source, parameters, parameter_index: 0 };
    writeFileSync(join(trialDir, TRIAL_FILES.parameters), JSON.stringify(record));
    const row: TrialRow = {
      trialJobId,
      sequenceId,
      status: 'WAITING',
      parameterId: sequenceId,
      parameters,
      sample,
      ...(budget !== undefined ? { budget } : {}),
      logPath: trialDir,
    };
    store.transaction(() => {
      store.insertTrial(row);
      store.updateExperiment({ nextSequenceId: sequenceId + 1 });
    });
    this.#emit({ kind: 'trial', trialJobId });
    return row;
  }

  /** What the training service needs to run `row` (its folder and parameters file exist). */
  #launchOf(row: TrialRow, trialDir: string): TrialLaunch {
    const timeout = this.#settings.maxTrialDurationSeconds;
    return {
      experimentId: this.#settings.id,
      trialJobId: row.trialJobId,
      sequenceId: row.sequenceId,
      ...(row.budget !== undefined ? { budget: row.budget } : {}),
      command: this.#settings.trialCommand,
      codeDirectory: this.#settings.trialCodeDirectory,
      trialDir,
      parameters: JSON.parse(readFileSync(join(trialDir, TRIAL_FILES.parameters), 'utf8')) as ParameterRecord,
      env: this.#settings.env ?? {},
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
      ...(this.#settings.killGraceMs !== undefined ? { killGraceMs: this.#settings.killGraceMs } : {}),
      onRestart: () => this.#restartTrial(row.trialJobId),
    };
  }

  /** A trial starts over (its worker was lost and it is retried): what it reported so far is dropped. */
  #restartTrial(trialJobId: string): void {
    const live = this.#live.get(trialJobId);
    if (live === undefined) return;
    this.#safely(`restarting trial ${trialJobId}`, () => {
      this.#store.deleteMetrics(trialJobId);
      this.#metricBodies.forget(trialJobId);
      live.intermediates = [];
      live.final = undefined;
      live.finalData = undefined;
      live.invalidMetric = undefined;
      live.reader = new MetricsReader(live.reader.file);
      this.#emit({ kind: 'trial', trialJobId });
    });
  }

  /** Watches a started trial: its metrics are read, its end is stored when it is over. */
  #watch(row: TrialRow, process: RunningTrial, reader: MetricsReader): LiveTrial {
    const live: LiveTrial = { row, process, reader, intermediates: [], final: undefined, finalData: undefined, invalidMetric: undefined, stopReason: undefined, finished: Promise.resolve() };
    this.#live.set(row.trialJobId, live);
    this.#emit({ kind: 'trial', trialJobId: row.trialJobId });
    live.finished = process.exited.then((exit) => this.#finishTrial(live, exit)).finally(() => this.#notify());
    return live;
  }

  /** Starts a WAITING trial: its process (or queued job) is recorded in the store before its command may run. */
  #startTrial(waiting: TrialRow): void {
    let process: RunningTrial | undefined;
    this.#safely(
      `trial ${waiting.trialJobId} could not start`,
      () => {
        const trialDir = waiting.logPath ?? join(this.#settings.dir, 'trials', waiting.trialJobId);
        mkdirSync(trialDir, { recursive: true });
        const parametersFile = join(trialDir, TRIAL_FILES.parameters);
        if (!existsSync(parametersFile)) {
          const record: ParameterRecord = { parameter_id: waiting.parameterId, parameter_source: 'resumed', parameters: waiting.parameters, parameter_index: 0 };
          writeFileSync(parametersFile, JSON.stringify(record));
        }
        const metricsFile = join(trialDir, TRIAL_FILES.metrics);
        writeFileSync(metricsFile, '');
        process = this.#service.launch(this.#launchOf(waiting, trialDir));
        const held = process.running;
        const started = this.#store.updateTrial(waiting.trialJobId, {
          // A trial waiting for resources (GPUs) stays WAITING until its command runs.
          status: held === undefined ? 'RUNNING' : 'WAITING',
          startTime: held === undefined ? Date.now() : undefined,
          message: held === undefined ? undefined : 'waiting for GPUs',
          pid: process.pid,
          processIdentity: process.identity,
        });
        const live = this.#watch(started, process, new MetricsReader(metricsFile));
        if (held !== undefined) void held.then(() => this.#markRunning(live));
        process.release();
      },
      (message) => {
        process?.kill();
        this.#live.delete(waiting.trialJobId);
        this.#store.updateTrial(waiting.trialJobId, { status: 'FAILED', endTime: Date.now(), message });
        this.#emit({ kind: 'trial', trialJobId: waiting.trialJobId });
        this.#tell(waiting.trialJobId, { status: 'failed', error: message });
      },
    );
  }

  /** A trial that waited for resources runs now (unless it is already over). */
  #markRunning(live: LiveTrial): void {
    const id = live.row.trialJobId;
    if (this.#live.get(id) !== live) return;
    this.#safely(`recording that trial ${id} runs`, () => {
      this.#store.updateTrial(id, { status: 'RUNNING', startTime: Date.now(), message: undefined });
      this.#emit({ kind: 'trial', trialJobId: id });
    });
  }

  /**
   * Picks up the trials a previous manager left running on remote workers (queued jobs): each is
   * watched again from where its stored metrics end. A trial whose job is gone is settled as
   * recovery settles a local one: kept when its final result reached the store, run again otherwise.
   */
  async #reattachRemoteTrials(): Promise<void> {
    const reattach = this.#service.reattach?.bind(this.#service);
    for (const trial of this.#store.listTrials({ status: 'RUNNING' })) {
      if (!isQueuedJobIdentity(trial.processIdentity) || trial.logPath === undefined) continue;
      const id = trial.trialJobId;
      let process: RunningTrial | undefined;
      try {
        process = reattach === undefined ? undefined : await reattach(this.#launchOf(trial, trial.logPath), trial.processIdentity);
      } catch (error) {
        this.#errors.add(`reattaching trial ${id}: ${messageOf(error)}`);
      }
      this.#safely(`reattaching trial ${id}`, () => {
        const metricsFile = join(trial.logPath!, TRIAL_FILES.metrics);
        // A reattached job's mirror was written again from its log (its latest attempt): it replaces what is stored.
        if (process !== undefined) this.#store.deleteMetrics(id);
        const { final, finalData } = storeMetricsFromDisk(this.#store, trial);
        if (process !== undefined) {
          const reader = new MetricsReader(metricsFile);
          reader.skipToEnd();
          const live = this.#watch(trial, process, reader);
          live.intermediates = this.#store.listMetrics({ trialJobId: id, type: 'PERIODICAL' }).flatMap((m) => {
            const checked = checkMetricValue(m.data);
            return checked.ok ? [checked.value] : [];
          });
          live.final = final;
          live.finalData = finalData;
          return;
        }
        if (finalData !== undefined) {
          const outcome = finalOutcome(finalData, this.#settings.goals);
          const error = outcome.status === 'failed' ? outcome.error : undefined;
          this.#store.updateTrial(id, { status: error === undefined ? 'SUCCEEDED' : 'FAILED', endTime: Date.now(), message: error ?? 'its final result was stored before its job was lost' });
          this.#tell(id, outcome);
        } else {
          this.#store.transaction(() => {
            this.#store.deleteMetrics(id);
            this.#store.updateTrial(id, { status: 'WAITING', startTime: undefined, endTime: undefined, pid: undefined, processIdentity: undefined, message: 'its queued job was lost while no manager ran; waiting to run again' });
          });
        }
        this.#emit({ kind: 'trial', trialJobId: id });
      });
    }
  }

  /** Tells the current session the outcome of a trial it knows, exactly once. */
  #tell(trialJobId: string, outcome: Outcome): void {
    const id = this.#proposals.get(trialJobId);
    if (id === undefined) return;
    this.#proposals.delete(trialJobId);
    this.#session.tell(id, outcome);
  }

  /**
   * Stores the metrics a trial appended since the last look (one bounded slice, in one transaction)
   * and lets the assessor judge the trial. Returns true when more is waiting in the file.
   */
  #collect(live: LiveTrial): boolean {
    const chunk = live.reader.read();
    if (chunk.rejected.length > 0) {
      live.invalidMetric ??= chunk.rejected[0];
      for (const reason of chunk.rejected) this.#errors.add(`trial ${live.row.trialJobId}: ${reason}`);
    }
    if (chunk.lines.length === 0) return chunk.more;
    const { trialJobId, parameterId } = live.row;
    this.#metricBodies.forget(trialJobId);
    this.#store.insertMetrics(chunk.lines.map(({ line }) => ({ trialJobId, parameterId, type: line.type, sequence: line.sequence, timestamp: line.timestamp, data: line.value })));
    let final = false;
    for (const { line, value } of chunk.lines) {
      this.#emit({ kind: 'metric', trialJobId, type: line.type, sequence: line.sequence, value });
      if (line.type === 'FINAL') final = true;
    }
    if (final) this.#emit({ kind: 'trial', trialJobId });
    for (const { line, value } of chunk.lines) {
      if (line.type === 'FINAL') {
        if (live.final === undefined) {
          live.final = value;
          live.finalData = line.value;
        }
        continue;
      }
      live.intermediates.push(value);
      if (this.#assessor && live.stopReason === undefined) {
        const others = [...this.#live.values()].filter((t) => t !== live).map((t) => ({ id: this.#proposals.get(t.row.trialJobId) ?? -1, intermediates: t.intermediates }));
        const verdict = this.#assessor.assess({ id: this.#proposals.get(live.row.trialJobId) ?? -1, intermediates: live.intermediates }, others, this.#settings.direction);
        if (verdict === 'stop') {
          live.stopReason = 'EARLY_STOPPED';
          live.process.kill();
        }
      }
    }
    return chunk.more;
  }

  /** Collects what is left in the metrics file (yielding between slices), then stores the trial's end. */
  async #finishTrial(live: LiveTrial, exit: TrialExit): Promise<void> {
    const id = live.row.trialJobId;
    for (let more = true; more; ) {
      more = false;
      this.#safely(`reading the metrics of trial ${id}`, () => (more = this.#collect(live)), (message) => (live.invalidMetric ??= message));
      if (more) await new Promise((resolve) => setImmediate(resolve));
    }
    this.#safely(
      `recording the end of trial ${id}`,
      () => {
        if (exit.invalidMetric !== undefined) live.invalidMetric ??= exit.invalidMetric;
        const judged = judgeTrial({
          exit,
          stopReason: live.stopReason,
          intermediates: live.intermediates,
          final: live.final,
          ...(live.finalData !== undefined ? { finalData: live.finalData } : {}),
          ...(this.#settings.goals !== undefined ? { goals: this.#settings.goals } : {}),
          invalidMetric: live.invalidMetric,
          stderrFile: join(live.row.logPath!, TRIAL_FILES.stderr),
          timeoutSeconds: this.#settings.maxTrialDurationSeconds,
        });
        this.#store.updateTrial(id, { status: judged.status, endTime: Date.now(), message: judged.message });
        live.process.forget?.();
        this.#live.delete(id);
        this.#emit({ kind: 'trial', trialJobId: id });
        if (live.stopReason === 'EXPERIMENT_STOPPED') this.#proposals.delete(id);
        else this.#tell(id, judged.outcome);
      },
      () => this.#live.delete(id),
    );
  }

  /** One look at every running trial's metrics; soon again when a file had more waiting. */
  #poll(): boolean {
    let more = false;
    for (const live of this.#live.values()) {
      this.#safely(`reading the metrics of trial ${live.row.trialJobId}`, () => {
        if (this.#collect(live)) more = true;
      }, (message) => (live.invalidMetric ??= message));
    }
    return more;
  }

  /**
   * Runs trials until the budget is spent, the strategy has nothing left, or `stop()` is called;
   * resolves with the final status: `STOPPED`, `ERROR` (no trial succeeded and some failed: the
   * error names the first reasons) or `DONE`.
   */
  async run(): Promise<ExperimentStatus> {
    if (this.#mode === 'view') throw managerError('read-only', 'a viewed experiment does not run; resume it instead');
    if (this.#lock === undefined) throw managerError('closed', 'this manager was closed; open the experiment again to run it');
    this.#runStarted = Date.now();
    this.#setStatus('RUNNING');
    if (this.#mode === 'resume') await this.#reattachRemoteTrials();
    let timer: NodeJS.Timeout | undefined;
    let soon: NodeJS.Immediate | undefined;
    let lastDurationWrite = Date.now();
    let polling = true;
    const tick = () => {
      const more = this.#poll();
      if (Date.now() - lastDurationWrite >= DURATION_WRITE_MS) {
        lastDurationWrite = Date.now();
        this.#safely('recording the run time', () => this.#store.updateExperiment({ execDuration: this.execDuration }));
      }
      this.#notify();
      if (!polling) return;
      if (more) soon = setImmediate(tick);
      else timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    try {
      for (;;) {
        this.#safely('starting trials', () => this.#fill());
        if (this.#live.size === 0) {
          const waiting = this.#store.countTrials('WAITING') > 0;
          const more = !this.#stopping && this.#timeLeft() && (waiting || (!this.#strategyDone && this.#trialBudgetLeft()));
          if (!more) break;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      polling = false;
      clearTimeout(timer);
      if (soon !== undefined) clearImmediate(soon);
    }
    const final = this.#finalStatus();
    this.#setStatus(final.status, { endTime: Date.now(), ...(final.error !== undefined ? { error: final.error } : {}) });
    this.#baseDuration = this.execDuration;
    this.#runStarted = 0;
    return final.status;
  }

  #finalStatus(): { status: ExperimentStatus; error?: string } {
    if (this.#stopping) return { status: 'STOPPED' };
    const stats = this.#store.trialStatistics();
    if (stats.SUCCEEDED + stats.EARLY_STOPPED === 0 && stats.FAILED > 0) {
      return { status: 'ERROR', error: allTrialsFailedMessage(this.#store) };
    }
    if (this.#store.countTrials() === 0 && this.#errors.size > 0) return { status: 'ERROR', error: this.#errors.list().join('; ') };
    return { status: 'DONE' };
  }

  /** Releases the experiment's manager lock (and so lets another manager take it). Idempotent. */
  close(): void {
    this.#lock?.release();
    this.#lock = undefined;
    void this.#service.close().catch((error: unknown) => this.#errors.add(`closing the training service: ${messageOf(error)}`));
  }

  // ---- ManagerApi -------------------------------------------------------------------------

  status(): ManagerStatus {
    return { status: this.#status, errors: this.#errors.list() };
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
        const space = this.spaceFromJson(params[key]);
        config[key] = params[key];
        // A new session over the new space: it learns every stored trial, and the running ones become
        // its pending proposals, so each outcome is told to the session that holds it, once.
        this.#space = space;
        this.#session = this.#newSession();
        this.#restoreSession();
        this.#strategyDone = false;
        break;
      }
      default:
        throw new ArchspaceError({ code: 'invalid-update', path: ['update_type'], expected: 'TRIAL_CONCURRENCY, MAX_EXEC_DURATION, SEARCH_SPACE or MAX_TRIAL_NUM', received: type });
    }
    this.#store.updateExperiment({ config });
    this.#emit({ kind: 'experiment' });
    this.#notify();
  }

  /**
   * Stops the experiment: no new trial starts; running trials get SIGTERM, then SIGKILL once the
   * grace period is over. Resolves when every trial's end is in the store. A trial that had reported
   * its final result SUCCEEDED; the others become SYS_CANCELED, and a resume runs them again.
   */
  async stop(): Promise<void> {
    if (this.#mode === 'view') return;
    this.#stopping = true;
    if (this.#status === 'RUNNING') this.#setStatus('STOPPING');
    const finished = [...this.#live.values()].map((live) => {
      live.stopReason ??= 'EXPERIMENT_STOPPED';
      live.process.kill();
      return live.finished;
    });
    this.#notify();
    await Promise.all(finished);
  }

  /** Like `stop()`, but SIGKILLs every running trial at once (a second Ctrl-C). */
  async forceStop(): Promise<void> {
    const stopping = this.stop();
    for (const live of this.#live.values()) if (live.process.pid !== undefined) killProcessGroup(live.process.pid, 'SIGKILL');
    await stopping;
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
      const stored = this.#store.getTrial(trialJobId);
      if (stored === undefined) throw new ArchspaceError({ code: 'not-found', path: ['trialJobId'], message: `there is no trial ${trialJobId}`, received: trialJobId });
      if (stored.status === 'WAITING') {
        this.#store.updateTrial(trialJobId, { status: 'USER_CANCELED', endTime: Date.now(), message: 'canceled by the user before it started' });
        this.#emit({ kind: 'trial', trialJobId });
        this.#tell(trialJobId, { status: 'failed', error: 'canceled by the user' });
        return;
      }
      throw new ArchspaceError({ code: 'conflict', path: ['trialJobId'], message: `trial ${trialJobId} is not running` });
    }
    live.stopReason = 'USER_CANCELED';
    live.process.kill();
    await live.finished;
  }

  addCustomizedTrial(parameters: Readonly<Record<string, unknown>>): number {
    this.#requireWritable('add a trial');
    const row = this.#insertTrial(parameters, parameters as Sample, 'customized');
    let inSpace = false;
    try {
      inSpace = this.#space.contains(parameters as Sample);
    } catch {
      // Not a sample of this space: the strategy never hears of it.
    }
    if (inSpace) {
      const [proposal] = this.#session.restore([{ sample: parameters as Sample }]);
      this.#proposals.set(row.trialJobId, proposal!.id);
    }
    this.#notify();
    return row.sequenceId;
  }

  metricData(options: { trialJobId?: string; type?: 'FINAL' | 'PERIODICAL' } = {}): readonly MetricDataRecord[] {
    return this.#store
      .listMetrics({ ...(options.trialJobId !== undefined ? { trialJobId: options.trialJobId } : {}), ...(options.type !== undefined ? { type: options.type } : {}) })
      .map(metricDataRecord);
  }

  /** `GET /metric-data/:job_id` as UTF-8 JSON, kept between requests while the trial's metrics stay the same. */
  metricDataJson(options: { trialJobId: string; type?: 'FINAL' | 'PERIODICAL' }): Uint8Array {
    return this.#metricBodies.body(options.trialJobId, options.type, () => Buffer.from(JSON.stringify(this.metricData(options)), 'utf8'));
  }

  exportData(): readonly ExportedTrial[] {
    return exportedTrials(this.#store.listTrials({ status: 'SUCCEEDED' }), this.#store.finalMetrics());
  }

  /** The succeeded, feasible trials no other one dominates by the objectives (see {@link paretoFrontView}). */
  paretoFront(): ParetoFront {
    const finals = new Map(this.#store.finalMetrics().map((m) => [m.trialJobId, m.data]));
    const results = this.#store.listTrials({ status: 'SUCCEEDED' }).flatMap((trial) => {
      const finalData = finals.get(trial.trialJobId);
      return finalData === undefined ? [] : [{ ...trial, finalData }];
    });
    return paretoFrontView(results, this.#settings.goals, this.#settings.direction);
  }

  async trialFile(trialJobId: string, filename: string): Promise<TrialFile> {
    const trial = this.#store.getTrial(trialJobId);
    if (!trial) throw new ArchspaceError({ code: 'not-found', path: ['trialJobId'], message: `there is no trial ${trialJobId}`, received: trialJobId });
    return openTrialFile(trial, filename);
  }

  /**
   * The `GET /trial-jobs` entries in slices (each the UTF-8 of entries joined by `,`) read from the
   * store as the response is streamed: the REST layer's preferred path (no whole-listing string, no
   * cache to fill first).
   */
  listTrialJobsJsonSlices(status?: TrialJobStatus): Iterable<Uint8Array> {
    return this.#store.trialJobInfoSlices(status === undefined ? {} : { status });
  }

  /**
   * Calls `listener` after every change the dashboard shows: a trial added or changed, a metric
   * stored, the experiment's status or profile changed. Returns the function that unsubscribes.
   *
   * @example
   * ```ts
   * const unsubscribe = manager.subscribe((event) => { if (event.kind === 'trial') refresh(event.trialJobId); });
   * ```
   */
  subscribe(listener: ExperimentListener): () => void {
    return this.#events.subscribe(listener);
  }

  /** True for an experiment opened with `view`: nothing can change it. */
  get readOnly(): boolean {
    return this.#mode === 'view';
  }

  /** The name of the strategy's class (`TPE`, `RegularizedEvolution`, …). */
  get strategyName(): string {
    return this.#strategy.constructor.name;
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

  /** The objectives and constraints the config names, or `undefined` when it searches the final result's one number. */
  get goals(): ExperimentObjectives | undefined {
    return this.#settings.goals;
  }
}
