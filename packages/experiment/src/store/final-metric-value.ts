/**
 * One named number of a trial's final result, as an objective reads it: the record's own field of
 * that name, or the result itself when it is a plain number and the name is `default`. Both stores
 * sort by it (`objective:<name>`): the memory store with {@link finalMetricValueOf}, the SQLite store
 * with {@link finalMetricSql}, which agree exactly. Names are data: `__proto__` is a name like any other.
 */

/** The largest finite double: JSON numbers beyond it (`1e400`) are not finite, so not a value. */
const MAX_FINITE = '1.7976931348623157e308';

/**
 * The number `name` of the final result `data` (a metric's JSON text), or `null` when it has none:
 * not JSON, no such field, or not a finite number. A duplicated field counts by its last occurrence,
 * as `JSON.parse` reads it.
 *
 * @example
 * ```ts
 * finalMetricValueOf('{"default":0.9,"flops":2e6}', 'flops'); // 2000000
 * finalMetricValueOf('0.9', 'default'); // 0.9
 * finalMetricValueOf('{"default":0.9}', 'flops'); // null
 * ```
 */
export function finalMetricValueOf(data: string, name: string): number | null {
  return finalMetricValuesOf(data, [name])[0]!;
}

/** {@link finalMetricValueOf} for each of `names`, the result parsed once. */
export function finalMetricValuesOf(data: string, names: readonly string[]): (number | null)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return names.map(() => null);
  }
  return names.map((name) => {
    let value: unknown;
    if (typeof parsed === 'number') value = name === 'default' ? parsed : undefined;
    else if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.hasOwn(parsed, name)) value = (parsed as Record<string, unknown>)[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  });
}

/** {@link finalMetricValueOf} over the trial's first FINAL metric, in a query over `trial`; binds the name twice. */
const FINAL_METRIC_SQL = `(SELECT CASE
      WHEN NOT json_valid(m.data) THEN NULL
      WHEN json_type(m.data) IN ('integer', 'real') THEN
        CASE WHEN ? = 'default' AND abs(json_extract(m.data, '$')) <= ${MAX_FINITE} THEN json_extract(m.data, '$') END
      WHEN json_type(m.data) = 'object' THEN
        (SELECT CASE WHEN j.type IN ('integer', 'real') AND abs(j.value) <= ${MAX_FINITE} THEN j.value END
          FROM json_each(m.data) AS j WHERE j.key = ? ORDER BY j.id DESC LIMIT 1)
    END
  FROM metric m WHERE m.trial_job_id = trial.trial_job_id AND m.type = 'FINAL' ORDER BY m.id LIMIT 1)`;

/**
 * The SQL expression of {@link finalMetricValueOf} over the trial's first FINAL metric (in a query
 * over `trial`) and the values it binds: the name is bound, never spliced into the SQL or a JSON path.
 */
export function finalMetricSql(name: string): { readonly expression: string; readonly params: readonly unknown[] } {
  return { expression: FINAL_METRIC_SQL, params: [name, name] };
}
