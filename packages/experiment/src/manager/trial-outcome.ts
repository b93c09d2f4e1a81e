/** How a finished trial's process and metrics turn into its status, message and outcome. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Outcome } from '@archspace/strategies';
import type { TrialJobStatus } from '../records.js';
import type { TrialExit } from '../training-service/local-training-service.js';
import { type ExperimentObjectives, finalOutcome } from './objective-outcome.js';

/** Why the manager ended a trial itself, if it did. */
export type StopReason = 'USER_CANCELED' | 'EARLY_STOPPED' | 'EXPERIMENT_STOPPED';

/** What the manager knows about a trial when its process exits. */
export interface FinishedTrial {
  readonly exit: TrialExit;
  readonly stopReason: StopReason | undefined;
  readonly intermediates: readonly number[];
  readonly final: number | undefined;
  /** The final result's JSON text (a number or a record of metrics), when it has one. */
  readonly finalData?: string;
  /** The experiment's objectives: the final result must hold each of their metrics as a finite number. */
  readonly goals?: ExperimentObjectives;
  /** The first metric line that was not valid, with why. */
  readonly invalidMetric: string | undefined;
  readonly stderrFile: string;
  readonly timeoutSeconds: number | undefined;
}

/** How the message of a trial that was interrupted (and will run again on resume) begins. */
export const INTERRUPTED = 'interrupted';

/** The last `bytes` of a file, for failure messages. */
export function tail(file: string, bytes = 2000): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8').trim();
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** The trial's final status, a message for failures, and the outcome a strategy is told. */
export function judgeTrial(trial: FinishedTrial): { status: TrialJobStatus; message?: string; outcome: Outcome } {
  const intermediates = [...trial.intermediates];
  const last = intermediates[intermediates.length - 1];
  if (trial.stopReason === 'EARLY_STOPPED') {
    return { status: 'EARLY_STOPPED', message: 'stopped early by the assessor', outcome: { status: 'stopped', ...(last !== undefined ? { value: last } : {}), intermediates } };
  }
  if (trial.stopReason === 'USER_CANCELED') {
    const message = 'canceled by the user';
    return { status: 'USER_CANCELED', message, outcome: { status: 'failed', error: message, intermediates } };
  }
  if (trial.stopReason === 'EXPERIMENT_STOPPED' && trial.final === undefined && trial.invalidMetric === undefined) {
    const message = `${INTERRUPTED}: the experiment stopped before this trial finished; resuming the experiment runs it again`;
    return { status: 'SYS_CANCELED', message, outcome: { status: 'failed', error: message, intermediates } };
  }
  const fail = (message: string) => ({ status: 'FAILED' as const, message, outcome: { status: 'failed' as const, error: message, intermediates } });
  // With objectives, a final result that lacks one of their metrics fails the trial, naming it.
  const succeeded = (final: number) => {
    const outcome = trial.goals !== undefined && trial.finalData !== undefined ? finalOutcome(trial.finalData, trial.goals, intermediates) : { status: 'succeeded' as const, value: final, intermediates };
    return outcome.status === 'succeeded' ? { status: 'SUCCEEDED' as const, outcome } : fail((outcome as { error?: string }).error ?? 'the final result cannot be scored');
  };
  if (trial.invalidMetric !== undefined) return fail(`the trial reported an invalid result: ${trial.invalidMetric}`);
  // A final result already reported counts even when the process was stopped before it exited.
  if (trial.stopReason === 'EXPERIMENT_STOPPED' && trial.final !== undefined) return succeeded(trial.final);
  if (trial.exit.timedOut) return fail(`the trial ran longer than maxTrialDuration (${trial.timeoutSeconds} s) and was killed`);
  if (trial.exit.error !== undefined) return fail(`the trial command could not start: ${trial.exit.error}`);
  if (trial.exit.exitCode === 0) {
    if (trial.final !== undefined) return succeeded(trial.final);
    return fail('the trial exited without reporting a final result (call reportFinalResult)');
  }
  const how = trial.exit.signal ? `was killed by ${trial.exit.signal}` : `exited with code ${trial.exit.exitCode}`;
  const stderr = tail(trial.stderrFile, 600);
  return fail(`the trial ${how}${stderr ? `; stderr ends with: ${stderr}` : ''}`);
}
