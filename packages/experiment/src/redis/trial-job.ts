/**
 * What travels through the Redis queue: a trial job's payload (data only: ids, parameters, the
 * configured command and where to run it) and the result a worker returns. Both sides check what
 * they receive, since anything on the queue may have been written by something else.
 */
import { z } from 'zod';
import type { TrialExit } from '../training-service/training-service.js';

/** The BullMQ job name of a trial. */
export const TRIAL_JOB_NAME = 'archspace-trial';

/** The custom queue event that asks the worker holding a job to stop its trial. */
export const CANCEL_EVENT = 'archspace-cancel';

/** A job log entry that starts an attempt: `#attempt <n>`; every other entry is a metrics-file line. */
export const ATTEMPT_MARK = '#attempt ';

/** The most bytes of stdout and of stderr a worker sends back. */
export const LOG_TAIL_BYTES = 64 * 1024;

// Lengths are checked by refinements, which run only on strings (zod's length checks also run on any
// object with a `length` key, and throw on `{ length: {} }`).
const text = z.string().refine((value) => value.length <= 1 << 20, 'at most 1 MiB');
const nonEmptyText = text.refine((value) => value.length > 0, 'must not be empty');

/** A trial job's payload, as checked by a worker. */
export const trialJobDataSchema = z.strictObject({
  version: z.literal(1),
  experimentId: nonEmptyText,
  trialJobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  sequenceId: z.number().int().min(0),
  budget: z.number().finite().optional(),
  command: nonEmptyText,
  codeDirectory: nonEmptyText,
  parameters: z.strictObject({
    parameter_id: z.number().int(),
    parameter_source: z.enum(['algorithm', 'customized', 'resumed']),
    parameters: z.record(z.string(), z.unknown()),
    parameter_index: z.number().int(),
  }),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), text),
  timeoutMs: z.number().positive().optional(),
  killGraceMs: z.number().min(0).optional(),
  maxRetries: z.number().int().min(0),
});

/** A trial job's payload. */
export type TrialJobData = z.output<typeof trialJobDataSchema>;

/** What a worker returns for a trial: how it ended and the tails of its output. */
export const trialJobResultSchema = z.object({
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  killed: z.boolean(),
  error: z.string().optional(),
  invalidMetric: z.string().optional(),
  stdoutTail: z.string(),
  stderrTail: z.string(),
});

/** A trial job's result. */
export type TrialJobResult = z.output<typeof trialJobResultSchema>;

/** Why `value` is not a valid payload, naming the first wrong field, or `undefined` when it is one. */
export function trialJobDataProblem(value: unknown): string | undefined {
  const checked = trialJobDataSchema.safeParse(value);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0]!;
  return `${issue.path.length > 0 ? issue.path.join('.') : 'the payload'}: ${issue.message}`;
}

/** The exit a job's stored result describes; a result that is not one becomes an error exit. */
export function exitOfResult(value: unknown): { exit: TrialExit; stdoutTail: string; stderrTail: string } {
  const checked = trialJobResultSchema.safeParse(typeof value === 'string' ? safeJson(value) : value);
  if (!checked.success) {
    return { exit: { exitCode: null, signal: null, timedOut: false, killed: false, error: 'the worker returned a result that is not a trial result' }, stdoutTail: '', stderrTail: '' };
  }
  const { stdoutTail, stderrTail, signal, error, invalidMetric, ...rest } = checked.data;
  return {
    exit: { ...rest, signal: signal as NodeJS.Signals | null, ...(error !== undefined ? { error } : {}), ...(invalidMetric !== undefined ? { invalidMetric } : {}) },
    stdoutTail,
    stderrTail,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
