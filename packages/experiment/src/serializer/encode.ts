/**
 * From a value to the JSON tree `dump()` writes (internal). The format is described in `tags.ts`.
 * Depth is counted in the written JSON, tags included, so that whatever `dump()` accepts `load()`
 * accepts under the same limit.
 */
import { bytesToBase64 } from './base64.js';
import type { ResolvedLimits } from './limits.js';
import { MAX_BIGINT_DIGITS, tooDeep } from './limits.js';
import { isPlainArray, isPlainObject, PROTO_KEY } from './plain-data.js';
import { SerializationError } from './serialization-error.js';
import { TAG, isTagKey } from './tags.js';
import { isTraceable, type Traceable } from './traceable.js';
import { describeCallable, tracedSymbolOf } from './traced-symbol.js';

/** A JSON value as `JSON.stringify` writes it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Path = (string | number)[];

interface Context {
  readonly limits: ResolvedLimits;
  /** Objects on the way from the root to the current value, to refuse cycles. */
  readonly ancestors: Set<object>;
}

/** Encodes `value` for `JSON.stringify`, refusing what `load()` could not re-create safely. */
export function encodeValue(value: unknown, limits: ResolvedLimits): Json {
  return encode(value, { limits, ancestors: new Set() }, [], 1);
}

// `depth` is the JSON depth a container made here would have (the root container has depth 1).
function encode(value: unknown, ctx: Context, path: Path, depth: number): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return tagged(TAG.number, Object.is(value, -0) ? '-0' : String(value), ctx, path, depth);
    case 'bigint': {
      const digits = value.toString();
      if (digits.length - (value < 0n ? 1 : 0) > MAX_BIGINT_DIGITS) {
        throw new SerializationError({
          code: 'unsupported-value',
          path,
          message: `A bigint of ${digits.length - (value < 0n ? 1 : 0)} digits is longer than the ${MAX_BIGINT_DIGITS} digits load() accepts; write it as bytes or as a string`,
        });
      }
      return tagged(TAG.bigint, digits, ctx, path, depth);
    }
    case 'undefined':
      return tagged(TAG.undefined, true, ctx, path, depth);
    case 'symbol':
      throw new SerializationError({
        code: 'unsupported-value',
        path,
        message: `A JavaScript symbol (${String(value)}) has no serialized form; use a string`,
      });
    case 'function':
      if (isTraceable(value)) return withAncestor(value, ctx, path, () => encodeTraceable(value, ctx, path, depth));
      return encodeSymbolReference(value, ctx, path, depth);
    case 'object':
      if (value === null) return null;
      return withAncestor(value, ctx, path, () => encodeObject(value, ctx, path, depth));
  }
}

function withAncestor(value: object, ctx: Context, path: Path, body: () => Json): Json {
  if (ctx.ancestors.has(value)) {
    throw new SerializationError({
      code: 'circular-reference',
      path,
      message: 'The value contains itself (a circular reference); the payload format is a tree, so break the cycle before dumping',
    });
  }
  ctx.ancestors.add(value);
  try {
    return body();
  } finally {
    ctx.ancestors.delete(value);
  }
}

function container(ctx: Context, path: Path, depth: number): void {
  if (depth > ctx.limits.maxDepth) throw tooDeep(depth, ctx.limits.maxDepth, path);
}

function tagged(tag: string, content: Json, ctx: Context, path: Path, depth: number): Json {
  container(ctx, path, depth);
  return { [tag]: content };
}

function encodeObject(value: object, ctx: Context, path: Path, depth: number): Json {
  if (isTraceable(value)) return encodeTraceable(value, ctx, path, depth);
  if (isPlainArray(value)) {
    container(ctx, path, depth);
    const out: Json[] = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeAt(value[i], ctx, path, i, depth + 1);
    return out;
  }
  if (isPlainObject(value)) return encodePlainObject(value, ctx, path, depth);
  if (value instanceof Date) {
    const time = value.getTime();
    return tagged(TAG.date, Number.isNaN(time) ? null : value.toISOString(), ctx, path, depth);
  }
  if (value instanceof Map) {
    container(ctx, [...path, TAG.map], depth + 1);
    const entries: Json[] = [];
    let i = 0;
    for (const [key, item] of value) {
      container(ctx, [...path, TAG.map, i], depth + 2);
      entries.push([encodeAt(key, ctx, [...path, TAG.map, i], 0, depth + 3), encodeAt(item, ctx, [...path, TAG.map, i], 1, depth + 3)]);
      i++;
    }
    return { [TAG.map]: entries };
  }
  if (value instanceof Set) {
    container(ctx, [...path, TAG.set], depth + 1);
    const items: Json[] = [];
    let i = 0;
    for (const item of value) items.push(encodeAt(item, ctx, [...path, TAG.set], i++, depth + 2));
    return { [TAG.set]: items };
  }
  if (Buffer.isBuffer(value)) return tagged(TAG.buffer, bytesToBase64(value), ctx, path, depth);
  if (value instanceof Uint8Array && Object.getPrototypeOf(value) === Uint8Array.prototype) {
    return tagged(TAG.bytes, bytesToBase64(value), ctx, path, depth);
  }
  throw untraced(value, path);
}

function encodeAt(value: unknown, ctx: Context, path: Path, key: string | number, depth: number): Json {
  path.push(key);
  try {
    return encode(value, ctx, path, depth);
  } finally {
    path.pop();
  }
}

function encodePlainObject(value: Record<string, unknown>, ctx: Context, path: Path, depth: number): Json {
  const keys = Object.keys(value);
  const escape = keys.some(isTagKey);
  const innerDepth = escape ? depth + 1 : depth;
  container(ctx, path, innerDepth);
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    if (key === PROTO_KEY) throw forbiddenKey([...path, key]);
    out[key] = encodeAt(value[key], ctx, path, key, innerDepth + 1);
  }
  return escape ? { [TAG.object]: out } : out;
}

function encodeTraceable(value: Traceable, ctx: Context, path: Path, depth: number): Json {
  const symbol = tracedSymbolOf(value.traceSymbol);
  const args: unknown = value.traceArgs;
  const kwargs: unknown = value.traceKwargs;
  if (symbol === undefined || !Array.isArray(args) || !isPlainObject(kwargs)) {
    throw new SerializationError({
      code: 'invalid-trace-record',
      path,
      message:
        symbol === undefined
          ? `The object claims to be made by ${describeCallable(value.traceSymbol)}, which is not traced; only symbols wrapped with trace() can be dumped`
          : 'The object has a traceSymbol but its traceArgs is not an array or its traceKwargs not a plain object',
    });
  }
  container(ctx, path, depth);
  const out: { [key: string]: Json } = { [TAG.symbol]: symbol.qualifiedName };
  if (args.length > 0) {
    container(ctx, [...path, TAG.args], depth + 1);
    path.push(TAG.args);
    try {
      out[TAG.args] = (args as unknown[]).map((arg, i) => encodeAt(arg, ctx, path, i, depth + 2));
    } finally {
      path.pop();
    }
  }
  if (Object.keys(kwargs).length > 0) out[TAG.kwargs] = encodeAt(kwargs, ctx, path, TAG.kwargs, depth + 1);
  return out;
}

function encodeSymbolReference(value: object, ctx: Context, path: Path, depth: number): Json {
  const symbol = tracedSymbolOf(value);
  if (symbol === undefined) {
    throw new SerializationError({
      code: 'untraced-function',
      path,
      message: `${describeCallable(value)} is not traced, so it has no name a loader could look up; wrap it with trace(${value === null ? '' : (value as { name?: string }).name || 'fn'}, { module, name }) and dump the wrapper`,
    });
  }
  return tagged(TAG.type, symbol.qualifiedName, ctx, path, depth);
}

function untraced(value: object, path: Path): SerializationError {
  const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  const className = typeof ctor === 'function' && ctor.name ? ctor.name : undefined;
  return new SerializationError({
    code: 'untraced-object',
    path,
    message:
      `${className ? `An instance of class ${className}` : 'An object with a custom prototype'} cannot be dumped: it was not made through trace(). ` +
      `Wrap the class with trace(${className ?? 'TheClass'}, { module, name }) and construct it through the wrapper, or convert it to plain data ` +
      '(archspace never pickles objects)',
  });
}

function forbiddenKey(path: Path): SerializationError {
  return new SerializationError({
    code: 'forbidden-key',
    path,
    message: 'The key "__proto__" is refused: assigning it replaces an object\'s prototype (prototype pollution); rename the key',
  });
}
