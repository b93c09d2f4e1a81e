/**
 * The reference's pickled payloads (internal). NNI's `nni.dump` falls back to cloudpickle: an object
 * it cannot otherwise write becomes `{"__nni_obj__": "<base64>"}`, and a class or function it cannot
 * name by import path becomes `"bytes:<base64>"` under `__nni_type__`, `__instance_type__` or
 * `__symbol__`. Unpickling runs code, so `load()` refuses every one of these forms, at any depth,
 * rather than return the base64 as if it were data. `dump()` escapes a plain object that has one of
 * these keys (`{"__object__": {...}}`), so archspace's own payloads never read as pickles.
 */
import { SerializationError } from './serialization-error.js';
import type { PathSegment } from './tree-walk.js';

/** The reference's key for a pickled object. */
const PICKLED_OBJECT_KEY = '__nni_obj__';
/** The reference's keys that name a class or function, pickled when the name starts with `bytes:`. */
const REFERENCE_TYPE_KEYS: ReadonlySet<string> = new Set(['__nni_type__', '__instance_type__']);
const PICKLED_NAME_PREFIX = 'bytes:';

/** True iff `key` is one of the reference's keys that may carry a pickle. */
export function isReferenceKey(key: string): boolean {
  return key === PICKLED_OBJECT_KEY || REFERENCE_TYPE_KEYS.has(key);
}

/** True iff `name` is a symbol name in the reference's pickled form, `"bytes:<base64>"`. */
export function isPickledName(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith(PICKLED_NAME_PREFIX);
}

/** The key of `object` that holds one of the reference's pickles, or `undefined`. */
export function findPickledKey(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  return keys.find((key) => key === PICKLED_OBJECT_KEY || (REFERENCE_TYPE_KEYS.has(key) && isPickledName(object[key])));
}

/** The refusal of a pickle found at `path` (the path ends with the key that holds it). */
export function pickledPayload(path: readonly PathSegment[], received: unknown): SerializationError {
  const key = path[path.length - 1];
  return new SerializationError({
    code: 'pickled-payload',
    path,
    message:
      `The payload holds a pickled Python object ("${String(key)}"), as NNI's nni.dump() writes for what it cannot encode otherwise. ` +
      'Pickled payloads from NNI are not supported: unpickling runs code from the payload. ' +
      "Instead, wrap the class or function with trace(symbol, { module, name }) and dump() the value with archspace, or replace the pickle with plain JSON data before loading",
    received: typeof received === 'string' ? received : undefined,
  });
}
