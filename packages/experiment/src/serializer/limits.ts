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
 * included): 512. Deep payloads could otherwise overflow the stack of the loader.
 */
export const DEFAULT_MAX_DEPTH = 512;

/**
 * Longest `bigint` written or read, in decimal digits: 100,000. Parsing decimal digits takes
 * quadratic time, so a payload of one huge `bigint` could otherwise stall the loader.
 */
export const MAX_BIGINT_DIGITS = 100_000;

/** The limits every call of `dump()` and `load()` accepts. */
export interface SizeLimits {
  /** Largest payload in UTF-8 bytes; default {@link DEFAULT_MAX_BYTES}; `Infinity` for none. */
  readonly maxBytes?: number;
  /** Deepest nesting of arrays and objects; default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
}

/** Checked limits (internal). */
export interface ResolvedLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/** Validates and fills in the limits (internal). */
export function resolveLimits(options: SizeLimits | undefined): ResolvedLimits {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  for (const [key, value] of [['maxBytes', maxBytes], ['maxDepth', maxDepth]] as const) {
    if (typeof value !== 'number' || !(value === Infinity || (Number.isInteger(value) && value >= 1))) {
      throw new SerializationError({ code: 'invalid-option', path: [key], expected: 'a positive integer or Infinity', received: value });
    }
  }
  return { maxBytes, maxDepth };
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

/** Throws `too-deep` when a container sits deeper than `maxDepth` (internal). */
export function tooDeep(depth: number, maxDepth: number, path: readonly (string | number)[]): SerializationError {
  return new SerializationError({
    code: 'too-deep',
    path,
    message: `The value nests ${depth} arrays or objects deep, more than the limit of ${maxDepth}; pass a larger maxDepth if this is intended`,
    received: depth,
  });
}
