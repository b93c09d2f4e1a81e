/**
 * From a value to the JSON tree `dump()` writes (internal). The format is described in `tags.ts`.
 * Depth is counted in the written JSON, tags included, so that whatever `dump()` accepts `load()`
 * accepts under the same limits. The walk keeps its own stack (`tree-walk.ts`), so no depth can
 * overflow the call stack.
 */
import { base64Length, bytesToBase64 } from './base64.js';
import { BigintDigitBudget, decimalDigitsAtLeast } from './bigint-digits.js';
import type { Json } from './json-text.js';
import { checkDepth as checkDepthLimit, MAX_CALL_ARGUMENTS, MAX_STRING_LENGTH, tooManyArguments, type ResolvedLimits } from './limits.js';
import { isPlainArray, isPlainObject, PROTO_KEY } from './plain-data.js';
import { isReferenceKey } from './reference-pickles.js';
import { SerializationError } from './serialization-error.js';
import { TAG, isTagKey } from './tags.js';
import { isTraceable, type Traceable } from './traceable.js';
import { describeCallable, tracedSymbolOf } from './traced-symbol.js';
import { itemChildren, resultsAsArray, TreeContainer, walkTree, type PathSegment, type TreeChild } from './tree-walk.js';

type Path = PathSegment[];
type Encoded = Json | TreeContainer<unknown, Json>;

interface Context {
  readonly limits: ResolvedLimits;
  /** The path of the value being encoded; the walk keeps it. */
  readonly path: Path;
  /** Objects on the way from the root to the current value, to refuse cycles. */
  readonly ancestors: Set<object>;
  readonly bigintDigits: BigintDigitBudget;
  /** The deepest container made so far, which is the depth of the written JSON. */
  deepest: number;
}

/** A value as the JSON tree `dump()` writes, and how deep its containers nest. */
export interface EncodedValue {
  readonly tree: Json;
  readonly depth: number;
}

/** Encodes `value` for `jsonText()`, refusing what `load()` could not re-create safely. */
export function encodeValue(value: unknown, limits: ResolvedLimits): EncodedValue {
  const ctx: Context = {
    limits,
    path: [],
    ancestors: new Set(),
    bigintDigits: new BigintDigitBudget(limits.maxBigintDigits, 'dump'),
    deepest: 0,
  };
  try {
    const tree = walkTree<unknown, Json>(value, (node, depth) => encode(node, ctx, depth), ctx.path);
    return { tree, depth: ctx.deepest };
  } catch (error) {
    if (error instanceof SerializationError) throw error;
    // Only the value's own code can throw here: a getter, a proxy, an overridden iterator.
    throw new SerializationError(
      {
        code: 'unsupported-value',
        path: ctx.path,
        message:
          `Reading the value threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}; ` +
          'dump() reads the own enumerable properties of plain objects (getters included) and iterates Maps and Sets, so give it plain data',
      },
      { cause: error },
    );
  }
}

// `depth` is the JSON depth a container made here would have (the root container has depth 1).
function encode(value: unknown, ctx: Context, depth: number): Encoded {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return tagged(TAG.number, Object.is(value, -0) ? '-0' : String(value), ctx, depth);
    case 'bigint':
      return tagged(TAG.bigint, decimalText(value, ctx), ctx, depth);
    case 'undefined':
      return tagged(TAG.undefined, true, ctx, depth);
    case 'symbol':
      throw new SerializationError({
        code: 'unsupported-value',
        path: ctx.path,
        message: `A JavaScript symbol (${String(value)}) has no serialized form; use a string`,
      });
    case 'function':
      if (!isTraceable(value)) return encodeSymbolReference(value, ctx, depth);
      refuseCycle(value, ctx);
      return encodeTraceable(value, ctx, depth);
    case 'object':
      if (value === null) return null;
      refuseCycle(value, ctx);
      return encodeObject(value, ctx, depth);
  }
}

function refuseCycle(value: object, ctx: Context): void {
  if (ctx.ancestors.has(value)) {
    throw new SerializationError({
      code: 'circular-reference',
      path: ctx.path,
      message: 'The value contains itself (a circular reference); the payload format is a tree, so break the cycle before dumping',
    });
  }
}

/** Marks `value` as an ancestor of what is encoded next, until `build` gets their results. */
function enter(value: object, ctx: Context, build: (results: Json[]) => Json): (results: Json[]) => Json {
  ctx.ancestors.add(value);
  return (results) => {
    ctx.ancestors.delete(value);
    return build(results);
  };
}

// Called for every container the JSON tree gets (at the current path, then `below`), so it also
// measures the tree's depth.
function checkDepth(depth: number, ctx: Context, below?: readonly PathSegment[]): void {
  checkDepthLimit(depth, ctx.limits.maxDepth, ctx.path, below);
  if (depth > ctx.deepest) ctx.deepest = depth;
}

function tagged(tag: string, content: Json, ctx: Context, depth: number): Json {
  checkDepth(depth, ctx);
  return { [tag]: content };
}

function encodeObject(value: object, ctx: Context, depth: number): Encoded {
  if (isTraceable(value)) return encodeTraceable(value, ctx, depth);
  if (isPlainArray(value)) {
    checkDepth(depth, ctx);
    return TreeContainer.ofItems(value, depth + 1, enter(value, ctx, resultsAsArray));
  }
  if (isPlainObject(value)) return encodePlainObject(value, ctx, depth);
  if (value instanceof Date) {
    const time = value.getTime();
    return tagged(TAG.date, Number.isNaN(time) ? null : value.toISOString(), ctx, depth);
  }
  if (value instanceof Map) {
    checkDepth(depth + 1, ctx, [TAG.map]);
    return TreeContainer.ofSequence(
      mapChildren(value, ctx, depth),
      enter(value, ctx, (keysAndValues) => ({ [TAG.map]: pairsOf(keysAndValues) })),
    );
  }
  if (value instanceof Set) {
    checkDepth(depth + 1, ctx, [TAG.set]);
    return TreeContainer.ofItems(Array.from(value), depth + 2, enter(value, ctx, (items) => ({ [TAG.set]: items })), TAG.set);
  }
  if (Buffer.isBuffer(value)) return tagged(TAG.buffer, base64Text(value, ctx), ctx, depth);
  if (value instanceof Uint8Array && Object.getPrototypeOf(value) === Uint8Array.prototype) {
    return tagged(TAG.bytes, base64Text(value, ctx), ctx, depth);
  }
  throw untraced(value, ctx.path);
}

// Each entry is a [key, value] pair two levels below the map's tag object.
function* mapChildren(map: Map<unknown, unknown>, ctx: Context, depth: number): Generator<TreeChild<unknown>, void, undefined> {
  let index = 0;
  for (const [key, item] of map) {
    checkDepth(depth + 2, ctx, [TAG.map, index]);
    yield { node: key, depth: depth + 3, at: [TAG.map, index, 0] };
    yield { node: item, depth: depth + 3, at: [TAG.map, index, 1] };
    index++;
  }
}

function pairsOf(keysAndValues: readonly Json[]): Json[] {
  const pairs: Json[] = new Array<Json>(keysAndValues.length / 2);
  for (let i = 0; i < pairs.length; i++) pairs[i] = [keysAndValues[2 * i]!, keysAndValues[2 * i + 1]!];
  return pairs;
}

function encodePlainObject(value: Record<string, unknown>, ctx: Context, depth: number): Encoded {
  const keys = Object.keys(value);
  if (keys.includes(PROTO_KEY)) throw forbiddenKey([...ctx.path, PROTO_KEY]);
  // Tag names and the reference's pickle keys are escaped, so that data never reads as either.
  const escape = keys.some((key) => isTagKey(key) || isReferenceKey(key));
  const innerDepth = escape ? depth + 1 : depth;
  checkDepth(innerDepth, ctx);
  return TreeContainer.ofEntries(
    value,
    keys,
    innerDepth + 1,
    enter(value, ctx, (values) => {
      const out: { [key: string]: Json } = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!;
      return escape ? { [TAG.object]: out } : out;
    }),
  );
}

function encodeTraceable(value: Traceable, ctx: Context, depth: number): Encoded {
  const symbol = tracedSymbolOf(value.traceSymbol);
  const args: unknown = value.traceArgs;
  const kwargs: unknown = value.traceKwargs;
  if (symbol === undefined || !Array.isArray(args) || !isPlainObject(kwargs)) {
    throw new SerializationError({
      code: 'invalid-trace-record',
      path: ctx.path,
      message:
        symbol === undefined
          ? `The object claims to be made by ${describeCallable(value.traceSymbol)}, which is not traced; only symbols wrapped with trace() can be dumped`
          : 'The object has a traceSymbol but its traceArgs is not an array or its traceKwargs not a plain object',
    });
  }
  checkDepth(depth, ctx);
  if (args.length > MAX_CALL_ARGUMENTS) throw tooManyArguments(args.length, [...ctx.path, TAG.args]);
  if (args.length > 0) checkDepth(depth + 1, ctx, [TAG.args]);
  const hasKwargs = Object.keys(kwargs).length > 0;
  return TreeContainer.ofSequence(
    argumentChildren(args as unknown[], hasKwargs ? kwargs : undefined, depth),
    enter(value, ctx, (results) => {
      const out: { [key: string]: Json } = { [TAG.symbol]: symbol.qualifiedName };
      if (args.length > 0) out[TAG.args] = hasKwargs ? results.slice(0, -1) : results;
      if (hasKwargs) out[TAG.kwargs] = results[results.length - 1]!;
      return out;
    }),
  );
}

function* argumentChildren(args: readonly unknown[], kwargs: object | undefined, depth: number): Generator<TreeChild<unknown>, void, undefined> {
  yield* itemChildren(args, depth + 2, TAG.args);
  if (kwargs !== undefined) yield { node: kwargs, depth: depth + 1, at: [TAG.kwargs] };
}

/** The decimal digits of `value`, charged to the budget before the slow conversion. */
function decimalText(value: bigint, ctx: Context): string {
  const atLeast = decimalDigitsAtLeast(value);
  ctx.bigintDigits.charge(atLeast, ctx.path);
  const text = value.toString();
  ctx.bigintDigits.charge(text.length - (value < 0n ? 1 : 0) - atLeast, ctx.path);
  return text;
}

/** The base64 of `bytes`, refused before encoding when it could not fit in the payload. */
function base64Text(bytes: Uint8Array, ctx: Context): string {
  const length = base64Length(bytes.byteLength);
  const { maxBytes } = ctx.limits;
  if (length > maxBytes || length > MAX_STRING_LENGTH) {
    throw new SerializationError({
      code: 'payload-too-large',
      path: ctx.path,
      message:
        `A byte array of ${bytes.byteLength} bytes takes ${length} characters in base64, more than ` +
        (length > maxBytes ? `the limit of ${maxBytes} bytes` : `${MAX_STRING_LENGTH}, the longest string JavaScript can hold`) +
        '; keep large data out of the payload (trace a function that loads the data and pass it a path)' +
        (length > maxBytes && maxBytes < MAX_STRING_LENGTH ? ', or pass a larger maxBytes to dump()' : ''),
      received: length,
    });
  }
  return bytesToBase64(bytes);
}

function encodeSymbolReference(value: object, ctx: Context, depth: number): Json {
  const symbol = tracedSymbolOf(value);
  if (symbol === undefined) {
    throw new SerializationError({
      code: 'untraced-function',
      path: ctx.path,
      message: `${describeCallable(value)} is not traced, so it has no name a loader could look up; wrap it with trace(${value === null ? '' : (value as { name?: string }).name || 'fn'}, { module, name }) and dump the wrapper`,
    });
  }
  return tagged(TAG.type, symbol.qualifiedName, ctx, depth);
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
