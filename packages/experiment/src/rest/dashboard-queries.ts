/**
 * Checks of the dashboard endpoints' query parameters (`/trials`, `/trial-columns`, `/intermediate`).
 * Each bad value is a 400 `RestError` whose path is `["query", name]` and whose message names what is
 * allowed, as `dashboard-api.md` promises.
 */
import { TRIAL_JOB_STATUSES, type TrialJobStatus } from '../records.js';
import { isTrialSortKey, objectiveName, TRIAL_SORT_KEYS, type TrialPageQuery, type TrialSortKey } from '../store/trial-page.js';
import { RestError } from './rest-error.js';

/** Reads one query parameter (Hono's `c.req.query(name)`). */
export type QueryReader = (name: string) => string | undefined;

/** The largest `offset`: 2^31 − 1. */
export const MAX_OFFSET = 2 ** 31 - 1;
/** The longest `search` text. */
export const MAX_SEARCH_LENGTH = 200;
/** The most ids `/intermediate?trials=` takes. */
export const MAX_INTERMEDIATE_TRIALS = 50;

function bad(name: string, expected: string, received: string): never {
  const shown = JSON.stringify(received.length > 100 ? `${received.slice(0, 100)}…` : received);
  throw new RestError(400, { code: 'invalid-query', path: ['query', name], expected, received, message: `The query parameter "${name}" must be ${expected}; it is ${shown}` });
}

/** An integer query parameter within `min … max`, or `fallback` when absent. */
export function integerQuery(read: QueryReader, name: string, min: number, max: number, fallback: number): number {
  const text = read(name);
  if (text === undefined) return fallback;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max)) bad(name, `an integer ${min} … ${max}`, text);
  return n;
}

function numberQuery(read: QueryReader, name: string): number | undefined {
  const text = read(name);
  if (text === undefined) return undefined;
  const n = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n)) bad(name, 'a finite number such as 0.5 or -1e3', text);
  return n;
}

/** The `status` filter: comma-separated trial statuses. */
function statusesQuery(read: QueryReader): TrialJobStatus[] | undefined {
  const text = read('status');
  if (text === undefined) return undefined;
  const statuses = text.split(',');
  for (const status of statuses) {
    if (!(TRIAL_JOB_STATUSES as readonly string[]).includes(status)) bad('status', `comma-separated trial statuses among ${TRIAL_JOB_STATUSES.join(', ')}`, text);
  }
  return [...new Set(statuses)] as TrialJobStatus[];
}

/** The filters `/trials` and `/trial-columns` share: status and the metric range. */
function filterQuery(read: QueryReader): Pick<TrialPageQuery, 'statuses' | 'metricMin' | 'metricMax'> {
  const statuses = statusesQuery(read);
  const metricMin = numberQuery(read, 'metricMin');
  const metricMax = numberQuery(read, 'metricMax');
  if (metricMin !== undefined && metricMax !== undefined && metricMin > metricMax) bad('metricMax', `a number ≥ metricMin (${metricMin})`, read('metricMax')!);
  return { ...(statuses !== undefined ? { statuses } : {}), ...(metricMin !== undefined ? { metricMin } : {}), ...(metricMax !== undefined ? { metricMax } : {}) };
}

/**
 * The `sort` parameter: a fixed key, `param:<label>`, or `objective:<name>` for one of `objectives`
 * (the names the config's objectives give, none when it names none).
 */
function sortQuery(read: QueryReader, objectives: readonly string[]): TrialSortKey | undefined {
  const text = read('sort');
  if (text === undefined) return undefined;
  const name = isTrialSortKey(text) ? objectiveName(text) : undefined;
  if (isTrialSortKey(text) && (name === undefined || objectives.includes(name))) return text;
  const fixed = `one of ${TRIAL_SORT_KEYS.join(', ')}`;
  if (objectives.length > 0) bad('sort', `${fixed}, param:<label> or objective:<name> with <name> one of the config's objectives ${objectives.map((n) => JSON.stringify(n)).join(', ')}`, text);
  bad('sort', name === undefined ? `${fixed} or param:<label>` : `${fixed} or param:<label> (objective:<name> only when the config names objectives, and it names none)`, text);
}

/**
 * The query of `GET /trials`: `offset`, `limit` (1 … 1000), `sort`, `order`, `status`, `metricMin`,
 * `metricMax`, `search`. `objectives` are the names `sort=objective:<name>` may give.
 */
export function checkTrialsQuery(read: QueryReader, objectives: readonly string[] = []): TrialPageQuery {
  const offset = integerQuery(read, 'offset', 0, MAX_OFFSET, 0);
  const limit = integerQuery(read, 'limit', 1, 1000, 100);
  const sortText = sortQuery(read, objectives);
  const order = read('order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') bad('order', 'asc or desc', order);
  const search = read('search');
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) bad('search', `a text of at most ${MAX_SEARCH_LENGTH} characters`, search);
  return {
    offset,
    limit,
    ...(sortText !== undefined ? { sort: sortText } : {}),
    ...(order !== undefined ? { order } : {}),
    ...filterQuery(read),
    ...(search !== undefined ? { search } : {}),
  };
}

/** The query of `GET /trial-columns`: `offset`, `limit` (1 … 100000, default 100000), `status`, `metricMin`, `metricMax`. */
export function checkColumnsQuery(read: QueryReader): TrialPageQuery {
  return { offset: integerQuery(read, 'offset', 0, MAX_OFFSET, 0), limit: integerQuery(read, 'limit', 1, 100_000, 100_000), ...filterQuery(read) };
}

/** The query of `GET /intermediate`: `trials` (≤ 50 ids) or `limit` (1 … 1000, default 200), not both. */
export function checkIntermediateQuery(read: QueryReader): { readonly trials: readonly string[] } | { readonly limit: number } {
  const trials = read('trials');
  if (trials === undefined) return { limit: integerQuery(read, 'limit', 1, 1000, 200) };
  if (read('limit') !== undefined) bad('limit', 'absent when trials is given (give trials or limit, not both)', read('limit')!);
  const ids = trials.split(',');
  if (ids.length > MAX_INTERMEDIATE_TRIALS || !ids.every((id) => /^[A-Za-z0-9_-]{1,128}$/.test(id))) {
    bad('trials', `a comma-separated list of at most ${MAX_INTERMEDIATE_TRIALS} trial ids (letters, digits, "_" and "-")`, trials);
  }
  return { trials: [...new Set(ids)] };
}
