/**
 * What the trials table asks `GET /trials` for, and its query string. Empty filters are left out, so
 * the server applies its defaults.
 */
import type { TrialStatus } from './api-types.js';

/** A column `GET /trials` sorts by: a fixed key, `param:<label>`, or `objective:<name>` for an objective the config names. */
export type SortKey = 'sequenceId' | 'trialJobId' | 'status' | 'metric' | 'duration' | 'startTime' | 'endTime' | `param:${string}` | `objective:${string}`;

/** The table's sort, filters and search. */
export interface TrialsQuery {
  readonly sort: SortKey;
  readonly order: 'asc' | 'desc';
  /** Empty: every status. */
  readonly statuses: readonly TrialStatus[];
  readonly metricMin: number | null;
  readonly metricMax: number | null;
  /** Empty: no search. */
  readonly search: string;
}

/** The table's starting query: every trial, by sequence id. */
export const DEFAULT_TRIALS_QUERY: TrialsQuery = { sort: 'sequenceId', order: 'asc', statuses: [], metricMin: null, metricMax: null, search: '' };

/** The longest search text the server accepts. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * The filter part of the query string (what `/trials` and `/trial-columns` share).
 *
 * @example filterParams({ ...DEFAULT_TRIALS_QUERY, statuses: ['RUNNING'] }).toString() // 'status=RUNNING'
 */
export function filterParams(query: Pick<TrialsQuery, 'statuses' | 'metricMin' | 'metricMax'>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.statuses.length > 0) params.set('status', query.statuses.join(','));
  if (query.metricMin !== null && Number.isFinite(query.metricMin)) params.set('metricMin', String(query.metricMin));
  if (query.metricMax !== null && Number.isFinite(query.metricMax)) params.set('metricMax', String(query.metricMax));
  return params;
}

/**
 * The query string of `GET /trials` for one page (no leading `?`).
 *
 * @example trialsQueryString(DEFAULT_TRIALS_QUERY, 200, 100) // 'offset=200&limit=100&sort=sequenceId&order=asc'
 */
export function trialsQueryString(query: TrialsQuery, offset: number, limit: number): string {
  const params = new URLSearchParams({ offset: String(offset), limit: String(limit), sort: query.sort, order: query.order });
  for (const [key, value] of filterParams(query)) params.set(key, value);
  const search = query.search.trim().slice(0, MAX_SEARCH_LENGTH);
  if (search !== '') params.set('search', search);
  return params.toString();
}

/** A text that is the same for two queries exactly when they ask for the same rows in the same order. */
export function trialsQueryKey(query: TrialsQuery): string {
  return trialsQueryString(query, 0, 1);
}

/**
 * The query after a click on a column header: the same column flips its order, another column
 * sorts ascending.
 */
export function toggleSort(query: TrialsQuery, key: SortKey): TrialsQuery {
  if (query.sort === key) return { ...query, order: query.order === 'asc' ? 'desc' : 'asc' };
  return { ...query, sort: key, order: 'asc' };
}

/** A metric bound typed by the user: a finite number, or `null` when the field is empty or not a number. */
export function parseBound(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
