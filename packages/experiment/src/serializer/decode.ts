/**
 * From a parsed JSON document back to values (internal). The only code this runs is the traced
 * wrappers found in the registry it is given; every other tag is data. The format is described in
 * `tags.ts`.
 */
import { base64ToBuffer } from './base64.js';
import { invokeTracedSymbol } from './invoke.js';
import { MAX_BIGINT_DIGITS, tooDeep, type ResolvedLimits } from './limits.js';
import { isPlainObject, PROTO_KEY } from './plain-data.js';
import { SerializationError } from './serialization-error.js';
import { parseSymbolName } from './symbol-name.js';
import { lookupTracedSymbol, type SymbolRegistry } from './symbol-registry.js';
import { TAG, isTagKey } from './tags.js';
import type { TracedSymbol } from './traced-symbol.js';

type Path = (string | number)[];

interface Context {
  readonly limits: ResolvedLimits;
  readonly registry: SymbolRegistry;
}

/** Decodes what `JSON.parse` returned for a payload of `dump()`. */
export function decodeDocument(document: unknown, limits: ResolvedLimits, registry: SymbolRegistry): unknown {
  return decode(document, { limits, registry }, [], 1);
}

// `depth` is the JSON depth of `node` if it is a container (the root container has depth 1).
function decode(node: unknown, ctx: Context, path: Path, depth: number): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (depth > ctx.limits.maxDepth) throw tooDeep(depth, ctx.limits.maxDepth, path);
  if (Array.isArray(node)) return decodeArray(node, ctx, path, depth);
  const object = node as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.includes(PROTO_KEY)) throw forbiddenKey([...path, PROTO_KEY]);
  const tag = keys.find(isTagKey);
  return tag === undefined ? decodeEntries(object, keys, ctx, path, depth) : decodeTagged(object, keys, tag, ctx, path, depth);
}

function decodeAt(node: unknown, ctx: Context, path: Path, key: string | number, depth: number): unknown {
  path.push(key);
  try {
    return decode(node, ctx, path, depth);
  } finally {
    path.pop();
  }
}

function decodeArray(node: readonly unknown[], ctx: Context, path: Path, depth: number): unknown[] {
  const out = new Array<unknown>(node.length);
  for (let i = 0; i < node.length; i++) out[i] = decodeAt(node[i], ctx, path, i, depth + 1);
  return out;
}

function decodeEntries(object: Record<string, unknown>, keys: readonly string[], ctx: Context, path: Path, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Both callers refuse `__proto__` first; any other key only makes an own data property.
  for (const key of keys) out[key] = decodeAt(object[key], ctx, path, key, depth + 1);
  return out;
}

function decodeTagged(object: Record<string, unknown>, keys: readonly string[], tag: string, ctx: Context, path: Path, depth: number): unknown {
  const primary = tag === TAG.args || tag === TAG.kwargs ? TAG.symbol : tag;
  const allowed = primary === TAG.symbol ? [TAG.symbol, TAG.args, TAG.kwargs] : [primary];
  const extra = keys.find((key) => !(allowed as string[]).includes(key));
  if (extra !== undefined || !keys.includes(primary)) {
    throw malformed(path, `an object with "${primary}" to have only the keys ${allowed.map((k) => `"${k}"`).join(', ')}`, keys);
  }
  const content = object[primary];
  const at = [...path, primary];
  switch (primary) {
    case TAG.symbol:
      return decodeTraced(object, ctx, path, depth);
    case TAG.type: {
      return resolve(content, ctx, at).wrapper;
    }
    case TAG.undefined:
      if (content !== true) throw malformed(at, 'true', content);
      return undefined;
    case TAG.number:
      switch (content) {
        case 'NaN':
          return NaN;
        case 'Infinity':
          return Infinity;
        case '-Infinity':
          return -Infinity;
        case '-0':
          return -0;
        default:
          throw malformed(at, '"NaN", "Infinity", "-Infinity" or "-0"', content);
      }
    case TAG.bigint:
      if (typeof content !== 'string' || content.replace(/^-/, '').length > MAX_BIGINT_DIGITS || !/^-?(0|[1-9][0-9]*)$/.test(content)) {
        throw malformed(at, `a decimal integer of at most ${MAX_BIGINT_DIGITS} digits in a string, e.g. "-123"`, content);
      }
      return BigInt(content);
    case TAG.date: {
      if (content === null) return new Date(NaN);
      const date = typeof content === 'string' ? new Date(content) : undefined;
      if (date === undefined || Number.isNaN(date.getTime())) throw malformed(at, 'an ISO 8601 date string or null', content);
      return date;
    }
    case TAG.map: {
      if (!Array.isArray(content)) throw malformed(at, 'an array of [key, value] pairs', content);
      if (depth + 1 > ctx.limits.maxDepth) throw tooDeep(depth + 1, ctx.limits.maxDepth, at);
      const map = new Map<unknown, unknown>();
      content.forEach((pair: unknown, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) throw malformed([...at, i], 'a [key, value] pair', pair);
        if (depth + 2 > ctx.limits.maxDepth) throw tooDeep(depth + 2, ctx.limits.maxDepth, [...at, i]);
        const here = [...at, i];
        map.set(decodeAt(pair[0], ctx, here, 0, depth + 3), decodeAt(pair[1], ctx, here, 1, depth + 3));
      });
      return map;
    }
    case TAG.set: {
      if (!Array.isArray(content)) throw malformed(at, 'an array', content);
      return new Set(decode(content, ctx, at, depth + 1) as unknown[]);
    }
    case TAG.bytes:
    case TAG.buffer: {
      const bytes = typeof content === 'string' ? base64ToBuffer(content) : undefined;
      if (bytes === undefined) throw malformed(at, 'a standard base64 string', content);
      return primary === TAG.buffer ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    }
    case TAG.object: {
      if (!isPlainObject(content)) throw malformed(at, 'an object whose keys are taken literally', content);
      if (depth + 1 > ctx.limits.maxDepth) throw tooDeep(depth + 1, ctx.limits.maxDepth, at);
      const inner = Object.keys(content);
      if (inner.includes(PROTO_KEY)) throw forbiddenKey([...at, PROTO_KEY]);
      return decodeEntries(content, inner, ctx, at, depth + 1);
    }
    default:
      throw malformed(path, 'a known tag', tag);
  }
}

function decodeTraced(object: Record<string, unknown>, ctx: Context, path: Path, depth: number): unknown {
  const symbol = resolve(object[TAG.symbol], ctx, [...path, TAG.symbol]);
  let args: unknown[] = [];
  if (TAG.args in object) {
    const raw = object[TAG.args];
    if (!Array.isArray(raw)) throw malformed([...path, TAG.args], 'an array of arguments', raw);
    args = decode(raw, ctx, [...path, TAG.args], depth + 1) as unknown[];
  }
  let kwargs: Record<string, unknown> = {};
  if (TAG.kwargs in object) {
    const decoded = decode(object[TAG.kwargs], ctx, [...path, TAG.kwargs], depth + 1);
    if (!isPlainObject(decoded)) throw malformed([...path, TAG.kwargs], 'an object of keyword arguments', object[TAG.kwargs]);
    kwargs = decoded;
  }
  try {
    return invokeTracedSymbol(symbol, args, kwargs);
  } catch (error) {
    throw new SerializationError(
      {
        code: 'instantiation-failed',
        path,
        message: `Re-creating "${symbol.qualifiedName}" threw: ${error instanceof Error ? error.message : String(error)}`,
      },
      { cause: error },
    );
  }
}

function resolve(name: unknown, ctx: Context, path: Path): TracedSymbol {
  const identity = parseSymbolName(name, path);
  const qualifiedName = name as string;
  const symbol = lookupTracedSymbol(ctx.registry, qualifiedName);
  if (symbol === undefined) {
    throw new SerializationError({
      code: 'unregistered-symbol',
      path,
      message:
        `"${qualifiedName}" is not registered, and load() only re-creates symbols registered with trace(). ` +
        `Before loading, import the module that calls trace(${identity.name}, { module: '${identity.module}', name: '${identity.name}' })` +
        ', or pass a registry that holds it as load(text, { registry })',
      received: qualifiedName,
    });
  }
  return symbol;
}

function malformed(path: Path, expected: string, received: unknown): SerializationError {
  return new SerializationError({ code: 'malformed-tag', path, expected, received });
}

function forbiddenKey(path: Path): SerializationError {
  return new SerializationError({
    code: 'forbidden-key',
    path,
    message: 'The key "__proto__" is refused: assigning it would replace an object\'s prototype (prototype pollution)',
  });
}
