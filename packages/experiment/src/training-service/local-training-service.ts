/**
 * Runs trials as local child processes: each in its own process group (so a whole trial — shell and
 * children — can be stopped), with stdout and stderr in its own folder, and an optional time limit.
 *
 * A trial starts held: its shell waits for a go-ahead on stdin before running the trial command, so
 * the manager can record the process (pid and identity) in its store first. A manager killed before
 * the go-ahead closes the pipe, and the held shell exits without running anything: no trial ever
 * runs that the store does not know about.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRIAL_ENV, TRIAL_FILES } from '../trial/trial-env.js';
import { killProcessGroup, waitUntilGroupGone } from './process-group.js';
import { processIdentity } from './process-identity.js';
import type { GpuScheduler } from './gpu-scheduler.js';
import { withBundledPython } from './python-path.js';
import type { RunningTrial, TrainingService, TrialExit, TrialLaunch } from './training-service.js';

export { killProcessGroup } from './process-group.js';
export type { RunningTrial, TrialExit } from './training-service.js';

/** Environment variables of this process that a trial must not inherit. */
const PRIVATE_ENV = ['ARCHSPACE_TOKEN'];

/**
 * A trial's environment: `base` (this process's, without its secrets), the launch's extra variables,
 * the trial protocol's variables naming the trial and its files in `trialDir`, and `PYTHONPATH`
 * led by the bundled `nni` module's folder.
 */
export function trialEnvironment(launch: TrialLaunch, trialDir: string, base: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base, ...launch.env };
  for (const name of PRIVATE_ENV) delete env[name];
  return {
    ...env,
    PYTHONPATH: withBundledPython(env['PYTHONPATH']),
    [TRIAL_ENV.experimentId]: launch.experimentId,
    [TRIAL_ENV.trialJobId]: launch.trialJobId,
    [TRIAL_ENV.sequenceId]: String(launch.sequenceId),
    [TRIAL_ENV.trialDir]: trialDir,
    [TRIAL_ENV.parametersFile]: join(trialDir, TRIAL_FILES.parameters),
    [TRIAL_ENV.metricsFile]: join(trialDir, TRIAL_FILES.metrics),
    ...(launch.budget !== undefined ? { ARCHSPACE_TRIAL_BUDGET: String(launch.budget) } : {}),
  };
}

/** What a trial process needs. */
export interface TrialProcessSpec {
  /** The shell command (the config's `trialCommand`). */
  readonly command: string;
  /** The working directory (the config's `trialCodeDirectory`). */
  readonly cwd: string;
  /** The trial's folder: stdout and stderr go there. */
  readonly trialDir: string;
  /** The trial's environment: the manager's, plus the trial protocol's variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kill the trial this many milliseconds after it is released. */
  readonly timeoutMs?: number;
  /** How long a stopped trial may take to exit after SIGTERM before it is SIGKILLed (default 2000 ms). */
  readonly killGraceMs?: number;
  /**
   * GPUs the trial needs: once released it waits for `count` of them from `scheduler`, runs with
   * `CUDA_VISIBLE_DEVICES` naming them, and gives them back when it ends in any way.
   */
  readonly gpus?: { readonly scheduler: GpuScheduler; readonly count: number };
}

/** How the local training service places trials on GPUs. */
export interface LocalTrainingServiceOptions {
  /** Where GPUs come from (see `planGpus`); unset: trials are not given GPUs. */
  readonly gpuScheduler?: GpuScheduler;
  /** GPUs each trial needs (`trialGpuNumber`); used with `gpuScheduler`. */
  readonly trialGpuNumber?: number;
}

/** The default time a stopped trial gets between SIGTERM and SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 2000;

/** How long a finished trial waits for the processes its group still holds to die after a SIGKILL. */
const GROUP_EXIT_WAIT_MS = 5000;

/**
 * The shell's program: wait for the go-ahead line, then run the command in place of the shell. A
 * go-ahead `gpus=<indices>` also sets `CUDA_VISIBLE_DEVICES` to the GPUs the trial was given.
 */
const HELD_SHELL =
  'IFS= read -r go || exit 0; case $go in gpus=*) CUDA_VISIBLE_DEVICES=${go#gpus=}; export CUDA_VISIBLE_DEVICES;; esac; ' +
  'cmd=$ARCHSPACE_TRIAL_COMMAND; unset ARCHSPACE_TRIAL_COMMAND; exec /bin/sh -c "$cmd"';

/** The `gpus` part of a trial's spec under `options` (none when trials need no GPU). */
function gpusOf(options: LocalTrainingServiceOptions): Pick<TrialProcessSpec, 'gpus'> {
  const count = options.trialGpuNumber ?? 0;
  return options.gpuScheduler !== undefined && count > 0 ? { gpus: { scheduler: options.gpuScheduler, count } } : {};
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Starts trials as local processes (the `local` platform). */
export class LocalTrainingService implements TrainingService {
  readonly platform = 'local';
  readonly #options: LocalTrainingServiceOptions;

  constructor(options: LocalTrainingServiceOptions = {}) {
    this.#options = options;
  }

  /** Starts a trial as a process on this machine, in `launch.trialDir`, held until `release()`. */
  launch(launch: TrialLaunch): RunningTrial {
    return this.start({
      command: launch.command,
      cwd: launch.codeDirectory,
      trialDir: launch.trialDir,
      env: trialEnvironment(launch, launch.trialDir),
      ...(launch.timeoutMs !== undefined ? { timeoutMs: launch.timeoutMs } : {}),
      ...(launch.killGraceMs !== undefined ? { killGraceMs: launch.killGraceMs } : {}),
      ...gpusOf(this.#options),
    });
  }

  /** Nothing to release: local trials hold no connection. */
  async close(): Promise<void> {}

  /** Starts one trial process, held until `release()`. */
  start(spec: TrialProcessSpec): RunningTrial {
    if (!isDirectory(spec.cwd)) {
      const error = `the trial code directory "${spec.cwd}" does not exist or is not a folder (trialCodeDirectory)`;
      return { pid: undefined, identity: undefined, release() {}, exited: Promise.resolve({ exitCode: null, signal: null, timedOut: false, killed: false, error }), kill() {} };
    }
    const stdout = openSync(join(spec.trialDir, TRIAL_FILES.stdout), 'a');
    const stderr = openSync(join(spec.trialDir, TRIAL_FILES.stderr), 'a');
    let timedOut = false;
    let killed = false;
    let exitedYet = false;
    let limit: NodeJS.Timeout | undefined;
    let hard: NodeJS.Timeout | undefined;
    let child;
    try {
      child = spawn('/bin/sh', ['-c', HELD_SHELL], {
        cwd: spec.cwd,
        detached: true,
        stdio: ['pipe', stdout, stderr],
        env: { ...spec.env, ARCHSPACE_TRIAL_COMMAND: spec.command },
      });
    } finally {
      closeSync(stdout);
      closeSync(stderr);
    }
    const pid = child.pid;
    const identity = pid === undefined ? undefined : processIdentity(pid);
    // A held shell that died, or a manager that stops early, must not crash the manager with EPIPE.
    child.stdin?.on('error', () => {});
    const stop = () => {
      if (pid === undefined || exitedYet) return;
      killProcessGroup(pid, 'SIGTERM');
      // Not unref'd: the manager must outlive the grace period, or a trial ignoring SIGTERM survives it.
      hard ??= setTimeout(() => killProcessGroup(pid, 'SIGKILL'), spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    };
    const exited = new Promise<TrialExit>((resolve) => {
      const finish = (exit: TrialExit) => {
        if (exitedYet) return;
        exitedYet = true;
        clearTimeout(limit);
        clearTimeout(hard);
        // What the trial left running in its group (a background job, a child ignoring SIGTERM) goes
        // with it, and the trial is over once those processes are gone, not when the signal is sent.
        if (pid === undefined) resolve(exit);
        else {
          killProcessGroup(pid, 'SIGKILL');
          void waitUntilGroupGone(pid, GROUP_EXIT_WAIT_MS).then(() => resolve(exit));
        }
      };
      child.once('error', (error) => finish({ exitCode: null, signal: null, timedOut, killed, error: error.message }));
      child.once('exit', (exitCode, signal) => finish({ exitCode, signal, timedOut, killed }));
    });
    let released = false;
    let waitingForGpus = false;
    // The trial's GPUs go back when it is over, however it ended (or withdraws its wait for them).
    const gpuRequest = spec.gpus?.scheduler.request(spec.gpus.count);
    if (gpuRequest !== undefined) void exited.then(() => gpuRequest.release());
    const go = (line: string) => {
      child.stdin?.end(line);
      if (spec.timeoutMs !== undefined && Number.isFinite(spec.timeoutMs)) {
        limit = setTimeout(() => {
          timedOut = true;
          stop();
        }, spec.timeoutMs);
      }
    };
    let markRunning: () => void = () => {};
    const running = gpuRequest === undefined ? undefined : new Promise<void>((resolve) => (markRunning = resolve));
    return {
      pid,
      identity,
      exited,
      ...(running !== undefined ? { running } : {}),
      release() {
        if (released || exitedYet) return;
        released = true;
        if (gpuRequest === undefined) return go('go\n');
        waitingForGpus = true;
        void gpuRequest.granted.then((devices) => {
          waitingForGpus = false;
          if (devices === undefined || exitedYet || killed) return;
          go(`gpus=${devices.join(',')}\n`);
          markRunning();
        });
      },
      kill() {
        killed = true;
        if (!released || waitingForGpus) {
          // Never let go: closing the pipe makes the held shell exit without running the command.
          released = true;
          waitingForGpus = false;
          gpuRequest?.release();
          child.stdin?.end();
        }
        stop();
      },
    };
  }
}
