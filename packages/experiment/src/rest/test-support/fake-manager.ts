/**
 * An in-memory `ManagerApi` for the REST and client tests: a few trials with parameters, intermediate
 * and final metrics, and trial files. It keeps the reference's encodings (`hyperParameters` as JSON
 * strings, metric `data` double-encoded, exported `value` single-encoded). Test-only.
 */
import { ArchspaceError } from '@archspace/ir';
import {
  TRIAL_JOB_STATUSES,
  FINAL_TRIAL_STATUSES,
  type ExperimentProfile,
  type ExperimentStatus,
  type ExportedTrial,
  type JobStatistics,
  type ManagerApi,
  type ManagerStatus,
  type Metric,
  type MetricDataRecord,
  type ParetoFront,
  type TrialFile,
  type TrialJobInfo,
  type TrialJobStatus,
  UPDATE_KEYS,
  type UpdateType,
} from '../../records.js';
import { paretoFrontView } from '../../manager/pareto-front-view.js';

interface FakeTrial {
  trialJobId: string;
  sequenceId: number;
  status: TrialJobStatus;
  parameterId: number;
  parameters: Record<string, unknown>;
  startTime?: number;
  endTime?: number;
  message?: string;
  files: Map<string, string>;
}

interface FakeMetric {
  trialJobId: string;
  parameterId: number;
  type: 'PERIODICAL' | 'FINAL';
  sequence: number;
  timestamp: number;
  metric: Metric;
}


/** The trials every fresh `FakeManager` holds. */
export const FAKE_TRIALS = [
  { id: 'trialA', status: 'SUCCEEDED', params: { lr: 0.01, optimizer: 'adam' }, periodical: [0.5, 0.7], final: 0.8 as Metric },
  { id: 'trialB', status: 'SUCCEEDED', params: { lr: 0.1, optimizer: 'sgd' }, periodical: [0.4], final: { default: 0.6, loss: 1.2 } as Metric },
  { id: 'trialC', status: 'RUNNING', params: { lr: 0.05, optimizer: 'adam' }, periodical: [0.3, 0.45, 0.5], final: undefined },
  { id: 'trialD', status: 'FAILED', params: { lr: 1, optimizer: 'sgd' }, periodical: [], final: undefined },
] as const;

/**
 * A manager with four trials (`trialA` … `trialD`), settable status, and switches to make it fail.
 *
 * @example
 * ```ts
 * const manager = new FakeManager();
 * const server = await startRestServer(manager);
 * ```
 */
export class FakeManager implements ManagerApi {
  experimentStatus: ExperimentStatus = 'RUNNING';
  /** When set, every method throws this (to test the 500 path). */
  explode: Error | undefined;
  /** When true, updates are refused as a viewed experiment would (`read-only-store`). */
  readOnly = false;
  /** Every `updateProfile` call, in order. */
  readonly updates: { type: UpdateType; profile: ExperimentProfile }[] = [];
  stopped = false;

  #profile: ExperimentProfile;
  readonly #trials: FakeTrial[] = [];
  readonly #metrics: FakeMetric[] = [];

  constructor() {
    this.#profile = {
      id: 'exp0001',
      params: {
        experimentName: 'fake',
        trialCommand: 'node trial.js',
        trialConcurrency: 2,
        maxTrialNumber: 10,
        maxExperimentDuration: '1h',
        searchSpace: { lr: { _type: 'loguniform', _value: [0.001, 1] }, optimizer: { _type: 'choice', _value: ['adam', 'sgd'] } },
      },
      execDuration: 42,
      logDir: '/tmp/archspace/exp0001',
      startTime: 1_700_000_000_000,
      nextSequenceId: FAKE_TRIALS.length,
      revision: 1,
    };
    FAKE_TRIALS.forEach((t, i) => {
      const trial: FakeTrial = {
        trialJobId: t.id,
        sequenceId: i,
        status: t.status,
        parameterId: i,
        parameters: { ...t.params },
        startTime: 1_700_000_000_000 + i * 1000,
        files: new Map([
          ['stdout', `hello from ${t.id}\n`],
          ['parameters.json', JSON.stringify({ parameter_id: i, parameters: t.params })],
        ]),
      };
      if (t.status !== 'RUNNING') trial.endTime = trial.startTime! + 500;
      if (t.status === 'FAILED') {
        trial.message = 'exit code 1';
        trial.files.set('stderr', 'Traceback: boom\n');
      }
      this.#trials.push(trial);
      t.periodical.forEach((m, s) => this.#metrics.push({ trialJobId: t.id, parameterId: i, type: 'PERIODICAL', sequence: s, timestamp: trial.startTime! + s + 1, metric: m }));
      if (t.final !== undefined) this.#metrics.push({ trialJobId: t.id, parameterId: i, type: 'FINAL', sequence: 0, timestamp: trial.startTime! + 100, metric: t.final });
    });
  }

  #check(): void {
    if (this.explode) throw this.explode;
  }

  #trial(trialJobId: string): FakeTrial {
    const trial = this.#trials.find((t) => t.trialJobId === trialJobId);
    if (!trial) throw new ArchspaceError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a trial of this experiment', received: trialJobId });
    return trial;
  }

  #record(m: FakeMetric): MetricDataRecord {
    return { timestamp: m.timestamp, trialJobId: m.trialJobId, parameterId: String(m.parameterId), type: m.type, sequence: m.sequence, data: JSON.stringify(JSON.stringify(m.metric)) };
  }

  #info(t: FakeTrial): TrialJobInfo {
    const hyper = JSON.stringify({ parameter_id: t.parameterId, parameter_source: 'algorithm', parameters: t.parameters, parameter_index: 0 });
    const final = this.#metrics.filter((m) => m.trialJobId === t.trialJobId && m.type === 'FINAL').map((m) => this.#record(m));
    const logPath = `/tmp/archspace/exp0001/trials/${t.trialJobId}`;
    return {
      trialJobId: t.trialJobId,
      sequenceId: t.sequenceId,
      status: t.status,
      hyperParameters: [hyper],
      logPath,
      ...(t.startTime === undefined ? {} : { startTime: t.startTime }),
      ...(t.endTime === undefined ? {} : { endTime: t.endTime }),
      ...(t.message === undefined ? {} : { message: t.message }),
      ...(final.length > 0 ? { finalMetricData: final } : {}),
      ...(t.status === 'FAILED' ? { stderrPath: `${logPath}/stderr` } : {}),
    };
  }

  status(): ManagerStatus {
    this.#check();
    return { status: this.experimentStatus, errors: [] };
  }

  profile(): ExperimentProfile {
    this.#check();
    return structuredClone(this.#profile);
  }

  updateProfile(type: UpdateType, profile: ExperimentProfile): void {
    this.#check();
    if (this.readOnly) throw new ArchspaceError({ code: 'read-only-store', message: 'This experiment is only viewed; it cannot be changed' });
    const key = UPDATE_KEYS[type];
    this.updates.push({ type, profile });
    this.#profile = { ...this.#profile, params: { ...this.#profile.params, [key]: profile.params[key] }, revision: this.#profile.revision + 1 };
  }

  async stop(): Promise<void> {
    this.#check();
    this.stopped = true;
    this.experimentStatus = 'STOPPED';
    for (const t of this.#trials) if (!FINAL_TRIAL_STATUSES.includes(t.status)) t.status = 'USER_CANCELED';
  }

  jobStatistics(): readonly JobStatistics[] {
    this.#check();
    return TRIAL_JOB_STATUSES.map((s) => ({ trialJobStatus: s, trialJobNumber: this.#trials.filter((t) => t.status === s).length })).filter((s) => s.trialJobNumber > 0);
  }

  listTrialJobs(status?: TrialJobStatus): readonly TrialJobInfo[] {
    this.#check();
    return this.#trials.filter((t) => status === undefined || t.status === status).map((t) => this.#info(t));
  }

  getTrialJob(trialJobId: string): TrialJobInfo {
    this.#check();
    return this.#info(this.#trial(trialJobId));
  }

  async cancelTrialJob(trialJobId: string): Promise<void> {
    this.#check();
    const trial = this.#trial(trialJobId);
    if (FINAL_TRIAL_STATUSES.includes(trial.status)) {
      throw new ArchspaceError({ code: 'wrong-status', path: ['trialJobId'], expected: 'a trial that is WAITING or RUNNING', received: trial.status });
    }
    trial.status = 'USER_CANCELED';
    trial.endTime = Date.now();
  }

  addCustomizedTrial(parameters: Readonly<Record<string, unknown>>): number {
    this.#check();
    const sequenceId = this.#profile.nextSequenceId;
    this.#trials.push({ trialJobId: `custom${sequenceId}`, sequenceId, status: 'WAITING', parameterId: sequenceId, parameters: { ...parameters }, files: new Map() });
    this.#profile = { ...this.#profile, nextSequenceId: sequenceId + 1 };
    return sequenceId;
  }

  metricData(options: { trialJobId?: string; type?: 'FINAL' | 'PERIODICAL' } = {}): readonly MetricDataRecord[] {
    this.#check();
    return this.#metrics
      .filter((m) => (options.trialJobId === undefined || m.trialJobId === options.trialJobId) && (options.type === undefined || m.type === options.type))
      .map((m) => this.#record(m));
  }

  /** The front by the final result's number, maximized: the fake names no objectives. */
  paretoFront(): ParetoFront {
    this.#check();
    const results = this.#metrics
      .filter((m) => m.type === 'FINAL' && this.#trial(m.trialJobId).status === 'SUCCEEDED')
      .map((m) => ({ ...this.#trial(m.trialJobId), finalData: JSON.stringify(m.metric) }));
    return paretoFrontView(results, undefined, 'maximize');
  }

  exportData(): readonly ExportedTrial[] {
    this.#check();
    return this.#metrics
      .filter((m) => m.type === 'FINAL')
      .map((m) => ({ parameter: this.#trial(m.trialJobId).parameters, value: JSON.stringify(m.metric), trialJobId: m.trialJobId }));
  }

  async trialFile(trialJobId: string, filename: string): Promise<TrialFile> {
    this.#check();
    const content = this.#trial(trialJobId).files.get(filename);
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${filename}'`), { code: 'ENOENT' });
    return inMemoryTrialFile(Buffer.from(content, 'utf8'));
  }
}

/** A `TrialFile` over bytes in memory, streamed as one chunk. */
export function inMemoryTrialFile(bytes: Uint8Array): TrialFile {
  return {
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
    close: async () => undefined,
  };
}

/**
 * `count` distinct trials shaped like a real listing's (hyper-parameters, log path, one final metric),
 * for the listing benchmark.
 *
 * @example
 * ```ts
 * const trials = manyTrialJobs(100_000);
 * ```
 */
export function manyTrialJobs(count: number, freeze = false): TrialJobInfo[] {
  const out: TrialJobInfo[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = `t${i.toString(36).padStart(6, '0')}`;
    const parameters = JSON.stringify({ lr: 0.001 + (i % 97) / 1000, batch_size: 32 << i % 3, optimizer: i % 2 ? 'adam' : 'sgd' });
    const info: TrialJobInfo = {
      trialJobId: id,
      sequenceId: i,
      status: 'SUCCEEDED',
      startTime: 1_700_000_000_000 + i * 1000,
      endTime: 1_700_000_000_500 + i * 1000,
      hyperParameters: [`{"parameter_id":${i},"parameter_source":"algorithm","parameters":${parameters},"parameter_index":0}`],
      logPath: `/home/user/archspace-experiments/exp0001/trials/${id}`,
      finalMetricData: [{ timestamp: 1_700_000_000_400 + i * 1000, trialJobId: id, parameterId: String(i), type: 'FINAL', sequence: 0, data: JSON.stringify(JSON.stringify(0.5 + (i % 1000) / 2000)) }],
    };
    out[i] = freeze ? deepFreeze(info) : info;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
