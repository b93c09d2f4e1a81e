/**
 * The SQLite store's answer to a page query (`ExperimentStore.trialPage`) in SQL: the filters as a
 * WHERE clause over indexed columns, the total by COUNT, and the page in two parts so that an index
 * can serve the order — the trials with a value for the sort key (`ORDER BY key, sequence_id`, from
 * the key's index), then those without one (in sequence order). Internal to `SqliteStore`.
 */
import type { Statement } from 'better-sqlite3';
import type { TrialJobStatus } from '../records.js';
import { finalMetricSql } from './final-metric-value.js';
import { checkTrialPageQuery, objectiveName, paramLabel, type TrialPage, type TrialPageQuery, type TrialSortKey, type TrialSummaryRow } from './trial-page.js';

/** SQL expressions of the page columns (the columns themselves, or what computes them in an older file). */
export interface PageColumnSql {
  readonly finalValue: string;
  readonly duration: string;
  readonly searchText: string;
  /** Whether the file has `trial_count` (trials per status, kept by triggers). */
  readonly countTable: boolean;
}

/** A sort key's SQL expression, the values it binds, and whether it can be NULL. */
interface KeySql {
  readonly expression: string;
  readonly params: readonly unknown[];
  readonly nullable: boolean;
}

function keySql(key: TrialSortKey, columns: PageColumnSql, now: number): KeySql {
  const label = paramLabel(key);
  // The label is bound, never spliced into the SQL or a JSON path: any text is a label.
  if (label !== undefined) return { expression: '(SELECT j.value FROM json_each(trial.sample) AS j WHERE j.key = ?)', params: [label], nullable: true };
  const name = objectiveName(key);
  if (name !== undefined) return { ...finalMetricSql(name), nullable: true };
  switch (key) {
    case 'sequenceId':
      return { expression: 'sequence_id', params: [], nullable: false };
    case 'trialJobId':
      return { expression: 'trial_job_id', params: [], nullable: false };
    case 'status':
      return { expression: 'status', params: [], nullable: false };
    case 'metric':
      return { expression: columns.finalValue, params: [], nullable: true };
    case 'duration':
      return { expression: `COALESCE(${columns.duration}, ? - start_time)`, params: [now], nullable: true };
    case 'startTime':
      return { expression: 'start_time', params: [], nullable: true };
    default:
      return { expression: 'end_time', params: [], nullable: true };
  }
}

type SqlRow = Record<string, unknown>;

/** The trial's first FINAL metric's JSON text (one seek in the partial index `metric_final`). */
const FIRST_FINAL_DATA = "(SELECT m.data FROM metric m WHERE m.trial_job_id = trial.trial_job_id AND m.type = 'FINAL' ORDER BY m.id LIMIT 1)";

/** Whether a query filters by status at most, so that its total is a sum of `trial_count`. */
const countOnly = (query: TrialPageQuery): boolean =>
  query.trialJobId === undefined && query.withMetric !== true && query.metricMin === undefined && query.metricMax === undefined && query.search === undefined;

/** The number of trials (in one of `statuses`, if given) from `trial_count`: no scan of the trials. */
function countByStatus(sql: (text: string) => Statement, statuses: readonly TrialJobStatus[] | undefined): number {
  if (statuses === undefined) return sql('SELECT COALESCE(SUM(n), 0) FROM trial_count').pluck().get() as number;
  let total = 0;
  for (const status of new Set(statuses)) total += (sql('SELECT n FROM trial_count WHERE status = ?').pluck().get(status) as number | undefined) ?? 0;
  return total;
}

function decodeRow(row: SqlRow): TrialSummaryRow {
  const out: { -readonly [K in keyof TrialSummaryRow]?: TrialSummaryRow[K] } = {
    trialJobId: row.trial_job_id as string,
    sequenceId: row.sequence_id as number,
    status: row.status as TrialJobStatus,
    sample: JSON.parse(row.sample as string) as Record<string, unknown>,
    metric: (row.final_value as number | null) ?? null,
  };
  if (row.start_time !== null) out.startTime = row.start_time as number;
  if (row.end_time !== null) out.endTime = row.end_time as number;
  if (row.message !== null) out.message = row.message as string;
  if (typeof row.final_data === 'string') out.finalData = row.final_data;
  return out as TrialSummaryRow;
}

/**
 * Answers `query` with the statements `sql` prepares (and caches). Every value is bound; the SQL
 * text depends only on which filters are set and on the sort key's kind.
 */
export function sqliteTrialPage(sql: (text: string) => Statement, columns: PageColumnSql, query: TrialPageQuery): TrialPage {
  const { needle } = checkTrialPageQuery(query);
  const now = query.now ?? Date.now();
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.trialJobId !== undefined) {
    where.push('trial_job_id = ?');
    params.push(query.trialJobId);
  }
  if (query.statuses !== undefined) {
    const statuses = [...new Set(query.statuses)];
    where.push(statuses.length === 0 ? '0' : `status IN (${statuses.map(() => '?').join(', ')})`);
    for (const status of statuses) params.push(status);
  }
  if (query.withMetric === true || query.metricMin !== undefined || query.metricMax !== undefined) where.push(`${columns.finalValue} IS NOT NULL`);
  if (query.metricMin !== undefined) {
    where.push(`${columns.finalValue} >= ?`);
    params.push(query.metricMin);
  }
  if (query.metricMax !== undefined) {
    where.push(`${columns.finalValue} <= ?`);
    params.push(query.metricMax);
  }
  if (needle !== undefined) {
    where.push(`instr(${columns.searchText}, ?) > 0`);
    params.push(needle);
  }
  const filter = where.length > 0 ? where.join(' AND ') : '1';
  const total = countOnly(query) && columns.countTable ? countByStatus(sql, query.statuses) : (sql(`SELECT COUNT(*) FROM trial WHERE ${filter}`).pluck().get(...params) as number);

  const finalData = query.withFinalData === true ? `, ${FIRST_FINAL_DATA} AS final_data` : '';
  const select = `SELECT trial_job_id, sequence_id, status, sample, start_time, end_time, message, ${columns.finalValue} AS final_value${finalData} FROM trial`;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? -1;
  const key = keySql(query.sort ?? 'sequenceId', columns, now);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  if (!key.nullable) {
    const rows = sql(`${select} WHERE ${filter} ORDER BY ${key.expression} ${direction}, sequence_id LIMIT ? OFFSET ?`).all(...params, ...key.params, limit, offset) as SqlRow[];
    return { total, trials: rows.map(decodeRow) };
  }
  const valued = `${filter} AND ${key.expression} IS NOT NULL`;
  const first = sql(`${select} WHERE ${valued} ORDER BY ${key.expression} ${direction}, sequence_id LIMIT ? OFFSET ?`).all(...params, ...key.params, ...key.params, limit, offset) as SqlRow[];
  if (limit >= 0 && first.length >= limit) return { total, trials: first.map(decodeRow) };
  // The trials without a value follow; skip what the offset leaves of them.
  const valuedCount = first.length > 0 ? offset + first.length : (sql(`SELECT COUNT(*) FROM trial WHERE ${valued}`).pluck().get(...params, ...key.params) as number);
  const rest = sql(`${select} WHERE ${filter} AND ${key.expression} IS NULL ORDER BY sequence_id LIMIT ? OFFSET ?`).all(
    ...params,
    ...key.params,
    limit < 0 ? -1 : limit - first.length,
    Math.max(0, offset - valuedCount),
  ) as SqlRow[];
  return { total, trials: first.concat(rest).map(decodeRow) };
}
