/**
 * Plain JSON data: what operation parameters, evaluators, metrics and IR documents are made of.
 * Keeping the IR to JSON is what makes `loadModel(dumpModel(m))` exact.
 */
import type { ArchspaceError, ErrorDetails } from './errors.js';

/** A JSON scalar. */
export type JsonPrimitive = string | number | boolean | null;

/** Any JSON value, read-only. Numbers are finite; there is no `undefined`. */
export type JsonValue = JsonPrimitive | readonly JsonValue[] | JsonObject;

/** A JSON object, read-only. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

const EXPECTED = 'a JSON value (string, finite number, boolean, null, array or plain object)';

/**
 * The deepest nesting of arrays and objects the IR keeps. Every later walk of IR data (equality,
 * `JSON.stringify` in `dumpModel`) recurses, so a deeper value is refused here, with a typed error,
 * instead of overflowing the stack there.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Whether `value` is a plain object: not null, not an array, made by a literal or
 * `Object.create(null)` (no class instance). Internal to the IR.
 */
export function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns `value` as deep-frozen JSON: the value itself when it already is deep-frozen JSON, a frozen
 * copy otherwise (only the parts that were not frozen are copied). The caller's objects are never
 * frozen. Anything that is not JSON (a function, `undefined`, `NaN`, a class instance, a cycle)
 * raises the error `makeError` builds, with `path` leading to it.
 */
export function toFrozenJson(
  value: unknown,
  path: readonly (string | number)[],
  makeError: (details: ErrorDetails) => ArchspaceError,
): JsonValue {
  return flatObject(value) ?? convert(value, [...path], makeError, new Set());
}

/** Whether `value` is a JSON scalar that `convert` keeps as it is. */
function isKeptScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * What `convert` makes of a plain object whose values are all JSON scalars (the usual operation
 * parameters), without its bookkeeping; `undefined` for any other value, which `convert` handles.
 */
function flatObject(value: unknown): JsonObject | undefined {
  if (!isPlainObject(value)) return undefined;
  // A frozen object of data properties is kept as it is, so only another object gets a copy (each
  // value read once); a frozen object with a getter goes to `convert`, which copies what it reads.
  const keep = Object.isFrozen(value);
  if (keep && !holdsOnlyData(value)) return undefined;
  const copy: { [key: string]: JsonValue } | undefined = keep ? undefined : {};
  // `for…in` reads the keys from V8's cache where `Object.keys` would allocate an array per object;
  // `hasOwn` skips what a polluted `Object.prototype` would add.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (key === '__proto__' || !isKeptScalar(item)) return undefined;
    if (copy !== undefined) copy[key] = item as JsonValue;
  }
  return copy === undefined ? (value as JsonObject) : Object.freeze(copy);
}

/**
 * Whether a frozen object or array can be kept as JSON as it is: its own properties are all data
 * properties with string keys (a getter could answer differently at every later read, after the
 * check) and an array holds nothing but its items and `length`. Reads descriptors, so it runs only
 * for frozen values, which are rare on the hot paths (a draft's result, a parsed document, are not).
 */
function holdsOnlyData(value: object): boolean {
  const keys = Reflect.ownKeys(value);
  if (Array.isArray(value) && keys.length !== value.length + 1) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string | symbol;
    if (typeof key === 'symbol') return false;
    const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    if (!Object.hasOwn(descriptor, 'value')) return false;
  }
  return true;
}

function convert(
  value: unknown,
  path: (string | number)[],
  makeError: (details: ErrorDetails) => ArchspaceError,
  ancestors: Set<object>,
): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw makeError({ code: 'not-json', path: [...path], expected: 'a finite number', received: value });
  }
  if (typeof value !== 'object') {
    throw makeError({ code: 'not-json', path: [...path], expected: EXPECTED, received: value });
  }
  if (ancestors.has(value)) {
    throw makeError({ code: 'not-json', path: [...path], expected: 'JSON without cycles', received: '[circular]' });
  }
  if (ancestors.size >= MAX_JSON_DEPTH) {
    throw makeError({ code: 'too-deep', path: [...path], message: `The value nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, deeper than the IR keeps` });
  }
  // A frozen value of data properties whose children all come back unchanged is reused as it is.
  let same = Object.isFrozen(value) && holdsOnlyData(value);
  ancestors.add(value);
  let out: JsonValue;
  if (Array.isArray(value)) {
    const items: JsonValue[] = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const item: unknown = value[i];
      const converted = convert(item, path, makeError, ancestors);
      path.pop();
      items[i] = converted;
      if (converted !== item) same = false;
    }
    out = same ? (value as JsonValue) : Object.freeze(items);
  } else {
    if (!isPlainObject(value)) {
      throw makeError({ code: 'not-json', path: [...path], expected: EXPECTED, received: value });
    }
    const copy: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value)) {
      path.push(key);
      const item = (value as { [key: string]: unknown })[key];
      const converted = convert(item, path, makeError, ancestors);
      path.pop();
      if (converted !== item) same = false;
      // A key such as "__proto__" must become an own property, not a prototype.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: converted, enumerable: true, writable: true, configurable: true });
      else copy[key] = converted;
    }
    out = same ? (value as JsonValue) : Object.freeze(copy);
  }
  ancestors.delete(value);
  return out;
}

/** Deep equality of two JSON values; key order does not matter, array order does. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] as JsonValue, b[i] as JsonValue)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(bo, key) || !jsonEqual(ao[key] as JsonValue, bo[key] as JsonValue)) return false;
  }
  return true;
}

/** The empty JSON object every parameter-less operation shares. */
export const EMPTY_OBJECT: JsonObject = toFrozenJson({}, [], () => {
  throw new Error('unreachable');
}) as JsonObject;
