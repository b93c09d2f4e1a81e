import { encodeValue } from './encode.js';
import { jsonText } from './json-text.js';
import { checkPayloadSize, resolveLimits, type SizeLimits } from './limits.js';
import { SerializationError } from './serialization-error.js';

/** Options of {@link dump}. */
export interface DumpOptions extends SizeLimits {
  /** Indentation as `JSON.stringify` takes it (a number of spaces or a string); default none. */
  readonly indent?: number | string;
}

/**
 * Writes a value as a JSON string that {@link load} turns back into an equal value. Plain JSON data
 * is written as itself; traced objects as their symbol and arguments (recursively, so traced
 * objects nest); `Date`, `Map`, `Set`, `bigint`, `Uint8Array`, `Buffer`, `undefined`, `NaN`,
 * `±Infinity` and `-0` as tagged objects (see `tags.ts` for the format).
 *
 * @remarks
 * Unlike the reference, which pickles what it cannot otherwise write, `dump` refuses: an instance of
 * an untraced class, an untraced function, a symbol, a cycle or a `__proto__` key throws a
 * {@link SerializationError} that says what to do. Shared references are written once per use, and
 * only own enumerable string keys of plain objects are kept. Payloads over `maxBytes` (default
 * 64 MiB), deeper than `maxDepth` (default 512, any depth with `Infinity`: the walk never recurses)
 * or with more bigint digits than `maxBigintDigits` (default 1,000,000 in all) are refused, and so
 * is a traced call with more than 10,000 arguments. Every refusal is a {@link SerializationError}.
 *
 * @example
 * ```ts
 * const Net = trace(NetImpl, { module: 'my-models', name: 'Net' });
 * dump({ net: new Net(16), seen: new Set([1]) });
 * // '{"net":{"__symbol__":"path:my-models:Net","__args__":[16]},"seen":{"__set__":[1]}}'
 * ```
 */
export function dump(value: unknown, options: DumpOptions = {}): string {
  const limits = resolveLimits(options);
  const indent = options.indent;
  if (indent !== undefined && typeof indent !== 'number' && typeof indent !== 'string') {
    throw new SerializationError({ code: 'invalid-option', path: ['indent'], expected: 'a number or a string', received: indent });
  }
  const { tree, depth } = encodeValue(value, limits);
  const text = jsonText(tree, indent, depth);
  checkPayloadSize(text, limits.maxBytes, 'dump');
  return text;
}
