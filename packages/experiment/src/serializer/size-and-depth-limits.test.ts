import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MAX_BIGINT_DIGITS } from './limits.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/limits';
class Node2 {
  constructor(
    readonly left: unknown,
    readonly right: unknown,
  ) {}
}
const TracedNode = trace(Node2, { module: MODULE, name: 'Node', kwargsFromLastArgument: true });


function nestedArrays(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Nesting depth of a JSON text's containers. */
function jsonDepth(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  const children = Array.isArray(node) ? node : Object.values(node);
  return 1 + Math.max(0, ...children.map(jsonDepth));
}

describe('size limit', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_MAX_BYTES).toBe(64 * 1024 * 1024);
    expect(DEFAULT_MAX_DEPTH).toBe(512);
  });

  it('dump() refuses a payload over maxBytes, naming the size and the limit', () => {
    const error = refusal(() => dump({ data: 'x'.repeat(2000) }, { maxBytes: 1000 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.message).toContain('2011 bytes');
    expect(error.message).toContain('limit of 1000 bytes');
    expect(error.received).toBe(2011);
  });

  it('counts UTF-8 bytes, not characters, and accepts exactly maxBytes', () => {
    const euros = '€'.repeat(400); // 1200 bytes in 400 characters
    expect(refusal(() => dump(euros, { maxBytes: 1000 })).code).toBe('payload-too-large');
    const text = dump(euros);
    const size = Buffer.byteLength(text);
    expect(size).toBe(1202);
    expect(dump(euros, { maxBytes: size })).toBe(text);
    expect(refusal(() => dump(euros, { maxBytes: size - 1 })).code).toBe('payload-too-large');
    expect(load(text, { maxBytes: size })).toBe(euros);
    expect(refusal(() => load(text, { maxBytes: size - 1 })).code).toBe('payload-too-large');
  });

  it('load() refuses a payload over the default before parsing it', () => {
    const huge = `"${'a'.repeat(DEFAULT_MAX_BYTES)}"`;
    const error = refusal(() => load(huge));
    expect(error.code).toBe('payload-too-large');
    expect(error.message).toContain(`limit of ${DEFAULT_MAX_BYTES} bytes`);
    expect(load(huge, { maxBytes: Infinity })).toHaveLength(DEFAULT_MAX_BYTES);
  });

  it('refuses bad limits', () => {
    for (const maxBytes of [0, -1, 1.5, NaN, '10' as never]) {
      expect(refusal(() => dump(1, { maxBytes })).code).toBe('invalid-option');
      expect(refusal(() => load('1', { maxBytes })).code).toBe('invalid-option');
    }
    expect(refusal(() => load('1', { maxDepth: 0 })).code).toBe('invalid-option');
  });

  it('refuses a bigint longer than MAX_BIGINT_DIGITS both ways, since parsing it takes quadratic time', () => {
    const longest = BigInt(`-${'9'.repeat(MAX_BIGINT_DIGITS)}`);
    expect(load(dump(longest))).toBe(longest);
    expect(refusal(() => dump(longest * 10n)).code).toBe('unsupported-value');
    expect(refusal(() => load(`{"__bigint__":"1${'0'.repeat(MAX_BIGINT_DIGITS)}"}`)).code).toBe('malformed-tag');
  });
});

describe('depth limit', () => {
  it('accepts maxDepth levels and refuses one more, in dump() and load()', () => {
    const deepest = nestedArrays(DEFAULT_MAX_DEPTH);
    const text = dump(deepest);
    expect(load(text)).toEqual(deepest);
    const tooDeep = nestedArrays(DEFAULT_MAX_DEPTH + 1);
    const error = refusal(() => dump(tooDeep));
    expect(error.code).toBe('too-deep');
    expect(error.message).toContain(`limit of ${DEFAULT_MAX_DEPTH}`);
    expect(refusal(() => load(JSON.stringify(tooDeep))).code).toBe('too-deep');
    expect(load(JSON.stringify(tooDeep), { maxDepth: DEFAULT_MAX_DEPTH + 1 })).toEqual(tooDeep);
  });

  it('counts the containers tags add', () => {
    const value = new Set([[1]]); // {"__set__":[[1]]} is 3 deep
    expect(refusal(() => dump(value, { maxDepth: 2 })).code).toBe('too-deep');
    expect(refusal(() => load('{"__set__":[[1]]}', { maxDepth: 2 })).code).toBe('too-deep');
    expect(load(dump(value, { maxDepth: 3 }), { maxDepth: 3 })).toEqual(value);
  });

  it('refuses a hostile 100,000-deep document with a SerializationError, not a stack overflow', () => {
    const n = 100_000;
    expect(refusal(() => load('['.repeat(n) + ']'.repeat(n))).code).toBe('too-deep');
    expect(refusal(() => load('{"a":'.repeat(n) + '1' + '}'.repeat(n))).code).toBe('too-deep');
    expect(refusal(() => load(`{"__symbol__":"path:${MODULE}:Node","__args__":[`.repeat(n) + '1' + ']}'.repeat(n))).code).toBe('too-deep');
  });

  it('refuses a cycle instead of recursing forever, but writes shared subtrees', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = { again: cyclic };
    const error = refusal(() => dump(cyclic));
    expect(error.code).toBe('circular-reference');
    expect(error.path).toEqual(['self', 'again']);
    const list: unknown[] = [];
    list.push(new Set([list]));
    expect(refusal(() => dump(list)).code).toBe('circular-reference');
    const shared = [1];
    expect(dump({ a: shared, b: shared })).toBe('{"a":[1],"b":[1]}');
  });

  it('dump() and load() agree: dump succeeds under maxDepth exactly when the written JSON is that shallow', () => {
    const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'medium' },
        fc.integer(),
        fc.constantFrom(undefined, NaN, 1n, new Date(0)),
        fc.array(tie('v'), { maxLength: 2 }),
        fc.dictionary(fc.constantFrom('a', '__set__', '__object__'), tie('v'), { maxKeys: 2 }),
        fc.array(tie('v'), { maxLength: 2 }).map((items) => new Set(items)),
        fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 2 }).map((entries) => new Map(entries)),
        fc.tuple(tie('v'), tie('v')).map(([l, r]) => new TracedNode(l, r)),
        fc.tuple(tie('v'), tie('v')).map(([l, r]) => new TracedNode(l, { r })),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 12 }), (v, maxDepth) => {
        const full = dump(v, { maxDepth: Infinity });
        const depth = jsonDepth(JSON.parse(full));
        if (depth <= maxDepth) {
          expect(dump(v, { maxDepth })).toBe(full);
          expect(dump(load(full, { maxDepth }))).toBe(full);
        } else {
          expect(refusal(() => dump(v, { maxDepth })).code).toBe('too-deep');
          expect(refusal(() => load(full, { maxDepth })).code).toBe('too-deep');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
