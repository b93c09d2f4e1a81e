/**
 * The manager's side of one trial running as a queued job: it mirrors what the worker reports into
 * the trial's folder on the manager's machine (metrics lines as they arrive, the output's tails at
 * the end), resolves `exited` once the job is over and everything is mirrored, and stops the trial
 * wherever it runs. Job log entries are metrics-file lines, each attempt opened by a mark; a new
 * attempt (the trial retried after its worker was lost) empties the mirrored metrics file and tells
 * the manager to drop what the earlier attempt reported.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue, QueueEventsProducer } from 'bullmq';
import type { RunningTrial, TrialExit, TrialLaunch } from '../training-service/training-service.js';
import { queuedJobIdentity } from '../training-service/training-service.js';
import { TRIAL_FILES } from '../trial/trial-env.js';
import { ATTEMPT_MARK, CANCEL_EVENT, exitOfResult, TRIAL_JOB_NAME, type TrialJobData } from './trial-job.js';

/** How often a stop request is sent again while its trial has not ended (a worker may pick the job up meanwhile). */
const CANCEL_REPEAT_MS = 2000;
/** The most log entries read at once. */
const LOG_PAGE = 1000;

/** What a remote trial needs from its service. */
export interface RemoteTrialParts {
  readonly queue: Queue;
  readonly producer: QueueEventsProducer;
  readonly maxRetries: number;
  /** Called once the trial is over, to stop routing its job's events here. */
  readonly onDone: (jobId: string) => void;
  /** Records a problem that is not the trial's (a failed Redis call). */
  readonly onError: (message: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One trial's queued job, seen from the manager. */
export class RemoteTrial implements RunningTrial {
  readonly pid = undefined;
  readonly identity: string;
  readonly exited: Promise<TrialExit>;
  #resolve!: (exit: TrialExit) => void;
  #logOffset = 0;
  #pulling: Promise<void> = Promise.resolve();
  #ending = false;
  #done = false;
  #released = false;
  #enqueued = false;
  #killRequested = false;
  #cancelTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly jobId: string,
    readonly launch: TrialLaunch,
    readonly parts: RemoteTrialParts,
  ) {
    this.identity = queuedJobIdentity(jobId);
    this.exited = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get #metricsFile(): string {
    return join(this.launch.trialDir, TRIAL_FILES.metrics);
  }

  /** The job's payload: data only. */
  #payload(): TrialJobData {
    const { launch } = this;
    return {
      version: 1,
      experimentId: launch.experimentId,
      trialJobId: launch.trialJobId,
      sequenceId: launch.sequenceId,
      ...(launch.budget !== undefined ? { budget: launch.budget } : {}),
      command: launch.command,
      codeDirectory: launch.codeDirectory,
      parameters: { ...launch.parameters, parameters: { ...launch.parameters.parameters } },
      env: { ...launch.env },
      ...(launch.timeoutMs !== undefined ? { timeoutMs: launch.timeoutMs } : {}),
      ...(launch.killGraceMs !== undefined ? { killGraceMs: launch.killGraceMs } : {}),
      maxRetries: this.parts.maxRetries,
    };
  }

  /** Enqueues the job. */
  release(): void {
    if (this.#released || this.#ending) return;
    this.#released = true;
    this.parts.queue.add(TRIAL_JOB_NAME, this.#payload(), { jobId: this.jobId, removeOnComplete: false, removeOnFail: false }).then(
      () => {
        this.#enqueued = true;
        // Stopped while it was being enqueued: stop it now that it exists.
        if (this.#killRequested) this.kill();
      },
      (error: unknown) => this.#end({ exitCode: null, signal: null, timedOut: false, killed: false, error: `the trial could not be queued: ${messageOf(error)}` }),
    );
  }

  /**
   * Takes over a job a previous manager enqueued: re-mirrors its metrics from the job's log (the
   * latest attempt's lines), then ends at once if the job ended meanwhile. Call once, after the
   * service routes the job's events here.
   */
  async reattach(): Promise<void> {
    this.#released = true;
    this.#enqueued = true;
    const { logs } = await this.parts.queue.getJobLogs(this.jobId, 0, -1, true);
    const lastMark = logs.findLastIndex((entry) => entry.startsWith(ATTEMPT_MARK));
    const lines = logs.slice(lastMark + 1);
    writeFileSync(this.#metricsFile, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    this.#logOffset = logs.length;
    await this.#settleFromState();
  }

  /** Ends the trial from the job's stored state when it is over (a missed event, or a reattach). */
  async #settleFromState(): Promise<void> {
    const job = await this.parts.queue.getJob(this.jobId);
    if (job === undefined) {
      this.#end({ exitCode: null, signal: null, timedOut: false, killed: this.#killRequested, error: 'its queued job is gone from Redis' });
      return;
    }
    const state = await job.getState();
    if (state === 'completed') this.completed(job.returnvalue);
    else if (state === 'failed') this.failed(job.failedReason);
  }

  /** New log entries are waiting: mirror them. */
  pull(): Promise<void> {
    this.#pulling = this.#pulling.then(() => this.#pullAll()).catch((error: unknown) => this.parts.onError(`reading the log of job ${this.jobId}: ${messageOf(error)}`));
    return this.#pulling;
  }

  async #pullAll(): Promise<void> {
    for (;;) {
      const { logs, count } = await this.parts.queue.getJobLogs(this.jobId, this.#logOffset, this.#logOffset + LOG_PAGE - 1, true);
      this.#mirror(logs);
      this.#logOffset += logs.length;
      if (logs.length === 0 || this.#logOffset >= count) return;
    }
  }

  #mirror(entries: readonly string[]): void {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length > 0) appendFileSync(this.#metricsFile, `${lines.join('\n')}\n`);
      lines = [];
    };
    for (const entry of entries) {
      if (!entry.startsWith(ATTEMPT_MARK)) {
        lines.push(entry);
        continue;
      }
      flush();
      // The first attempt's mark opens an empty mirror; a later one starts the trial over.
      if (this.#logOffset > 0 || entry !== `${ATTEMPT_MARK}0`) {
        this.launch.onRestart?.();
        writeFileSync(this.#metricsFile, '');
      }
    }
    flush();
  }

  /** The job completed: `result` is the worker's trial result. */
  completed(result: unknown): void {
    const { exit, stdoutTail, stderrTail } = exitOfResult(result);
    void this.#endAfterPull(exit, () => {
      writeFileSync(join(this.launch.trialDir, TRIAL_FILES.stdout), stdoutTail);
      writeFileSync(join(this.launch.trialDir, TRIAL_FILES.stderr), stderrTail);
    });
  }

  /** The job failed without a trial result (a malformed payload, a worker lost too often, …). */
  failed(reason: string): void {
    void this.#endAfterPull({ exitCode: null, signal: null, timedOut: false, killed: false, error: reason || 'the job failed without a reason' });
  }

  async #endAfterPull(exit: TrialExit, writeTails?: () => void): Promise<void> {
    if (this.#ending) return;
    this.#ending = true;
    await this.pull();
    try {
      writeTails?.();
    } catch (error) {
      this.parts.onError(`writing the output of trial ${this.launch.trialJobId}: ${messageOf(error)}`);
    }
    this.#end(exit);
  }

  #end(exit: TrialExit): void {
    this.#ending = true;
    if (this.#done) return;
    this.#done = true;
    clearInterval(this.#cancelTimer);
    this.parts.onDone(this.jobId);
    this.#resolve(exit);
  }

  /**
   * Stops the trial: a job still waiting is removed; a running one is stopped by the worker holding
   * it (asked again every 2 s until the trial ends); one that ended meanwhile keeps its result.
   */
  kill(): void {
    if (this.#ending) return;
    this.#killRequested = true;
    if (!this.#released) {
      this.#released = true;
      this.#end({ exitCode: null, signal: null, timedOut: false, killed: true });
      return;
    }
    // Still being enqueued: `release` asks again once the job exists.
    if (!this.#enqueued) return;
    const ask = async () => {
      if (this.#ending) return;
      const state = await this.parts.queue.getJobState(this.jobId);
      if (state === 'completed' || state === 'failed' || state === 'unknown') return this.#settleFromState();
      if (state !== 'active') {
        const removed = await this.parts.queue.remove(this.jobId).catch(() => 0);
        if (removed === 1) return this.#end({ exitCode: null, signal: null, timedOut: false, killed: true });
      }
      await this.parts.producer.publishEvent({ eventName: CANCEL_EVENT, jobId: this.jobId });
    };
    const askSafely = () => void ask().catch((error: unknown) => this.parts.onError(`stopping job ${this.jobId}: ${messageOf(error)}`));
    askSafely();
    this.#cancelTimer ??= setInterval(askSafely, CANCEL_REPEAT_MS);
  }

  /** The trial's end is stored: its job is removed from Redis. */
  forget(): void {
    this.parts.queue.remove(this.jobId).catch((error: unknown) => this.parts.onError(`removing job ${this.jobId}: ${messageOf(error)}`));
  }
}
