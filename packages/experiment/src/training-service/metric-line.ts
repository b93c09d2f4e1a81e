/**
 * Checks one line of a trial's metrics file, whatever wrote it (our trial API, a Python script, a
 * hostile program): a line is either a metric the store can keep and a strategy can learn from, or a
 * reason that names what was wrong and what is allowed. Nothing here throws.
 */
import type { MetricLine } from '../trial/trial-env.js';

/** The longest metric line read, in bytes; a longer one is refused (a metric is a number or a small record). */
export const MAX_METRIC_LINE_BYTES = 64 * 1024;

/** A valid line: what to store, and the number a strategy or an assessor learns from. */
export interface ValidMetricLine {
  readonly line: MetricLine;
  readonly value: number;
}

/** The result of checking a line: a metric, or why it is not one. */
export type CheckedMetricLine = { readonly ok: true; readonly metric: ValidMetricLine } | { readonly ok: false; readonly reason: string };

const ALLOWED = 'a finite number, or a JSON object with a finite numeric "default"';

/** A short, printable excerpt of user text for a message. */
export function excerpt(text: string, max = 120): string {
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return text.length > max ? `${shown} (${text.length} characters)` : shown;
}

/** Why `value` (a metric's JSON text) is not a usable metric, or its number. */
export function checkMetricValue(value: string): { ok: true; value: number } | { ok: false; reason: string } {
  let metric: unknown;
  try {
    metric = JSON.parse(value);
  } catch {
    // Python's json.dumps writes these for float('nan') and float('inf').
    const special = /^\s*(-?Infinity|NaN)\s*$/.exec(value);
    if (special) return { ok: false, reason: `the metric is ${special[1]}, not a finite number (allowed: ${ALLOWED})` };
    return { ok: false, reason: `the metric ${excerpt(value)} is not JSON (allowed: ${ALLOWED})` };
  }
  const isRecordMetric = typeof metric === 'object' && metric !== null && !Array.isArray(metric);
  const hasDefault = isRecordMetric && Object.hasOwn(metric as object, 'default');
  const number = hasDefault ? (metric as { default: unknown }).default : metric;
  const subject = hasDefault ? `the "default" of the metric ${excerpt(value)}` : `the metric ${excerpt(value)}`;
  if (typeof number !== 'number') {
    const what = number === null ? 'null' : Array.isArray(number) ? 'a list' : typeof number === 'object' ? 'an object without a numeric "default"' : `a ${typeof number}`;
    return { ok: false, reason: `${subject} is ${what} (allowed: ${ALLOWED})` };
  }
  if (!Number.isFinite(number)) return { ok: false, reason: `${subject} is ${number}, not a finite number (allowed: ${ALLOWED})` };
  return { ok: true, value: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one metrics-file line (without its newline): a JSON object
 * `{type: "PERIODICAL" | "FINAL", sequence: integer ≥ 0, value: "<metric JSON>", timestamp?: number,
 * parameter_id?: integer}`. A missing timestamp becomes `now`.
 */
export function checkMetricLine(text: string, now: number = Date.now()): CheckedMetricLine {
  const fail = (reason: string): CheckedMetricLine => ({ ok: false, reason });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(`the line ${excerpt(text)} is not JSON; each line must be an object {"type", "sequence", "value", "timestamp"}`);
  }
  if (!isRecord(parsed)) return fail(`the line ${excerpt(text)} is not a JSON object {"type", "sequence", "value", "timestamp"}`);
  const { type, sequence, value, timestamp } = parsed;
  if (type !== 'PERIODICAL' && type !== 'FINAL') return fail(`the line's "type" is ${excerpt(String(type))}; allowed: "PERIODICAL" or "FINAL"`);
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) return fail(`the line's "sequence" is ${excerpt(String(sequence))}; allowed: an integer ≥ 0`);
  if (typeof value !== 'string') return fail(`the line's "value" is not a string holding the metric's JSON (such as "0.93" or "{\\"default\\": 0.93}")`);
  if (timestamp !== undefined && (typeof timestamp !== 'number' || !Number.isSafeInteger(Math.round(timestamp)) || timestamp < 0)) return fail(`the line's "timestamp" is ${excerpt(String(timestamp))}; allowed: milliseconds since 1970`);
  const checked = checkMetricValue(value);
  if (!checked.ok) return fail(`${type === 'FINAL' ? 'the final result' : `intermediate result #${sequence}`}: ${checked.reason}`);
  const parameterId = typeof parsed.parameter_id === 'number' && Number.isSafeInteger(parsed.parameter_id) ? parsed.parameter_id : 0;
  return { ok: true, metric: { line: { type, sequence, parameter_id: parameterId, value, timestamp: Math.round((timestamp as number | undefined) ?? now) }, value: checked.value } };
}
