/**
 * How the REST layer turns a problem into an HTTP answer: `RestError` for problems it finds itself
 * (a bad query, a malformed body), and `statusForError` for the `ArchspaceError`s the manager throws.
 * Every error answer has the body `{ error: { code, message, path?, expected?, received? } }`.
 */
import { ArchspaceError, type ErrorDetails } from '@archspace/ir';

/** The JSON body of every error answer. */
export interface RestErrorBody {
  readonly error: {
    /** A stable, machine-readable identifier such as `"unknown-status"` or `"unknown-trial"`. */
    readonly code: string;
    /** A sentence a person can act on. */
    readonly message: string;
    /** Where the problem is: `["query", "status"]`, `["body", "params", "trialConcurrency"]`, … */
    readonly path?: readonly (string | number)[];
    /** What is allowed there, when the error says. */
    readonly expected?: string;
    /** What was found there, when it is a short text, a number, a boolean or null. */
    readonly received?: string | number | boolean | null;
  };
}

/**
 * A request the REST layer refuses, with the HTTP status to answer.
 *
 * @example
 * ```ts
 * throw new RestError(400, { code: 'unknown-status', path: ['query', 'status'], expected: 'a TrialJobStatus', received: 'DONE' });
 * ```
 */
export class RestError extends ArchspaceError {
  /** The HTTP status code to answer with (4xx). */
  readonly status: number;

  constructor(status: number, details: ErrorDetails) {
    super(details);
    this.status = status;
  }
}

const NOT_FOUND_CODES = new Set(['not-found', 'unknown-trial', 'no-experiment']);
const FORBIDDEN_CODES = new Set(['file-outside-trial-folder']);
const CONFLICT_CODES = new Set([
  'conflict',
  'state',
  'wrong-status',
  'not-running',
  'experiment-mismatch',
  'read-only',
  'read-only-store',
  'store-closed',
  'not-updatable',
  'experiment-exists',
]);

/**
 * The HTTP status for an error code the manager (or a store) uses: "not found" codes → 404,
 * "never served" codes → 403, "the experiment's state forbids it" codes → 409, anything else a
 * client sent → 400.
 *
 * @remarks Recognised: `not-found`, `unknown-trial`, `no-experiment`, `*-not-found` → 404;
 * `file-outside-trial-folder` → 403;
 * `conflict`, `state`, `wrong-status`, `read-only`, `read-only-store`, `store-closed`,
 * `not-updatable`, `duplicate-*`, `already-*`, `*-conflict` … → 409.
 *
 * @example
 * ```ts
 * statusForErrorCode('unknown-trial'); // 404
 * statusForErrorCode('read-only-store'); // 409
 * statusForErrorCode('invalid-query'); // 400
 * ```
 */
export function statusForErrorCode(code: string): 400 | 403 | 404 | 409 {
  if (NOT_FOUND_CODES.has(code) || code.endsWith('-not-found')) return 404;
  if (FORBIDDEN_CODES.has(code)) return 403;
  if (CONFLICT_CODES.has(code) || code.startsWith('duplicate-') || code.startsWith('already-') || code.endsWith('-conflict')) return 409;
  return 400;
}

/** Whether `error` is a client hanging up while its request body was being read. */
function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'ECONNRESET' || e?.code === 'ECONNABORTED' || e?.message === 'aborted';
}

/**
 * The status and body to answer for any thrown value. `expected` is false for a failure of the server
 * itself: that one becomes a bare 500 that says nothing of its cause, and should be logged.
 */
export function errorAnswer(error: unknown): { status: number; body: RestErrorBody; expected: boolean } {
  if (isClientAbort(error)) return { status: 400, body: { error: { code: 'request-aborted', message: 'The client hung up before its request was read' } }, expected: true };
  if (error instanceof RestError) return { status: error.status, body: bodyOf(error), expected: true };
  if (error instanceof ArchspaceError) return { status: statusForErrorCode(error.code), body: bodyOf(error), expected: true };
  return { status: 500, body: { error: { code: 'internal-error', message: 'The server failed to answer this request; its log says why.' } }, expected: false };
}

/** `received` as the body shows it: a short primitive only, so an answer never echoes a large or structured input. */
function shownReceived(value: unknown): string | number | boolean | null | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= 200 ? value : `${value.slice(0, 200)}…`;
  return undefined;
}

function bodyOf(error: ArchspaceError): RestErrorBody {
  const received = shownReceived(error.received);
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path.length > 0 ? { path: error.path } : {}),
      ...(typeof error.expected === 'string' ? { expected: error.expected } : {}),
      ...(received !== undefined ? { received } : {}),
    },
  };
}
