/**
 * Durations as the reference's config writes them: a number of seconds, or a string with a unit —
 * `s`, `m`, `h` or `d` — such as `'90s'`, `'30m'`, `'1.5h'` or `'2d'`.
 */
import { ConfigError } from './config-error.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([smhd])\s*$/i;

/** What a duration must look like, in words (used in error messages). */
export const DURATION_EXPECTED = 'a duration > 0: a number of seconds, or a number with a unit s, m, h or d (such as "30m" or "1.5h")';

/** The seconds `value` stands for, or `undefined` if it is not a valid duration > 0. */
export function durationSeconds(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const match = DURATION.exec(value);
    if (match) seconds = Number(match[1]) * UNIT_SECONDS[match[2]!.toLowerCase()]!;
  }
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Parses a duration into seconds; throws {@link ConfigError} (at `path`) for anything else, zero and
 * negative durations included.
 *
 * @example
 * ```ts
 * parseDuration('1.5h'); // 5400
 * parseDuration(90);     // 90
 * parseDuration('10 minutes'); // throws ConfigError
 * ```
 */
export function parseDuration(value: unknown, path: readonly (string | number)[] = []): number {
  const seconds = durationSeconds(value);
  if (seconds === undefined) throw new ConfigError({ code: 'invalid-value', path, expected: DURATION_EXPECTED, received: value });
  return seconds;
}
