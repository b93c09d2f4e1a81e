/**
 * Checks of what a REST client sends: query values, path parameters and JSON bodies. Each check
 * returns the typed value or throws a `RestError` (400) whose `path` starts with `query`, `params` or
 * `body` and names the offending value.
 */
import { z } from 'zod';
import { deeperThan, MAX_BODY_DEPTH } from '../json-depth.js';
import { DURATION_EXPECTED, durationSeconds } from '../config/duration.js';
import { TRIAL_JOB_STATUSES, type ExperimentProfile, type TrialJobStatus, UPDATE_KEYS, type UpdateType } from '../records.js';
import { TRIAL_FILES } from '../trial/trial-env.js';
import { RestError } from './rest-error.js';

/** The files of a trial's folder that `GET /trial-file/:id/:filename` serves, with their media types. */
export const TRIAL_FILE_TYPES: Readonly<Record<string, string>> = {
  [TRIAL_FILES.stdout]: 'text/plain; charset=utf-8',
  [TRIAL_FILES.stderr]: 'text/plain; charset=utf-8',
  [TRIAL_FILES.metrics]: 'application/x-ndjson; charset=utf-8',
  [TRIAL_FILES.parameters]: 'application/json; charset=utf-8',
};

const oneOf = (values: readonly string[]): string => `one of ${values.join(', ')}`;

/** The `status` query of `GET /trial-jobs`: absent, or a `TrialJobStatus`. */
export function checkStatusQuery(value: string | undefined): TrialJobStatus | undefined {
  if (value === undefined) return undefined;
  if ((TRIAL_JOB_STATUSES as readonly string[]).includes(value)) return value as TrialJobStatus;
  throw new RestError(400, { code: 'unknown-status', path: ['query', 'status'], expected: oneOf(TRIAL_JOB_STATUSES), received: value });
}

/** The `type` query of `GET /metric-data`: absent, `FINAL` or `PERIODICAL`. */
export function checkMetricTypeQuery(value: string | undefined): 'FINAL' | 'PERIODICAL' | undefined {
  if (value === undefined || value === 'FINAL' || value === 'PERIODICAL') return value;
  throw new RestError(400, { code: 'unknown-metric-type', path: ['query', 'type'], expected: 'FINAL or PERIODICAL', received: value });
}

/** The required `update_type` query of `PUT /experiment`. */
export function checkUpdateTypeQuery(value: string | undefined): UpdateType {
  const types = Object.keys(UPDATE_KEYS);
  if (value === undefined) throw new RestError(400, { code: 'missing-update-type', path: ['query', 'update_type'], expected: oneOf(types) });
  if (types.includes(value)) return value as UpdateType;
  throw new RestError(400, { code: 'unknown-update-type', path: ['query', 'update_type'], expected: oneOf(types), received: value });
}

/** A sequence-id path parameter (`/metric-data-range/:min_seq_id/:max_seq_id`): an integer ≥ 0. */
export function checkSequenceIdParam(value: string, name: string): number {
  const n = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(n)) return n;
  throw new RestError(400, { code: 'invalid-sequence-id', path: ['params', name], expected: 'an integer ≥ 0', received: value });
}

/**
 * The trial id and file name of `GET /trial-file/:id/:filename`. Only the four files of a trial's
 * folder are served, and the id may hold only letters, digits, `_` and `-`, so no request can name a
 * path outside the trial's folder.
 */
export function checkTrialFileParams(trialJobId: string, filename: string): { trialJobId: string; filename: string; mediaType: string } {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(trialJobId)) {
    throw new RestError(400, { code: 'invalid-trial-id', path: ['params', 'id'], expected: 'a trial id (letters, digits, "_" and "-")', received: trialJobId });
  }
  const mediaType = Object.hasOwn(TRIAL_FILE_TYPES, filename) ? TRIAL_FILE_TYPES[filename] : undefined;
  if (mediaType === undefined) {
    throw new RestError(400, { code: 'invalid-filename', path: ['params', 'filename'], expected: oneOf(Object.keys(TRIAL_FILE_TYPES)), received: filename });
  }
  return { trialJobId, filename, mediaType };
}

/** Parses a request body as JSON; an empty or malformed body is a 400 that says so. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new RestError(400, { code: 'missing-body', path: ['body'], expected: 'a JSON body' });
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    throw new RestError(400, { code: 'malformed-json', path: ['body'], message: `The body is not valid JSON: ${(error as Error).message}` });
  }
  if (deeperThan(body, MAX_BODY_DEPTH)) {
    throw new RestError(400, { code: 'too-deep', path: ['body'], message: `The body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep; no request needs that` });
  }
  return body;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object, kept as is (zod would copy it key by key). */
const jsonObject = z.custom<Record<string, unknown>>(isRecord, { message: 'Invalid input: expected a JSON object' });

const profileBody = z.object({
  params: jsonObject,
  id: z.string().optional(),
  execDuration: z.number().nonnegative().optional(),
  logDir: z.string().optional(),
  startTime: z.number().optional(),
  endTime: z.number().nullish(),
  nextSequenceId: z.int().nonnegative().optional(),
  revision: z.int().nonnegative().optional(),
});

function fromZod(error: z.ZodError): RestError {
  const issue = error.issues[0];
  const path = ['body', ...(issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol')];
  return new RestError(400, { code: 'invalid-body', path, message: issue?.message ?? 'The body does not have the expected shape' });
}

const positiveInteger = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * The body of `PUT /experiment?update_type=T`: an experiment profile whose `params[key]` holds the new
 * value (the reference's client sends back the whole profile). Fields other than `params` may be left
 * out; they are taken from `current`. The changed value is checked for its type here; the manager
 * decides whether the change is allowed.
 */
export function checkProfileBody(body: unknown, type: UpdateType, current: ExperimentProfile): ExperimentProfile {
  const parsed = profileBody.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error);
  const key = UPDATE_KEYS[type];
  const path = ['body', 'params', key];
  const params = parsed.data.params;
  if (!Object.hasOwn(params, key)) throw new RestError(400, { code: 'missing-field', path, message: `update_type=${type} changes params.${key}, which the body lacks` });
  const value = params[key];
  if (type === 'TRIAL_CONCURRENCY' || type === 'MAX_TRIAL_NUM') {
    if (!positiveInteger(value)) throw new RestError(400, { code: 'invalid-body', path, expected: 'an integer > 0', received: value });
  } else if (type === 'MAX_EXEC_DURATION') {
    if (durationSeconds(value) === undefined) throw new RestError(400, { code: 'invalid-duration', path, expected: DURATION_EXPECTED, received: value });
  } else if (!isRecord(value)) {
    throw new RestError(400, { code: 'invalid-body', path, expected: 'a search space (a JSON object)', received: value });
  }
  if (parsed.data.id !== undefined && parsed.data.id !== current.id) {
    throw new RestError(409, { code: 'experiment-mismatch', path: ['body', 'id'], expected: `the id of this experiment, ${JSON.stringify(current.id)}`, received: parsed.data.id });
  }
  const { endTime, ...rest } = parsed.data;
  const merged: ExperimentProfile = { ...current, ...definedOnly(rest), params };
  return endTime == null ? merged : { ...merged, endTime };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The body of `POST /trial-jobs`: the customized trial's parameters, a JSON object. */
export function checkParametersBody(body: unknown): Record<string, unknown> {
  if (isRecord(body)) return body;
  throw new RestError(400, { code: 'invalid-body', path: ['body'], expected: "the trial's parameters as a JSON object", received: body });
}
