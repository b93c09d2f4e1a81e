import { ArchspaceError, type ErrorDetails } from '@archspace/ir';

/**
 * Every way the serializer can refuse: the `code` of a {@link SerializationError}.
 *
 * - `not-a-class-or-function`: `trace()` was given something it cannot wrap.
 * - `invalid-symbol-name`: a module or export name is empty or malformed.
 * - `already-traced`, `duplicate-symbol`: two identities for one symbol, or one name for two symbols.
 * - `wrong-invocation`: a traced class was called without `new`, or a traced function with `new`.
 * - `not-extensible`: a traced call returned a frozen object, so its record cannot be attached.
 * - `untraced-object`, `untraced-function`, `unsupported-value`: `dump()` met something it cannot
 *   write without running or pickling code.
 * - `invalid-trace-record`: an object looks traceable but its record is unusable.
 * - `circular-reference`, `too-deep`, `payload-too-large`, `too-many-bigint-digits`,
 *   `too-many-arguments`: the shape or size limits.
 * - `forbidden-key`: an object key that could pollute prototypes (`__proto__`).
 * - `invalid-json`, `malformed-tag`: `load()` input that `dump()` could not have written.
 * - `unregistered-symbol`: `load()` met a symbol nobody registered with `trace()`.
 * - `pickled-payload`: `load()` met one of NNI's pickles (`{"__nni_obj__": ...}`, or a `"bytes:..."`
 *   symbol); archspace never unpickles, so the value must be traced and dumped with archspace instead.
 * - `instantiation-failed`: a registered symbol threw while `load()` or `get()` re-created it.
 * - `invalid-option`: a bad `maxBytes`, `maxDepth` or similar option.
 *
 * `dump()` also reports as `unsupported-value` an error thrown by the value's own code (a getter, a
 * proxy), with that error as `cause`.
 */
export type SerializationErrorCode =
  | 'not-a-class-or-function'
  | 'invalid-symbol-name'
  | 'already-traced'
  | 'duplicate-symbol'
  | 'wrong-invocation'
  | 'not-extensible'
  | 'untraced-object'
  | 'untraced-function'
  | 'unsupported-value'
  | 'invalid-trace-record'
  | 'circular-reference'
  | 'too-deep'
  | 'payload-too-large'
  | 'too-many-bigint-digits'
  | 'too-many-arguments'
  | 'forbidden-key'
  | 'invalid-json'
  | 'malformed-tag'
  | 'unregistered-symbol'
  | 'pickled-payload'
  | 'instantiation-failed'
  | 'invalid-option';

const LONGEST_QUOTED_STRING = 200;

/** `text`, or its start and length when it is too long to quote in a message (internal). */
export function excerpt(text: string): string {
  return text.length > LONGEST_QUOTED_STRING ? `${text.slice(0, LONGEST_QUOTED_STRING)}... (${text.length} characters)` : text;
}

/** The details a {@link SerializationError} is built from. */
export interface SerializationErrorDetails extends ErrorDetails {
  readonly code: SerializationErrorCode;
}

/**
 * `trace()`, `dump()` or `load()` refused a value. `path` points at the offending place in the
 * value (for `dump`) or in the JSON document (for `load`), e.g. `["model", "__args__", 0]`.
 *
 * @example
 * ```ts
 * try { load('{"__symbol__": "path:my-lib:Net"}'); } catch (e) {
 *   if (e instanceof SerializationError && e.code === 'unregistered-symbol') console.log(e.message);
 * }
 * ```
 */
export class SerializationError extends ArchspaceError {
  declare readonly code: SerializationErrorCode;

  constructor(details: SerializationErrorDetails, options?: { readonly cause?: unknown }) {
    // The encoder and decoder reuse one path array while they walk: keep a snapshot of it. A huge
    // string from a payload would make a huge message: keep its start and its length.
    const { path, received } = details;
    super({
      ...details,
      ...(path === undefined ? {} : { path: [...path] }),
      ...(typeof received === 'string' ? { received: excerpt(received) } : {}),
    });
    if (options && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
    }
  }
}
