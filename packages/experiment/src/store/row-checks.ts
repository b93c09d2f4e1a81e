/**
 * Checks every store applies to the rows it is given, so that all stores accept and refuse exactly
 * the same rows: the record types' fields, statuses, finite numbers and JSON that round-trips exactly;
 * and the few helpers both stores share. Internal: not exported from the package.
 */
import { EXPERIMENT_STATUSES, TRIAL_JOB_STATUSES, type ExperimentRow, type MetricRow, type TrialJobStatus, type TrialRow } from '../records.js';
import { StoreError } from './store-error.js';
import { MAX_STORED_DEPTH } from '../json-depth.js';

type Path = readonly (string | number)[];

const METRIC_TYPES = ['PERIODICAL', 'FINAL', 'CUSTOM', 'REQUEST_PARAMETER'];

function invalid(path: Path, expected: string, received: unknown): never {
  throw new StoreError({ code: 'invalid-row', path, expected, received });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function checkJson(value: unknown, path: Path, ancestors: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(path, 'a finite number (JSON has no NaN or infinity)', value);
    return;
  }
  if (typeof value !== 'object') invalid(path, 'a JSON value (null, boolean, number, string, array or plain object)', value);
  if (ancestors.has(value)) invalid(path, 'JSON without cycles', '(a cycle)');
  // The recursion (and JSON.stringify after it) stays this shallow, whatever the user gave.
  if (ancestors.size >= MAX_STORED_DEPTH) invalid(path, `JSON nested at most ${MAX_STORED_DEPTH} levels deep`, '(a deeper value)');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) invalid([...path, i], 'a JSON value (arrays may not hold undefined or holes)', undefined);
      checkJson(value[i], [...path, i], ancestors);
    }
  } else if (isPlainObject(value)) {
    for (const [key, member] of Object.entries(value)) if (member !== undefined) checkJson(member, [...path, key], ancestors);
  } else {
    invalid(path, 'a JSON value (a plain object, not a class instance such as a Date or a Map)', value);
  }
  ancestors.delete(value);
}

/**
 * `JSON.stringify(value)` after checking that parsing it back gives an equal value: finite numbers,
 * plain objects and arrays only. Object properties set to `undefined` are dropped, as JSON does, and
 * `-0` is stored as `0`.
 */
export function encodeJson(value: unknown, path: Path): string {
  checkJson(value, path, new Set());
  return JSON.stringify(value);
}

/** `encodeJson` for a field that must hold a JSON object. */
export function encodeJsonObject(value: unknown, path: Path): string {
  if (!isPlainObject(value)) invalid(path, 'a plain JSON object', value);
  return encodeJson(value, path);
}

/** A UTF-16 surrogate without its partner: SQLite stores UTF-8 and would replace it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function requireString(row: Record<string, unknown>, key: string, nonEmpty = false): void {
  const value = row[key];
  if (typeof value !== 'string' || (nonEmpty && value === '')) invalid([key], nonEmpty ? 'a non-empty string' : 'a string', value);
  if (LONE_SURROGATE.test(value)) invalid([key], 'well-formed Unicode text (no lone UTF-16 surrogate)', value);
}

function optionalString(row: Record<string, unknown>, key: string): void {
  if (row[key] !== undefined) requireString(row, key);
}

function requireNumber(row: Record<string, unknown>, key: string, rule: 'integer' | 'finite'): void {
  const value = row[key];
  const ok = typeof value === 'number' && (rule === 'integer' ? Number.isSafeInteger(value) && value >= 0 : Number.isFinite(value));
  if (!ok) invalid([key], rule === 'integer' ? 'an integer ≥ 0' : 'a finite number', value);
}

function optionalNumber(row: Record<string, unknown>, key: string, rule: 'integer' | 'finite'): void {
  if (row[key] !== undefined) requireNumber(row, key, rule);
}

function requireOneOf(row: Record<string, unknown>, key: string, allowed: readonly string[]): void {
  const value = row[key];
  if (typeof value !== 'string' || !allowed.includes(value)) invalid([key], `one of ${allowed.join(', ')}`, value);
}

function asRecord(row: unknown, what: string): Record<string, unknown> {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) invalid([], what, row);
  return row as Record<string, unknown>;
}

/** The checks of a trial row's fields other than `parameters` and `sample`, in the order they run. */
const TRIAL_FIELD_CHECKS: readonly (readonly [string, (row: Record<string, unknown>) => void])[] = [
  ['trialJobId', (row) => requireString(row, 'trialJobId', true)],
  ['sequenceId', (row) => requireNumber(row, 'sequenceId', 'integer')],
  ['status', (row) => requireOneOf(row, 'status', TRIAL_JOB_STATUSES)],
  ['parameterId', (row) => requireNumber(row, 'parameterId', 'integer')],
  ['budget', (row) => optionalNumber(row, 'budget', 'finite')],
  ['startTime', (row) => optionalNumber(row, 'startTime', 'integer')],
  ['endTime', (row) => optionalNumber(row, 'endTime', 'integer')],
  ['message', (row) => optionalString(row, 'message')],
  ['logPath', (row) => optionalString(row, 'logPath')],
  ['pid', (row) => optionalNumber(row, 'pid', 'integer')],
  ['processIdentity', (row) => optionalString(row, 'processIdentity')],
];

/** Checks a trial row; returns the JSON text of its `parameters` and `sample`. */
export function checkTrialRow(input: TrialRow): { parameters: string; sample: string } {
  const row = asRecord(input, 'a trial row (an object)');
  for (const [, check] of TRIAL_FIELD_CHECKS) check(row);
  return { parameters: encodeJsonObject(row.parameters, ['parameters']), sample: encodeJsonObject(row.sample, ['sample']) };
}

/**
 * Checks, of a stored (hence valid) trial row after `applyPatch`, only the fields `patch` sets — the
 * error `checkTrialRow` would throw, for less work. Returns the JSON text of `parameters` and `sample`
 * when the patch sets them (`undefined` when the stored text still holds).
 */
export function checkTrialPatch(next: TrialRow, patch: object): { parameters: string | undefined; sample: string | undefined } {
  const row = next as unknown as Record<string, unknown>;
  const changed = new Set(Object.keys(patch));
  for (const [key, check] of TRIAL_FIELD_CHECKS) if (changed.has(key)) check(row);
  return {
    parameters: changed.has('parameters') ? encodeJsonObject(row.parameters, ['parameters']) : undefined,
    sample: changed.has('sample') ? encodeJsonObject(row.sample, ['sample']) : undefined,
  };
}

/** Checks a metric row: its type, numbers, and that `data` is JSON text; `at` prefixes the error's path (a row's index in a batch). */
export function checkMetricRow(input: MetricRow, at: Path = []): void {
  try {
    const row = asRecord(input, 'a metric row (an object)');
    requireString(row, 'trialJobId', true);
    requireNumber(row, 'parameterId', 'integer');
    requireOneOf(row, 'type', METRIC_TYPES);
    requireNumber(row, 'sequence', 'integer');
    requireNumber(row, 'timestamp', 'integer');
    requireString(row, 'data');
    try {
      JSON.parse(row.data as string);
    } catch {
      invalid(['data'], 'JSON text (the metric after JSON.stringify)', row.data);
    }
  } catch (error) {
    if (at.length === 0 || !(error instanceof StoreError)) throw error;
    throw new StoreError({ ...error.details, path: [...at, ...(error.details.path ?? [])] });
  }
}

/** Checks an experiment row; returns the JSON text of its `config`. */
export function checkExperimentRow(input: ExperimentRow): string {
  const row = checkExperimentFields(input);
  return encodeJsonObject(row.config, ['config']);
}

/** Checks an experiment row's fields other than `config` (whose JSON a caller encodes only when it changes). */
export function checkExperimentFields(input: Omit<ExperimentRow, 'config'>): Record<string, unknown> {
  const row = asRecord(input, 'an experiment row (an object)');
  requireString(row, 'id', true);
  requireOneOf(row, 'status', EXPERIMENT_STATUSES);
  requireNumber(row, 'startTime', 'integer');
  optionalNumber(row, 'endTime', 'integer');
  requireNumber(row, 'execDuration', 'finite');
  requireNumber(row, 'nextSequenceId', 'integer');
  requireNumber(row, 'revision', 'integer');
  requireString(row, 'logDir');
  optionalString(row, 'error');
  return row;
}

/**
 * `row` with `patch` applied: keys present in `patch` replace (or, when `undefined`, remove) the
 * row's; `fixed` keys may not appear in the patch at all.
 */
export function applyPatch<R extends object>(row: R, patch: object, fixed: readonly string[]): R {
  const patchRecord = asRecord(patch, 'a patch (an object)');
  for (const key of fixed) if (key in patchRecord) invalid([key], `a patch without "${key}" (it cannot change)`, patchRecord[key]);
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patchRecord)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as R;
}

/** Checks `offset`/`limit` of a trial query and returns them with defaults (limit −1: no limit). */
export function pageOf(query: { offset?: number; limit?: number }): { offset: number; limit: number } {
  const { offset = 0, limit } = query;
  if (!(Number.isSafeInteger(offset) && offset >= 0)) throw new StoreError({ code: 'invalid-query', path: ['offset'], expected: 'an integer ≥ 0', received: offset });
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new StoreError({ code: 'invalid-query', path: ['limit'], expected: 'an integer ≥ 0', received: limit });
  }
  return { offset, limit: limit ?? -1 };
}

/** Checks the `status` of a query. */
export function checkStatusFilter(status: unknown): void {
  if (status !== undefined && !(typeof status === 'string' && (TRIAL_JOB_STATUSES as readonly string[]).includes(status))) {
    throw new StoreError({ code: 'invalid-query', path: ['status'], expected: `one of ${TRIAL_JOB_STATUSES.join(', ')}`, received: status });
  }
}

/** Checks the filters of a metric query. */
export function checkMetricQuery(query: { trialJobId?: unknown; type?: unknown }): void {
  if (query.trialJobId !== undefined && typeof query.trialJobId !== 'string') {
    throw new StoreError({ code: 'invalid-query', path: ['trialJobId'], expected: 'a string', received: query.trialJobId });
  }
  if (query.type !== undefined && !(typeof query.type === 'string' && METRIC_TYPES.includes(query.type))) {
    throw new StoreError({ code: 'invalid-query', path: ['type'], expected: `one of ${METRIC_TYPES.join(', ')}`, received: query.type });
  }
}

/** Every trial status with the count 0 (what `trialStatistics` starts from). */
export function zeroStatusCounts(): Record<TrialJobStatus, number> {
  return Object.fromEntries(TRIAL_JOB_STATUSES.map((s) => [s, 0])) as Record<TrialJobStatus, number>;
}

/** Whether `value` looks like a promise (a transaction function must not return one). */
export function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
