/**
 * Python's ints are exact at any size; a JavaScript number holds every integer only up to 2^53.
 * Expressions keep Python's results for integers by raising {@link InexactIntegerError} where a
 * double cannot hold the exact integer result, instead of silently rounding it.
 */
import { ArchspaceError } from '@archspace/ir';

/** 2^53: every integer of smaller magnitude is exact as a JavaScript number; past it, only some are. */
export const EXACT_INTEGER_LIMIT = 2 ** 53;

/**
 * An integer operation whose exact result (Python's) no JavaScript number holds, such as
 * `2 ** 53 + 1`. Code `inexact-integer`; `received` is the exact result as decimal digits.
 *
 * @example
 * ```ts
 * new Categorical([2 ** 53], { label: 'n' }).add(1).freeze({ n: 2 ** 53 }); // throws InexactIntegerError
 * ```
 */
export class InexactIntegerError extends ArchspaceError {}

/** Whether `x` counts as a Python int: a boolean or an integral number (JavaScript cannot tell `2.0` from `2`). */
export function isIntegral(x: unknown): x is number | boolean {
  return typeof x === 'boolean' || Number.isInteger(x);
}

/**
 * `exact` as a number, or {@link InexactIntegerError} when no double equals it. `operation` says what
 * was computed (`"2 ** 60 + 1"`), for the message.
 */
export function exactInteger(exact: bigint, operation: () => string): number {
  const nearest = Number(exact);
  if (Number.isFinite(nearest) && BigInt(nearest) === exact) return nearest === 0 ? 0 : nearest;
  const digits = exact.toString();
  const magnitude = digits.replace('-', '').length;
  throw inexactInteger(operation(), magnitude > 40 ? `an integer of ${magnitude} digits` : digits);
}

/**
 * The error for an integer operation whose exact result, `result` (its digits, or words such as
 * "an integer past ±1.8e308"), no double holds.
 */
export function inexactInteger(operation: string, result: string): InexactIntegerError {
  return new InexactIntegerError({
    code: 'inexact-integer',
    expected: `an integer result a JavaScript number holds exactly (every integer up to ±2^53 = ${EXACT_INTEGER_LIMIT}, only some past it)`,
    received: result,
    message:
      `${operation} is ${result} in Python's exact integer arithmetic, which no JavaScript number holds ` +
      `(integers are exact only up to ±2^53 = ${EXACT_INTEGER_LIMIT}); archspace raises instead of rounding it. ` +
      'Keep integers within ±2^53 (an integral float counts as an int, since JavaScript cannot tell 2.0 from 2)',
  });
}
