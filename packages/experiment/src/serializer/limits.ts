import { constants as bufferConstants } from 'node:buffer';
import { SerializationError } from './serialization-error.js';

/**
 * Default limit on the UTF-8 size of a payload, for both `dump()` and `load()`: 64 MiB. The reference
 * limits pickles (4096 bytes in `nni.dump`, 64 KiB in its channels); archspace has no pickles, so the
 * limit is on the whole JSON text, large enough for big model IRs and small enough to keep a
 * hostile payload from exhausting memory. `Infinity` disables it.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Default limit on nesting (arrays and objects inside each other, counted in the JSON text, tags
 * included): 512. Real payloads are far shallower; a deeper one is more likely a mistake or an
 * attack than data.
 */
export const DEFAULT_MAX_DEPTH = 512;

/**
 * Default limit on the decimal digits of all the `bigint`s in one payload together: 1,000,000.
 * Converting a `bigint` between binary and decimal takes time that grows faster than its length, so
 * one payload of many long `bigint`s could otherwise stall `dump()` or `load()` for seconds; at this
 * limit the worst case (one bigint of a million digits) takes a fraction of a second.
 */
export const DEFAULT_MAX_BIGINT_DIGITS = 1_000_000;

/**
 * Former name of {@link DEFAULT_MAX_BIGINT_DIGITS}, from when the limit applied to each `bigint`
 * alone; it now bounds all the `bigint`s of a payload together.
 *
 * @deprecated Use {@link DEFAULT_MAX_BIGINT_DIGITS} or the `maxBigintDigits` option.
 */
export const MAX_BIGINT_DIGITS = DEFAULT_MAX_BIGINT_DIGITS;

/**
 * Most arguments one traced call in a payload may have: 10,000 (internal). Re-creating an object
 * passes its arguments on the stack, and a few tens of thousands overflow it, so `dump()` and
 * `load()` refuse more with `too-many-arguments`.
 */
export const MAX_CALL_ARGUMENTS = 10_000;

/** Longest string the JavaScript engine can make; a payload cannot be longer (internal). */
export const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/** The limits every call of `dump()` and `load()` accepts. */
export interface SizeLimits {
  /** Largest payload in UTF-8 bytes; default {@link DEFAULT_MAX_BYTES}; `Infinity` for none. */
  readonly maxBytes?: number;
  /**
   * Deepest nesting of arrays and objects; default {@link DEFAULT_MAX_DEPTH}; `Infinity` for none.
   * `dump()` and `load()` walk values without recursion, so no depth overflows the stack: with
   * `Infinity` only `maxBytes` bounds it, and each level costs a few hundred bytes of memory.
   */
  readonly maxDepth?: number;
  /**
   * Most decimal digits of all the `bigint`s in the payload together (signs not counted); default
   * {@link DEFAULT_MAX_BIGINT_DIGITS}; `Infinity` for none. Raise it only for trusted payloads.
   */
  readonly maxBigintDigits?: number;
}

/** Checked limits (internal). */
export interface ResolvedLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxBigintDigits: number;
}

/** Validates and fills in the limits (internal). */
export function resolveLimits(options: SizeLimits | undefined): ResolvedLimits {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new SerializationError({ code: 'invalid-option', expected: 'an options object', received: options });
  }
  const limits: ResolvedLimits = {
    maxBytes: options?.maxBytes ?? DEFAULT_MAX_BYTES,
    maxDepth: options?.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxBigintDigits: options?.maxBigintDigits ?? DEFAULT_MAX_BIGINT_DIGITS,
  };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value === Infinity || (Number.isInteger(value) && value >= 1))) {
      throw new SerializationError({ code: 'invalid-option', path: [key], expected: 'a positive integer or Infinity', received: value });
    }
  }
  return limits;
}

/** Throws `payload-too-large` unless `text` fits in `maxBytes` UTF-8 bytes (internal). */
export function checkPayloadSize(text: string, maxBytes: number, direction: 'dump' | 'load'): void {
  if (maxBytes === Infinity) return;
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: skip the exact count when the bound decides.
  if (text.length <= maxBytes / 3) return;
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= maxBytes) return;
  throw new SerializationError({
    code: 'payload-too-large',
    message:
      `The payload is ${size} bytes, more than the limit of ${maxBytes} bytes; ` +
      (direction === 'dump'
        ? 'keep large data out of it (trace a function that loads the data and pass it a path), or pass a larger maxBytes to dump()'
        : 'if it comes from a trusted source, pass a larger maxBytes to load()'),
    received: size,
  });
}

/**
 * Throws `too-deep` when a container at `depth` sits deeper than `maxDepth` (internal). The
 * container is at `path` followed by `below`; the two are joined only for the error, since copying
 * the path at every level would make deep values cost quadratic time.
 */
export function checkDepth(depth: number, maxDepth: number, path: readonly (string | number)[], below: readonly (string | number)[] = []): void {
  if (depth <= maxDepth) return;
  throw new SerializationError({
    code: 'too-deep',
    path: [...path, ...below],
    message: `The value nests ${depth} arrays or objects deep, more than the limit of ${maxDepth}; pass a larger maxDepth if this is intended`,
    received: depth,
  });
}

/** Throws `too-many-arguments` for a traced call with more than {@link MAX_CALL_ARGUMENTS} arguments (internal). */
export function tooManyArguments(count: number, path: readonly (string | number)[]): SerializationError {
  return new SerializationError({
    code: 'too-many-arguments',
    path,
    message:
      `The traced call has ${count} arguments, more than the limit of ${MAX_CALL_ARGUMENTS}: re-creating it would pass them all on the stack; ` +
      'pass large data as one array argument instead',
    received: count,
  });
}
