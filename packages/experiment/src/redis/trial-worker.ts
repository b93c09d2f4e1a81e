/**
 * `archspace worker`: takes trial jobs from a Redis queue and runs each as a local trial process,
 * with the same trial protocol and files as the `local` platform (parameters file, metrics file,
 * stdout and stderr in the trial's folder, here under the worker's own folder). Metrics lines go
 * back through the job's log as they are written; the exit status and the output's tails are the
 * job's result. A trial the manager stops is stopped here (the queue's cancel event); a job that
 * stalled (its worker died) runs again while the payload's `maxRetries` allows, and fails otherwise.
 * A worker restarted after a crash first stops the trial processes its previous run left behind.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, QueueEvents, Worker } from 'bullmq';
import { stopLeftoverTrial } from '../training-service/leftover-trial.js';
import { LocalTrainingService, trialEnvironment } from '../training-service/local-training-service.js';
import { MetricsReader } from '../training-service/metrics-reader.js';
import type { RunningTrial, TrialExit } from '../training-service/training-service.js';
import { TRIAL_FILES } from '../trial/trial-env.js';
import { tail } from '../manager/trial-outcome.js';
import { checkRedisReachable, redisOptions, type RedisSettings } from './redis-connection.js';
import { ATTEMPT_MARK, CANCEL_EVENT, LOG_TAIL_BYTES, type TrialJobData, trialJobDataProblem, type TrialJobResult } from './trial-job.js';

/** How a worker runs. */
export interface TrialWorkerOptions extends RedisSettings {
  /** Trials run at once (default 1). */
  readonly concurrency?: number;
  /** Where trial folders go (default `<tmpdir>/archspace-worker`). */
  readonly workDir?: string;
  /**
   * Seconds without a sign of life after which a worker's job counts as stalled and is retried or
   * failed (BullMQ's lock duration and stall check; default 30).
   */
  readonly stallSeconds?: number;
  /** Runs every trial here instead of the payload's `codeDirectory` (the code's path on this machine). */
  readonly codeDirectory?: string;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

/** How often a running trial's metrics file is read. */
const FOLLOW_MS = 50;

/** BullMQ, loaded on first use: a few hundred modules that only Redis workers need. */
const bullmq = () => import('bullmq');
/** The most stop requests remembered for jobs this worker has not started yet. */
const REMEMBERED_CANCELS = 10_000;

/** A worker process's trial runner. Make it with {@link TrialWorker.start}. */
export class TrialWorker {
  readonly #running = new Map<string, RunningTrial>();
  readonly #canceled = new Set<string>();
  readonly #service = new LocalTrainingService();
  #worker: Worker | undefined;
  #events: QueueEvents | undefined;

  private constructor(readonly options: TrialWorkerOptions) {}

  /**
   * Starts taking jobs from `options.queue`; fails within 5 s, naming the server, when Redis does not answer.
   *
   * @example
   * ```ts
   * const worker = await TrialWorker.start({ url: 'redis://127.0.0.1:6379', queue: 'cifar', concurrency: 2 });
   * process.once('SIGTERM', () => void worker.close());
   * ```
   */
  static async start(options: TrialWorkerOptions): Promise<TrialWorker> {
    await checkRedisReachable(options);
    const worker = new TrialWorker(options);
    worker.#stopLeftovers();
    await worker.#listen();
    return worker;
  }

  get #workDir(): string {
    return this.options.workDir ?? join(tmpdir(), 'archspace-worker');
  }

  get #recordsDir(): string {
    return join(this.#workDir, 'running');
  }

  /** Stops the trial processes a previous run of a worker on this folder left behind. */
  #stopLeftovers(): void {
    mkdirSync(this.#recordsDir, { recursive: true });
    for (const name of readdirSync(this.#recordsDir)) {
      const file = join(this.#recordsDir, name);
      try {
        const record = JSON.parse(readFileSync(file, 'utf8')) as { experimentId: string; trialJobId: string; pid?: number; identity?: string };
        const outcome = stopLeftoverTrial({ experimentId: record.experimentId, trialJobId: record.trialJobId, pid: record.pid, processIdentity: record.identity });
        if (outcome === 'stopped') this.options.log?.(`stopped trial ${record.trialJobId} left running by an earlier worker`);
      } catch {
        // An unreadable record names nothing that can be proven ours.
      }
      rmSync(file, { force: true });
    }
  }

  async #listen(): Promise<void> {
    const connection = redisOptions(this.options);
    const stallMs = (this.options.stallSeconds ?? 30) * 1000;
    const { QueueEvents, Worker } = await bullmq();
    const events = new QueueEvents(this.options.queue, { connection });
    this.#events = events;
    events.on('error', (error: Error) => this.options.log?.(`Redis: ${error.message}`));
    (events as unknown as NodeJS.EventEmitter).on(CANCEL_EVENT, ({ jobId }: { jobId?: unknown }) => {
      if (typeof jobId !== 'string') return;
      const running = this.#running.get(jobId);
      if (running !== undefined) running.kill();
      else this.#rememberCancel(jobId);
    });
    await events.waitUntilReady();
    const worker = new Worker(this.options.queue, (job, _token, signal) => this.#process(job, signal), {
      connection,
      concurrency: this.options.concurrency ?? 1,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      // Retries are the payload's to decide (see #process); BullMQ must not fail a stalled job first.
      maxStalledCount: 1_000_000,
    });
    this.#worker = worker;
    worker.on('error', (error: Error) => this.options.log?.(`Redis: ${error.message}`));
    // A job whose lock could not be renewed may run elsewhere now: this copy stops.
    worker.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const id of jobIds) this.#running.get(id)?.kill();
    });
    await worker.waitUntilReady();
  }

  #rememberCancel(jobId: string): void {
    if (this.#canceled.size >= REMEMBERED_CANCELS) this.#canceled.delete(this.#canceled.values().next().value!);
    this.#canceled.add(jobId);
  }

  async #process(job: Job, signal: AbortSignal | undefined): Promise<TrialJobResult> {
    const problem = trialJobDataProblem(job.data);
    if (problem !== undefined) throw new (await bullmq()).UnrecoverableError(`malformed trial job ${job.id}: ${problem}`);
    const data = job.data as TrialJobData;
    const jobId = job.id!;
    const attempt = job.stalledCounter ?? 0;
    if (attempt > data.maxRetries) {
      throw new (await bullmq()).UnrecoverableError(`the worker running trial ${data.trialJobId} was lost ${attempt} time(s) (its job stalled); maxTrialRetries is ${data.maxRetries}`);
    }
    await job.log(`${ATTEMPT_MARK}${attempt}`);
    if (this.#canceled.delete(jobId) || signal?.aborted) return { exitCode: null, signal: null, timedOut: false, killed: true, stdoutTail: '', stderrTail: '' };
    const trialDir = join(this.#workDir, data.experimentId.replace(/[^A-Za-z0-9_.-]/g, '_'), data.trialJobId, `attempt-${attempt}`);
    rmSync(trialDir, { recursive: true, force: true });
    mkdirSync(trialDir, { recursive: true });
    writeFileSync(join(trialDir, TRIAL_FILES.parameters), JSON.stringify(data.parameters));
    const metricsFile = join(trialDir, TRIAL_FILES.metrics);
    writeFileSync(metricsFile, '');
    const launch = { ...data, trialDir };
    const running = this.#service.start({
      command: data.command,
      cwd: this.options.codeDirectory ?? data.codeDirectory,
      trialDir,
      env: trialEnvironment(launch, trialDir),
      ...(data.timeoutMs !== undefined ? { timeoutMs: data.timeoutMs } : {}),
      ...(data.killGraceMs !== undefined ? { killGraceMs: data.killGraceMs } : {}),
    });
    const record = join(this.#recordsDir, `${jobId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
    writeFileSync(record, JSON.stringify({ experimentId: data.experimentId, trialJobId: data.trialJobId, pid: running.pid, identity: running.identity }));
    this.#running.set(jobId, running);
    signal?.addEventListener('abort', () => running.kill());
    running.release();
    // Said only once the go-ahead is sent: a worker killed while the trial is still held leaves
    // nothing running, so "started" must not be seen before then.
    this.options.log?.(`trial ${data.trialJobId} (job ${jobId}, attempt ${attempt}) started`);
    let exit: TrialExit;
    let invalidMetric: string | undefined;
    try {
      invalidMetric = await this.#forwardMetrics(job, new MetricsReader(metricsFile), running.exited);
      exit = await running.exited;
    } finally {
      this.#running.delete(jobId);
      rmSync(record, { force: true });
    }
    const result: TrialJobResult = {
      exitCode: exit.exitCode,
      signal: exit.signal,
      timedOut: exit.timedOut,
      killed: exit.killed,
      ...(exit.error !== undefined ? { error: exit.error } : {}),
      ...(invalidMetric !== undefined ? { invalidMetric } : {}),
      stdoutTail: tail(join(trialDir, TRIAL_FILES.stdout), LOG_TAIL_BYTES),
      stderrTail: tail(join(trialDir, TRIAL_FILES.stderr), LOG_TAIL_BYTES),
    };
    rmSync(trialDir, { recursive: true, force: true });
    this.options.log?.(`trial ${data.trialJobId} ended (${exit.killed ? 'stopped' : `exit code ${exit.exitCode ?? exit.signal ?? exit.error}`})`);
    return result;
  }

  /**
   * Sends the metrics file's new lines to the job's log while the trial runs and once more after it
   * ends; returns the first line refused here (too long to send).
   */
  async #forwardMetrics(job: Job, reader: MetricsReader, exited: Promise<TrialExit>): Promise<string | undefined> {
    let invalid: string | undefined;
    let over = false;
    void exited.then(() => (over = true));
    const forward = async (announce: boolean): Promise<void> => {
      for (let more = true; more; ) {
        const chunk = reader.readRaw();
        more = chunk.more;
        invalid ??= chunk.rejected[0];
        for (const line of chunk.lines) await job.log(line);
        if (announce && chunk.lines.length > 0) await job.updateProgress({ lines: chunk.lines.length });
      }
    };
    while (!over) {
      await forward(true);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, FOLLOW_MS))]);
    }
    // The job's end makes the manager read the rest.
    await forward(false);
    return invalid;
  }

  /** The jobs running here now. */
  get runningJobs(): readonly string[] {
    return [...this.#running.keys()];
  }

  /**
   * Stops taking jobs and waits for the running trials to end (`force`: stops them first; their jobs
   * then count as stopped by the worker and end killed).
   */
  async close(force = false): Promise<void> {
    if (force) for (const running of this.#running.values()) running.kill();
    await this.#worker?.close();
    await this.#events?.close();
  }
}
