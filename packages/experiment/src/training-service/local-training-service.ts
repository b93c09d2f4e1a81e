/**
 * Runs trials as local child processes: each in its own process group (so a whole trial — shell and
 * children — can be stopped), with stdout and stderr in its own folder, and an optional time limit.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { TRIAL_FILES } from '../trial/trial-env.js';

/** What a trial process needs. */
export interface TrialProcessSpec {
  /** The shell command (the config's `trialCommand`). */
  readonly command: string;
  /** The working directory (the config's `trialCodeDirectory`). */
  readonly cwd: string;
  /** The trial's folder: stdout and stderr go there. */
  readonly trialDir: string;
  /** Extra environment variables (the trial protocol's). */
  readonly env: Readonly<Record<string, string>>;
  /** Kill the trial after this many milliseconds. */
  readonly timeoutMs?: number;
}

/** How a trial process ended. */
export interface TrialExit {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the time limit killed it. */
  readonly timedOut: boolean;
  /** True when `kill()` ended it. */
  readonly killed: boolean;
  /** Set when the process could not start. */
  readonly error?: string;
}

/** A started trial process. */
export interface RunningTrial {
  readonly pid: number | undefined;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<TrialExit>;
  /** Stops the whole process group (SIGTERM, then SIGKILL after a grace period). */
  kill(): void;
}

const KILL_GRACE_MS = 2000;

/** Sends `signal` to the process group of `pid`, ignoring processes that are already gone. */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Whether a process with this id is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts trials as local processes. */
export class LocalTrainingService {
  /** Starts one trial process. */
  start(spec: TrialProcessSpec): RunningTrial {
    const stdout = openSync(join(spec.trialDir, TRIAL_FILES.stdout), 'a');
    const stderr = openSync(join(spec.trialDir, TRIAL_FILES.stderr), 'a');
    let timedOut = false;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const child = spawn(spec.command, {
      cwd: spec.cwd,
      shell: true,
      detached: true,
      stdio: ['ignore', stdout, stderr],
      env: { ...process.env, ...spec.env },
    });
    closeSync(stdout);
    closeSync(stderr);
    const stop = () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      killProcessGroup(child.pid, 'SIGTERM');
      const hard = setTimeout(() => child.pid !== undefined && killProcessGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      hard.unref();
    };
    const exited = new Promise<TrialExit>((resolve) => {
      child.once('error', (error) => {
        if (timer) clearTimeout(timer);
        resolve({ exitCode: null, signal: null, timedOut, killed, error: error.message });
      });
      child.once('exit', (exitCode, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ exitCode, signal, timedOut, killed });
      });
    });
    if (spec.timeoutMs !== undefined && Number.isFinite(spec.timeoutMs)) {
      timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, spec.timeoutMs);
    }
    return {
      pid: child.pid,
      exited,
      kill: () => {
        killed = true;
        stop();
      },
    };
  }
}
