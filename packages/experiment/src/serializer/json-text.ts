/**
 * Writing a JSON tree as text (internal). `JSON.stringify` is fast but recurses natively, throwing a
 * `RangeError` a few thousand levels deep; {@link jsonText} uses it only for trees shallow enough to
 * be safe, and writes deeper ones without recursion.
 */
import { MAX_STRING_LENGTH } from './limits.js';
import { SerializationError } from './serialization-error.js';

/** A JSON value as `JSON.stringify` writes it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type JsonObject = { [key: string]: Json };

interface OpenArray {
  readonly items: readonly Json[];
  readonly keys: undefined;
  next: number;
}

interface OpenObject {
  readonly items: JsonObject;
  readonly keys: readonly string[];
  next: number;
}

/**
 * Deepest tree given to the native `JSON.stringify`, which overflows the stack past about 4,000
 * levels: a quarter of that leaves room for whatever the caller's stack already holds. It is above
 * the default `maxDepth`, so only payloads that raise `maxDepth` are written without it.
 */
const NATIVE_STRINGIFY_DEPTH = 1000;

/**
 * `JSON.stringify(tree, null, indent)` for a tree of plain arrays, plain objects, finite numbers,
 * strings, booleans and `null` whose containers nest `depth` deep. Throws `payload-too-large` when
 * the text would be longer than the longest string JavaScript can hold.
 */
export function jsonText(tree: Json, indent: number | string | undefined, depth: number): string {
  if (depth > NATIVE_STRINGIFY_DEPTH) return writeJsonWithoutRecursion(tree, indent);
  try {
    return JSON.stringify(tree, null, indent);
  } catch {
    // A RangeError: the text is too long for a string, or the caller left too little stack. The
    // writer that needs no stack and measures as it goes tells which, refusing the first with a
    // SerializationError.
    return writeJsonWithoutRecursion(tree, indent);
  }
}

/** What {@link jsonText} returns, written with a stack of its own instead of recursion: any depth works. */
export function writeJsonWithoutRecursion(tree: Json, indent: number | string | undefined): string {
  const gap = indentationOf(indent);
  const chunks: string[] = [];
  let length = 0;
  const write = (text: string): void => {
    length += text.length;
    if (length > MAX_STRING_LENGTH) throw textTooLong();
    chunks.push(text);
  };
  const open: (OpenArray | OpenObject)[] = [];
  // Writes a value, or opens a non-empty container whose members the loop writes next.
  const begin = (value: Json): void => {
    if (value === null || typeof value !== 'object') {
      write(typeof value === 'string' ? quote(value, MAX_STRING_LENGTH - length) : scalarText(value));
    } else if (Array.isArray(value)) {
      if (value.length === 0) return write('[]');
      write('[');
      open.push({ items: value, keys: undefined, next: 0 });
    } else {
      const keys = Object.keys(value);
      if (keys.length === 0) return write('{}');
      write('{');
      open.push({ items: value, keys, next: 0 });
    }
  };
  begin(tree);
  while (open.length > 0) {
    const current = open[open.length - 1]!;
    const size = current.keys === undefined ? current.items.length : current.keys.length;
    if (current.next === size) {
      open.pop();
      if (gap !== undefined) write(`\n${gap.repeat(open.length)}`);
      write(current.keys === undefined ? ']' : '}');
      continue;
    }
    if (current.next > 0) write(',');
    if (gap !== undefined) write(`\n${gap.repeat(open.length)}`);
    const index = current.next++;
    if (current.keys === undefined) {
      begin(current.items[index]!);
    } else {
      const key = current.keys[index]!;
      write(quote(key, MAX_STRING_LENGTH - length));
      write(gap === undefined ? ':' : ': ');
      begin(current.items[key]!);
    }
  }
  return chunks.join('');
}

/**
 * The indentation `JSON.stringify` uses for its `space` argument, or `undefined` when it writes on
 * one line. Found by asking it, so that its edge cases agree too (`0.5` breaks lines but indents by
 * nothing).
 */
function indentationOf(indent: number | string | undefined): string | undefined {
  const probe = JSON.stringify([0], null, indent); // '[0]', or '[\n' + indentation + '0\n]'
  return probe === '[0]' ? undefined : probe.slice(2, -3);
}

function scalarText(value: number | boolean | null): string {
  return typeof value === 'number' && !Number.isFinite(value) ? 'null' : String(value);
}

/** A JSON string literal, refused when it would not fit in the `room` characters left. */
function quote(text: string, room: number): string {
  if (text.length + 2 > room) throw textTooLong();
  try {
    return JSON.stringify(text);
  } catch {
    // Escapes can make the literal up to six times longer than the string: too long for the engine.
    throw textTooLong();
  }
}

function textTooLong(): SerializationError {
  return new SerializationError({
    code: 'payload-too-large',
    message:
      `The payload would be longer than ${MAX_STRING_LENGTH} characters, the longest string JavaScript can hold; ` +
      'keep large data out of it (trace a function that loads the data and pass it a path)',
  });
}
