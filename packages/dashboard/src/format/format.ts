/** How numbers, durations, times and parameter values are written on screen. */

/** The text for a missing value. */
export const NONE = '—';

/**
 * A metric with up to 6 significant digits; very large or small values in exponent form.
 *
 * @example formatMetric(0.934567891) // '0.934568'
 * @example formatMetric(null) // '—'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return NONE;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(3);
  return String(Number(value.toPrecision(6)));
}

/**
 * A duration in milliseconds, as a person reads it: the two largest units.
 *
 * @example formatDuration(1500) // '1.5 s'
 * @example formatDuration(3_723_000) // '1 h 02 min'
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 1 : 0))} s`;
  const total = Math.floor(seconds);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${two(hours)} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  return `${minutes} min ${two(secs)} s`;
}

/** A duration in seconds (the unit of the experiment's limits), as `formatDuration` writes it. */
export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? NONE : formatDuration(seconds * 1000);
}

/** A moment (ms since the epoch) in the reader's time zone, to the second. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/**
 * A parameter value in a table cell: strings as they are, numbers as metrics, anything else as
 * JSON (cut after `max` characters).
 *
 * @example formatValue('conv3x3') // 'conv3x3'
 * @example formatValue([1, 2]) // '[1,2]'
 */
export function formatValue(value: unknown, max = 80): string {
  let text: string;
  if (value === undefined || value === null) text = NONE;
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = formatMetric(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `part` of `whole` as a percentage between 0 and 100 (0 when there is no whole). */
export function percentOf(part: number, whole: number | null): number {
  if (whole === null || !(whole > 0)) return 0;
  return Math.min(100, Math.max(0, (part / whole) * 100));
}
