/**
 * The dashboard's page of trials (`GET /api/v1/archspace/trials`): the query a store answers, the
 * rows it gives back, and the ordering both stores follow. The SQLite store answers it in SQL over
 * indexed columns (`sqlite-trial-page.ts`); the memory store with {@link pageInMemory}, which is also
 * the specification of the order.
 */
import { TRIAL_JOB_STATUSES, type TrialJobStatus } from '../records.js';
import { finalMetricValueOf } from './final-metric-value.js';
import { StoreError } from './store-error.js';
import { asciiLower } from './trial-page-columns.js';

/**
 * The sort keys of a page; `param:<label>` sorts by the value of one label of the sample,
 * `objective:<name>` by the number `name` of the final result (see `final-metric-value.ts`).
 */
export const TRIAL_SORT_KEYS = ['sequenceId', 'trialJobId', 'status', 'metric', 'duration', 'startTime', 'endTime'] as const;

/** What a page can be sorted by: one of {@link TRIAL_SORT_KEYS}, `param:<label>` or `objective:<name>`. */
export type TrialSortKey = (typeof TRIAL_SORT_KEYS)[number] | `param:${string}` | `objective:${string}`;

/**
 * Which trials a page holds, and in which order. Trials without a value for the sort key come last
 * in either order; ties are broken by ascending `sequenceId`.
 *
 * @example
 * ```ts
 * store.trialPage({ sort: 'metric', order: 'desc', limit: 100, statuses: ['SUCCEEDED'] });
 * ```
 */
export interface TrialPageQuery {
  /** Trials to skip (default 0). */
  readonly offset?: number;
  /** Trials to return at most (default: all). */
  readonly limit?: number;
  /** Default `sequenceId`. */
  readonly sort?: TrialSortKey;
  /** Default `asc`. */
  readonly order?: 'asc' | 'desc';
  /** Only trials in one of these statuses (default: all). */
  readonly statuses?: readonly TrialJobStatus[];
  /** Only trials whose final metric is ≥ this (trials without one are left out). */
  readonly metricMin?: number;
  /** Only trials whose final metric is ≤ this (trials without one are left out). */
  readonly metricMax?: number;
  /** Only trials with a final metric. */
  readonly withMetric?: boolean;
  /**
   * Only trials one of whose sample values, as JSON text, contains this text, ignoring the case of
   * ASCII letters (`"adam"` finds `"Adam"`; numbers are matched as JSON writes them).
   */
  readonly search?: string;
  /** Only this trial. */
  readonly trialJobId?: string;
  /** Give each row its first FINAL metric's JSON text (`finalData`). */
  readonly withFinalData?: boolean;
  /** The time running trials' durations are measured to (ms since the epoch; default now). */
  readonly now?: number;
}

/** One trial of a page: what the dashboard's table shows of it. */
export interface TrialSummaryRow {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  /** The sample the strategy proposed: label → value (labels are user data). */
  readonly sample: Readonly<Record<string, unknown>>;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly message?: string;
  /** The first FINAL metric's number (or its numeric `default`); `null` when there is none. */
  readonly metric: number | null;
  /** The first FINAL metric's JSON text, when the query asks `withFinalData` and there is one. */
  readonly finalData?: string;
}

/** A page of trials and how many match the filters in all. */
export interface TrialPage {
  readonly total: number;
  readonly trials: TrialSummaryRow[];
}

/** A sort key's value: numbers sort before texts (as in SQLite); `null` means "none" (sorted last). */
export type SortValue = number | string | null;

/** The label of a `param:<label>` sort key, or `undefined` for another key. */
export function paramLabel(key: TrialSortKey): string | undefined {
  return key.startsWith('param:') ? key.slice('param:'.length) : undefined;
}

/** The metric name of an `objective:<name>` sort key, or `undefined` for another key. */
export function objectiveName(key: TrialSortKey): string | undefined {
  return key.startsWith('objective:') ? key.slice('objective:'.length) : undefined;
}

/** Whether `key` is a sort key a page takes (any text after `param:` or `objective:`). */
export function isTrialSortKey(key: unknown): key is TrialSortKey {
  return typeof key === 'string' && ((TRIAL_SORT_KEYS as readonly string[]).includes(key) || key.startsWith('param:') || key.startsWith('objective:'));
}

/**
 * A trial's duration in ms: end − start, or `now` − start while it has no end; `null` before it starts.
 */
export function durationOf(trial: { readonly startTime?: number; readonly endTime?: number }, now: number): number | null {
  if (trial.startTime === undefined) return null;
  return (trial.endTime ?? now) - trial.startTime;
}

/**
 * A sample value as the SQLite store sorts it (`json_each`'s value): booleans as 1 and 0, objects
 * and arrays as their JSON text, JSON `null` and an absent label as none.
 */
export function sampleSortValue(sample: Readonly<Record<string, unknown>>, label: string): SortValue {
  if (!Object.hasOwn(sample, label)) return null;
  const value = sample[label];
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The value of `key` for a trial whose first FINAL metric's JSON text is `finalData`. */
export function sortValueOf(row: TrialSummaryRow, key: TrialSortKey, now: number, finalData?: string): SortValue {
  const label = paramLabel(key);
  if (label !== undefined) return sampleSortValue(row.sample, label);
  const name = objectiveName(key);
  if (name !== undefined) return finalData === undefined ? null : finalMetricValueOf(finalData, name);
  switch (key) {
    case 'sequenceId':
      return row.sequenceId;
    case 'trialJobId':
      return row.trialJobId;
    case 'status':
      return row.status;
    case 'metric':
      return row.metric;
    case 'duration':
      return durationOf(row, now);
    case 'startTime':
      return row.startTime ?? null;
    default:
      return row.endTime ?? null;
  }
}

/** Compares two present sort values as SQLite does: numbers by value, before texts by their UTF-8 bytes. */
export function compareSortValues(a: number | string, b: number | string): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Answers a page query over every trial in memory: filters, then sorts by the key (trials without a
 * value last, ties by sequence id), then slices. `searchText` gives a trial's text for `search`
 * (`searchTextOf` of its sample), `finalData` its first FINAL metric's JSON text. The specification
 * the SQLite store's SQL is tested against.
 */
export function pageInMemory(
  rows: readonly TrialSummaryRow[],
  searchText: (row: TrialSummaryRow) => string,
  query: TrialPageQuery,
  needle: string | undefined,
  finalData: (row: TrialSummaryRow) => string | undefined = () => undefined,
): TrialPage {
  const now = query.now ?? Date.now();
  const statuses = query.statuses === undefined ? undefined : new Set<string>(query.statuses);
  const matching = rows.filter(
    (row) =>
      (query.trialJobId === undefined || row.trialJobId === query.trialJobId) &&
      (statuses === undefined || statuses.has(row.status)) &&
      (!(query.withMetric === true || query.metricMin !== undefined || query.metricMax !== undefined) || row.metric !== null) &&
      (query.metricMin === undefined || (row.metric !== null && row.metric >= query.metricMin)) &&
      (query.metricMax === undefined || (row.metric !== null && row.metric <= query.metricMax)) &&
      (needle === undefined || searchText(row).includes(needle)),
  );
  const key = query.sort ?? 'sequenceId';
  const sign = query.order === 'desc' ? -1 : 1;
  const keyed = matching.map((row) => ({ row, value: sortValueOf(row, key, now, finalData(row)) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else {
      const order = compareSortValues(a.value, b.value);
      if (order !== 0) return sign * order;
    }
    return a.row.sequenceId - b.row.sequenceId;
  });
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { total: matching.length, trials: keyed.slice(offset, end).map((k) => k.row) };
}

/**
 * Checks a page query (a `StoreError` `invalid-query` naming the field otherwise) and gives the
 * search text as matched: ASCII letters lower-cased.
 */
export function checkTrialPageQuery(query: TrialPageQuery): { needle: string | undefined } {
  const fail = (field: string, expected: string, received: unknown): never => {
    throw new StoreError({ code: 'invalid-query', path: [field], expected, received });
  };
  const { offset, limit, sort, order, statuses, metricMin, metricMax, search, trialJobId, now, withFinalData } = query;
  if (offset !== undefined && !(Number.isSafeInteger(offset) && offset >= 0)) fail('offset', 'an integer ≥ 0', offset);
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) fail('limit', 'an integer ≥ 0', limit);
  if (sort !== undefined && !isTrialSortKey(sort)) fail('sort', `one of ${TRIAL_SORT_KEYS.join(', ')}, param:<label> or objective:<name>`, sort);
  if (order !== undefined && order !== 'asc' && order !== 'desc') fail('order', 'asc or desc', order);
  if (statuses !== undefined) {
    if (!Array.isArray(statuses)) fail('statuses', 'a list of trial statuses', statuses);
    statuses.forEach((s) => {
      if (!(TRIAL_JOB_STATUSES as readonly string[]).includes(s)) fail('statuses', `statuses among ${TRIAL_JOB_STATUSES.join(', ')}`, s);
    });
  }
  for (const [field, value] of [['metricMin', metricMin], ['metricMax', metricMax], ['now', now]] as const) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) fail(field, 'a finite number', value);
  }
  if (search !== undefined && typeof search !== 'string') fail('search', 'a text', search);
  if (trialJobId !== undefined && typeof trialJobId !== 'string') fail('trialJobId', 'a trial id', trialJobId);
  if (withFinalData !== undefined && typeof withFinalData !== 'boolean') fail('withFinalData', 'true or false', withFinalData);
  return { needle: search === undefined ? undefined : asciiLower(search) };
}
