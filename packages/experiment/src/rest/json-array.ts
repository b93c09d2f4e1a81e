/**
 * Fast JSON answers for long listings (100,000 trials): the array is serialised in slices of a few
 * thousand items and streamed as the client reads, so the first bytes leave while the rest is still
 * being built, no single 50 MB string is ever made, and the event loop serves other requests
 * between slices. A slice exists as one string and one buffer, briefly. Items that are deeply frozen
 * are immutable, so the JSON of each is cached (keyed by the object itself) and a repeated listing
 * of unchanged trials costs a copy.
 */

/** How many items go into one streamed slice. */
const SLICE = 2000;

/** Serialised items, by identity; only frozen objects enter, so an entry can never go stale. */
const cache = new WeakMap<object, Buffer>();

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * Whether `value` can be cached: a frozen plain object or array whose nested objects and arrays are
 * all frozen plain data too (a frozen `Date` can still change, a class may have getters).
 * Called after `JSON.stringify` succeeded, so `value` has no cycles.
 */
function isImmutable(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && !isImmutable(child)) return false;
  }
  return true;
}

function itemBytes(item: unknown): Buffer {
  if (typeof item === 'object' && item !== null) {
    const hit = cache.get(item);
    if (hit !== undefined) return hit;
    const bytes = Buffer.from(JSON.stringify(item) ?? 'null');
    if (isImmutable(item)) cache.set(item, bytes);
    return bytes;
  }
  return Buffer.from(JSON.stringify(item) ?? 'null');
}

const frozenObject = (item: unknown): boolean => typeof item === 'object' && item !== null && Object.isFrozen(item);

const COMMA_BYTE = 0x2c;

/**
 * The bytes of `[a,b,c]` (one slice's JSON) fitted to its place in the whole array: its `[` becomes
 * `,` unless it is the first slice, its `]` is dropped unless it is the last. Edits the buffer in
 * place, so no second copy of the slice is made.
 */
function fitSlice(bracketed: Buffer, first: boolean, last: boolean): Buffer {
  if (!first) bracketed[0] = COMMA_BYTE;
  return last ? bracketed : bracketed.subarray(0, bracketed.length - 1);
}

/**
 * The bytes of `items[start, end)`: `[` before the first slice, `,` between slices, `]` after the
 * last. A slice with no frozen item is serialised by one `JSON.stringify` call (the fastest way);
 * otherwise item by item, through the cache.
 */
function sliceBytes(items: readonly unknown[], start: number, end: number): Buffer {
  const last = end === items.length;
  const slice = start === 0 && last ? items : items.slice(start, end);
  if (!slice.some(frozenObject)) return fitSlice(Buffer.from(JSON.stringify(slice)), start === 0, last);
  const parts: Buffer[] = [start === 0 ? OPEN : COMMA];
  for (let i = 0; i < slice.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(itemBytes(slice[i]));
  }
  if (last) parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** The bytes of the already-serialised `texts[start, end)`, with brackets and commas as above. */
function textSliceBytes(texts: readonly string[], start: number, end: number): Buffer {
  return fitSlice(Buffer.from(`[${texts.slice(start, end).join(',')}]`), start === 0, end === texts.length);
}

/** A body of `count` items made slice by slice: one buffer when short, else a stream. */
function body(count: number, slice: (start: number, end: number) => Buffer): Buffer | ReadableStream<Uint8Array> {
  if (count === 0) return Buffer.from('[]');
  const first = slice(0, Math.min(count, SLICE));
  if (count <= SLICE) return first;
  let next = SLICE;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
    },
    pull(controller) {
      const end = Math.min(count, next + SLICE);
      controller.enqueue(slice(next, end));
      next = end;
      if (next >= count) controller.close();
    },
  });
}

/**
 * The JSON of an array as a body for `new Response(...)`: one buffer for a short array, a stream of
 * slices for a long one. The first slice is built before returning, so an item that cannot be
 * serialised fails the request (500) instead of cutting a started answer.
 *
 * @example
 * ```ts
 * return new Response(jsonArrayBody(manager.listTrialJobs()), { headers: { 'content-type': 'application/json' } });
 * ```
 */
export function jsonArrayBody(items: readonly unknown[]): Buffer | ReadableStream<Uint8Array> {
  return body(items.length, (start, end) => sliceBytes(items, start, end));
}

/**
 * Like `jsonArrayBody`, for items that are already JSON text (each one a complete JSON value, such as
 * a trial's stored `TrialJobInfo`): they are joined, never parsed or re-serialised.
 *
 * @example
 * ```ts
 * jsonTextArrayBody(['{"a":1}', '{"a":2}']); // [{"a":1},{"a":2}]
 * ```
 */
export function jsonTextArrayBody(texts: readonly string[]): Buffer | ReadableStream<Uint8Array> {
  return body(texts.length, (start, end) => textSliceBytes(texts, start, end));
}

/**
 * A JSON array whose items come in slices, each the UTF-8 of some items' JSON joined by `,` (a store
 * reading its listing a few thousand rows at a time): `[` + the slices joined by `,` + `]`, byte for
 * byte what joining every item at once gives. The first two slices are read before returning (so a
 * failing read fails the request instead of cutting the answer, and a one-slice listing is one
 * buffer); later ones as the client takes the bytes, one ahead, and no slice is copied.
 *
 * @example
 * ```ts
 * jsonArraySlicesBody([Buffer.from('{"a":1},{"a":2}'), Buffer.from('{"a":3}')]); // [{"a":1},{"a":2},{"a":3}]
 * ```
 */
export function jsonArraySlicesBody(slices: Iterable<Uint8Array>): Buffer | ReadableStream<Uint8Array> {
  const iterator = slices[Symbol.iterator]();
  const next = (): Uint8Array | undefined => {
    for (;;) {
      const step = iterator.next();
      if (step.done === true) return undefined;
      if (step.value.length > 0) return step.value;
    }
  };
  const first = next();
  if (first === undefined) return Buffer.from('[]');
  let ahead = next();
  if (ahead === undefined) return Buffer.concat([OPEN, first, CLOSE]);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(OPEN);
      controller.enqueue(first);
    },
    pull(controller) {
      const current = ahead!;
      ahead = next();
      controller.enqueue(COMMA);
      controller.enqueue(current);
      if (ahead === undefined) {
        controller.enqueue(CLOSE);
        controller.close();
      }
    },
    cancel() {
      iterator.return?.();
    },
  });
}
