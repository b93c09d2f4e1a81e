/**
 * Where the manager runs trials. Local processes and workers pulling from a Redis queue are two
 * implementations of one interface; the manager knows only this one. Either way the trial's folder
 * on the manager's machine ends up holding its parameters, its metrics file (written by the trial,
 * or mirrored from the worker as the lines arrive), stdout and stderr, so the manager reads metrics
 * and judges the end the same way for both.
 */
import type { ParameterRecord } from '../trial/trial-env.js';

/** Everything a training service needs to run one trial. */
export interface TrialLaunch {
  readonly experimentId: string;
  readonly trialJobId: string;
  readonly sequenceId: number;
  /** The fidelity of multi-fidelity strategies (`ARCHSPACE_TRIAL_BUDGET`). */
  readonly budget?: number;
  /** The shell command (the config's `trialCommand`). */
  readonly command: string;
  /** The working directory (the config's `trialCodeDirectory`). */
  readonly codeDirectory: string;
  /** The trial's folder on the manager's machine; its parameters file is written already. */
  readonly trialDir: string;
  /** What the parameters file holds. */
  readonly parameters: ParameterRecord;
  /** Extra environment variables for the trial (not the manager's own environment). */
  readonly env: Readonly<Record<string, string>>;
  /** Stop the trial this many milliseconds after it starts running. */
  readonly timeoutMs?: number;
  /** How long a stopped trial may take to exit after SIGTERM before it is SIGKILLed. */
  readonly killGraceMs?: number;
  /**
   * Called when the trial starts over from the beginning (a worker died and the trial is retried):
   * what it reported so far no longer counts. Called before the new attempt's first metric arrives.
   */
  readonly onRestart?: () => void;
}

/** How a trial ended. */
export interface TrialExit {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the time limit killed it. */
  readonly timedOut: boolean;
  /** True when `kill()` ended it. */
  readonly killed: boolean;
  /** Set when the trial could not start or run (the process could not spawn, its worker was lost, …). */
  readonly error?: string;
  /** The first metrics-file line that was refused where the trial ran (a remote worker reports it here). */
  readonly invalidMetric?: string;
}

/** A started trial. */
export interface RunningTrial {
  /** The local process id (its process group's id); unset for a trial run elsewhere. */
  readonly pid: number | undefined;
  /**
   * What identifies the trial's run for a manager that restarts: a local process's identity (see
   * `processIdentity`) or a queued job's (see `isQueuedJobIdentity`).
   */
  readonly identity: string | undefined;
  /** Lets the trial run (a local process is held until then; a queued trial is enqueued then). */
  release(): void;
  /**
   * Set when a released trial may wait for resources (GPUs) before its command runs: resolves once
   * it runs, and never when it ends first. Unset: the trial runs as soon as it is released.
   */
  readonly running?: Promise<void>;
  /** Resolves when the trial is over and everything it reported is in its folder (never rejects). */
  readonly exited: Promise<TrialExit>;
  /** Stops the trial wherever it runs: SIGTERM, then SIGKILL once the grace period is over. */
  kill(): void;
  /** Called once the trial's end is in the store: what the service kept for it may go (a queued job is removed). */
  forget?(): void;
}

/** Runs trials for the manager. */
export interface TrainingService {
  /** `'local'` or `'redis'`, as the config's `trainingService.platform`. */
  readonly platform: string;
  /** Starts one trial, held until `release()`. */
  launch(launch: TrialLaunch): RunningTrial;
  /**
   * Picks up a trial a previous manager left running elsewhere (`identity` as stored), or `undefined`
   * when that run is gone. Only services that run trials outside the manager's process tree can.
   */
  reattach?(launch: TrialLaunch, identity: string): Promise<RunningTrial | undefined>;
  /** Releases connections; running trials are not stopped by it. */
  close(): Promise<void>;
}

/** The prefix of a queued job's identity. */
const QUEUED_JOB = 'queued-job:';

/** The identity stored for a trial run as queued job `jobId`. */
export function queuedJobIdentity(jobId: string): string {
  return `${QUEUED_JOB}${jobId}`;
}

/** Whether a stored identity names a queued job (not a local process). */
export function isQueuedJobIdentity(identity: string | undefined): identity is string {
  return identity?.startsWith(QUEUED_JOB) ?? false;
}

/** The job id in a queued job's identity. */
export function jobIdOf(identity: string): string {
  return identity.slice(QUEUED_JOB.length);
}
