/**
 * The payload format (internal). `dump()` writes plain JSON for plain data and a one-tag object for
 * everything JSON cannot say:
 *
 * | value                         | written as                                                        |
 * |-------------------------------|-------------------------------------------------------------------|
 * | traced instance / result      | `{"__symbol__": "path:<module>:<name>", "__args__": [...], "__kwargs__": {...}}` (empty args and kwargs omitted) |
 * | traced class or function      | `{"__archspace_type__": "path:<module>:<name>"}`                  |
 * | `undefined`                   | `{"__undefined__": true}`                                         |
 * | `NaN`, `±Infinity`, `-0`      | `{"__number__": "NaN" \| "Infinity" \| "-Infinity" \| "-0"}`     |
 * | `bigint`                      | `{"__bigint__": "-123"}`                                          |
 * | `Date`                        | `{"__date__": "2024-01-01T00:00:00.000Z"}` (`null` if invalid)    |
 * | `Map`                         | `{"__map__": [[key, value], ...]}`                                |
 * | `Set`                         | `{"__set__": [value, ...]}`                                       |
 * | `Uint8Array`                  | `{"__bytes__": "<base64>"}`                                       |
 * | `Buffer`                      | `{"__buffer__": "<base64>"}`                                      |
 * | object with a tag-named key   | `{"__object__": {...}}` — its keys are taken literally            |
 *
 * A tag object has exactly its tag's keys; `load()` refuses one with extra or missing keys. Keys
 * shaped like tags but not in this list (`"__comment__"`) are ordinary data, except the reference's
 * pickle keys (`__nni_obj__`, `__nni_type__`, `__instance_type__`; see `reference-pickles.ts`): `dump()`
 * escapes an object that has one as it escapes tag names, and `load()` refuses a pickle in them. Nesting limits count
 * the containers tags add: `{"__set__": [[1]]}` is three deep.
 */
export const TAG = {
  symbol: '__symbol__',
  args: '__args__',
  kwargs: '__kwargs__',
  type: '__archspace_type__',
  undefined: '__undefined__',
  number: '__number__',
  bigint: '__bigint__',
  date: '__date__',
  map: '__map__',
  set: '__set__',
  bytes: '__bytes__',
  buffer: '__buffer__',
  object: '__object__',
} as const;

const TAG_KEYS: ReadonlySet<string> = new Set(Object.values(TAG));

/** True iff a plain object with this key must be escaped as `{"__object__": ...}`. */
export function isTagKey(key: string): boolean {
  return TAG_KEYS.has(key);
}
