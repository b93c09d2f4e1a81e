/**
 * How a trial's page columns are derived, shared by both stores and the SQLite migration so that
 * they agree exactly: the final metric's number, and the text `search` looks in. Internal: not
 * exported from the package.
 */
import { checkMetricValue } from '../training-service/metric-line.js';

/**
 * The number of a FINAL metric's JSON text: the metric itself or its numeric `default`; `null` when
 * it has none (not a finite number, not JSON).
 *
 * @example
 * ```ts
 * finalValueOf('{"default":0.9,"loss":0.2}'); // 0.9
 * ```
 */
export function finalValueOf(data: string): number | null {
  const checked = checkMetricValue(data);
  return checked.ok ? checked.value : null;
}

/**
 * `text` with the ASCII letters A–Z lower-cased and every other character kept: what SQLite's
 * `lower()` does, so a search means the same in both stores.
 */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * The text a parameter search looks in: each of the sample's values as JSON text, one a line (a JSON
 * text never holds a raw newline, so no match spans two values), ASCII letters lower-cased.
 *
 * @example
 * ```ts
 * searchTextOf('{"opt":"Adam","lr":0.1}'); // '"adam"\n0.1'
 * ```
 */
export function searchTextOf(sampleJson: string): string {
  const sample = JSON.parse(sampleJson) as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of Object.keys(sample)) lines.push(JSON.stringify(sample[key]) ?? 'null');
  return asciiLower(lines.join('\n'));
}
