/** Small predicates shared by the encoder, the decoder and `trace()` (internal). */

/** An object literal or a null-prototype object: data, not an instance of some class. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An array made by `[]` or `Array.from`, not a subclass of Array. */
export function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** The one object key `load()` and `dump()` refuse: assigning it would replace an object's prototype. */
export const PROTO_KEY = '__proto__';
