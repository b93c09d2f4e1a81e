/**
 * From a parsed JSON document back to values (internal). The only code this runs is the traced
 * wrappers found in the registry it is given; every other tag is data. The format is described in
 * `tags.ts`. The walk keeps its own stack (`tree-walk.ts`), so no depth can overflow the call stack,
 * and a traced object is re-created only once all its arguments are.
 */
import { base64ToBuffer } from './base64.js';
import { BigintDigitBudget } from './bigint-digits.js';
import { invokeTracedSymbol } from './invoke.js';
import { checkDepth as checkDepthLimit, MAX_CALL_ARGUMENTS, tooManyArguments, type ResolvedLimits } from './limits.js';
import { isPlainObject, PROTO_KEY } from './plain-data.js';
import { excerpt, SerializationError } from './serialization-error.js';
import { findPickledKey, pickledPayload } from './reference-pickles.js';
import { parseSymbolName } from './symbol-name.js';
import { lookupTracedSymbol, type SymbolRegistry } from './symbol-registry.js';
import { TAG, isTagKey } from './tags.js';
import type { TracedSymbol } from './traced-symbol.js';
import { itemChildren, resultsAsArray, TreeContainer, walkTree, type PathSegment, type TreeChild } from './tree-walk.js';

type Path = PathSegment[];
type Decoded = unknown;

interface Context {
  readonly limits: ResolvedLimits;
  readonly registry: SymbolRegistry;
  /** The path of the node being decoded; the walk keeps it. */
  readonly path: Path;
  readonly bigintDigits: BigintDigitBudget;
}

/** Decodes what `JSON.parse` returned for a payload of `dump()`. */
export function decodeDocument(document: unknown, limits: ResolvedLimits, registry: SymbolRegistry): unknown {
  const ctx: Context = { limits, registry, path: [], bigintDigits: new BigintDigitBudget(limits.maxBigintDigits, 'load') };
  return walkTree<unknown, Decoded>(document, (node, depth) => decode(node, ctx, depth), ctx.path);
}

// `depth` is the JSON depth of `node` if it is a container (the root container has depth 1).
function decode(node: unknown, ctx: Context, depth: number): Decoded {
  if (node === null || typeof node !== 'object') return node;
  checkDepth(depth, ctx);
  if (Array.isArray(node)) return TreeContainer.ofItems<unknown, Decoded>(node as unknown[], depth + 1, resultsAsArray);
  const object = node as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.includes(PROTO_KEY)) throw forbiddenKey([...ctx.path, PROTO_KEY]);
  const pickled = findPickledKey(object, keys);
  if (pickled !== undefined) throw pickledPayload([...ctx.path, pickled], object[pickled]);
  const tag = keys.find(isTagKey);
  return tag === undefined ? decodeEntries(object, keys, depth + 1) : decodeTagged(object, keys, tag, ctx, depth);
}

// A container at the current path, then `below`.
function checkDepth(depth: number, ctx: Context, below?: readonly PathSegment[]): void {
  checkDepthLimit(depth, ctx.limits.maxDepth, ctx.path, below);
}

/** An object of `keys` whose values sit at `depth`, under `prefix` if given; `__proto__` is refused before. */
function decodeEntries(object: Record<string, unknown>, keys: readonly string[], depth: number, prefix?: PathSegment): Decoded {
  return TreeContainer.ofEntries<unknown, Decoded>(
    object,
    keys,
    depth,
    (values) => {
      const out: Record<string, unknown> = {};
      // Both callers refuse `__proto__` first; any other key only makes an own data property.
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i];
      return out;
    },
    prefix,
  );
}

function decodeTagged(object: Record<string, unknown>, keys: readonly string[], tag: string, ctx: Context, depth: number): Decoded {
  const { path } = ctx;
  const primary = tag === TAG.args || tag === TAG.kwargs ? TAG.symbol : tag;
  const allowed = primary === TAG.symbol ? [TAG.symbol, TAG.args, TAG.kwargs] : [primary];
  const extra = keys.find((key) => !(allowed as string[]).includes(key));
  if (extra !== undefined || !keys.includes(primary)) {
    throw malformed(path, `an object with "${primary}" to have only the keys ${allowed.map((k) => `"${k}"`).join(', ')}`, keys);
  }
  const content = object[primary];
  // The path of the content, made only for an error: copying paths at every level would be quadratic.
  const at = (): Path => [...path, primary];
  switch (primary) {
    case TAG.symbol:
      return decodeTraced(object, ctx, depth);
    case TAG.type: {
      return resolve(content, ctx, primary).wrapper;
    }
    case TAG.undefined:
      if (content !== true) throw malformed(at(), 'true', content);
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
          throw malformed(at(), '"NaN", "Infinity", "-Infinity" or "-0"', content);
      }
    case TAG.bigint:
      return decodeBigint(content, ctx);
    case TAG.date: {
      if (content === null) return new Date(NaN);
      const date = typeof content === 'string' ? new Date(content) : undefined;
      if (date === undefined || Number.isNaN(date.getTime())) throw malformed(at(), 'an ISO 8601 date string or null', content);
      return date;
    }
    case TAG.map: {
      if (!Array.isArray(content)) throw malformed(at(), 'an array of [key, value] pairs', content);
      checkDepth(depth + 1, ctx, [primary]);
      return TreeContainer.ofSequence<unknown, Decoded>(mapChildren(content, ctx, depth), (keysAndValues) => {
        const map = new Map<unknown, unknown>();
        for (let i = 0; i < keysAndValues.length; i += 2) map.set(keysAndValues[i], keysAndValues[i + 1]);
        return map;
      });
    }
    case TAG.set: {
      if (!Array.isArray(content)) throw malformed(at(), 'an array', content);
      checkDepth(depth + 1, ctx, [primary]);
      return TreeContainer.ofItems<unknown, Decoded>(content as unknown[], depth + 2, (items) => new Set(items), TAG.set);
    }
    case TAG.bytes:
    case TAG.buffer: {
      const bytes = typeof content === 'string' ? base64ToBuffer(content) : undefined;
      if (bytes === undefined) throw malformed(at(), 'a standard base64 string', content);
      return primary === TAG.buffer ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    }
    case TAG.object: {
      if (!isPlainObject(content)) throw malformed(at(), 'an object whose keys are taken literally', content);
      checkDepth(depth + 1, ctx, [primary]);
      const inner = Object.keys(content);
      if (inner.includes(PROTO_KEY)) throw forbiddenKey([...at(), PROTO_KEY]);
      return decodeEntries(content, inner, depth + 2, TAG.object);
    }
    default:
      throw malformed(path, 'a known tag', tag);
  }
}

// Each pair is checked when its turn comes; its key and value sit two levels below the map's tag object.
function* mapChildren(pairs: readonly unknown[], ctx: Context, depth: number): Generator<TreeChild<unknown>, void, undefined> {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (!Array.isArray(pair) || pair.length !== 2) throw malformed([...ctx.path, TAG.map, i], 'a [key, value] pair', pair);
    checkDepth(depth + 2, ctx, [TAG.map, i]);
    yield { node: pair[0], depth: depth + 3, at: [TAG.map, i, 0] };
    yield { node: pair[1], depth: depth + 3, at: [TAG.map, i, 1] };
  }
}

/** The bigint of a decimal string, its digits charged to the budget before the slow conversion. */
function decodeBigint(content: unknown, ctx: Context): bigint {
  if (typeof content !== 'string' || !/^-?(?:0|[1-9][0-9]*)$/.test(content)) {
    throw malformed([...ctx.path, TAG.bigint], 'a decimal integer in a string, e.g. "-123"', content);
  }
  ctx.bigintDigits.charge(content.length - (content.startsWith('-') ? 1 : 0), ctx.path, [TAG.bigint]);
  try {
    return BigInt(content);
  } catch (error) {
    // Only possible past the engine's own limit (hundreds of millions of digits) when maxBigintDigits allows it.
    throw new SerializationError(
      { code: 'malformed-tag', path: [...ctx.path, TAG.bigint], expected: 'a bigint JavaScript can hold', received: content.length },
      { cause: error },
    );
  }
}

function decodeTraced(object: Record<string, unknown>, ctx: Context, depth: number): Decoded {
  const { path } = ctx;
  const symbol = resolve(object[TAG.symbol], ctx, TAG.symbol);
  const rawArgs = TAG.args in object ? object[TAG.args] : [];
  if (!Array.isArray(rawArgs)) throw malformed([...path, TAG.args], 'an array of arguments', rawArgs);
  if (rawArgs.length > MAX_CALL_ARGUMENTS) throw tooManyArguments(rawArgs.length, [...path, TAG.args]);
  if (TAG.args in object) checkDepth(depth + 1, ctx, [TAG.args]);
  const hasKwargs = TAG.kwargs in object;
  return TreeContainer.ofSequence<unknown, Decoded>(argumentChildren(rawArgs as unknown[], object, hasKwargs, depth), (results) => {
    const args = hasKwargs ? results.slice(0, -1) : results;
    const kwargs = hasKwargs ? results[results.length - 1] : {};
    if (!isPlainObject(kwargs)) throw malformed([...ctx.path, TAG.kwargs], 'an object of keyword arguments', object[TAG.kwargs]);
    try {
      return invokeTracedSymbol(symbol, args, kwargs);
    } catch (error) {
      throw new SerializationError(
        {
          code: 'instantiation-failed',
          path: ctx.path,
          message: `Re-creating "${symbol.qualifiedName}" threw: ${error instanceof Error ? error.message : String(error)}`,
        },
        { cause: error },
      );
    }
  });
}

function* argumentChildren(
  args: readonly unknown[],
  object: Record<string, unknown>,
  hasKwargs: boolean,
  depth: number,
): Generator<TreeChild<unknown>, void, undefined> {
  yield* itemChildren(args, depth + 2, TAG.args);
  if (hasKwargs) yield { node: object[TAG.kwargs], depth: depth + 1, at: [TAG.kwargs] };
}

/** The registered symbol `name` (the content of the tag `key`) names. */
function resolve(name: unknown, ctx: Context, key: string): TracedSymbol {
  // Registered names are well-formed, so the common case needs no parsing (and no copy of the path).
  const registered = typeof name === 'string' ? lookupTracedSymbol(ctx.registry, name) : undefined;
  if (registered !== undefined) return registered;
  const path = [...ctx.path, key];
  const identity = parseSymbolName(name, path);
  const qualifiedName = excerpt(name as string);
  throw new SerializationError({
    code: 'unregistered-symbol',
    path,
    message:
      `"${qualifiedName}" is not registered, and load() only re-creates symbols registered with trace(). ` +
      `Before loading, import the module that calls trace(${excerpt(identity.name)}, { module: '${excerpt(identity.module)}', name: '${excerpt(identity.name)}' })` +
      ', or pass a registry that holds it as load(text, { registry })',
    received: qualifiedName,
  });
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
