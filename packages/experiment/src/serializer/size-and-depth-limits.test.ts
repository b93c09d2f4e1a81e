import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalDigitsAtLeast } from './bigint-digits.js';
import { dump } from './dump.js';
import { DEFAULT_MAX_BIGINT_DIGITS, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MAX_CALL_ARGUMENTS } from './limits.js';
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
const countArguments = trace((...args: unknown[]) => args.length, { module: MODULE, name: 'countArguments' });

function nestedArrays(depth: number): unknown {
  return nested(depth, (inner) => [inner]);
}

/** `depth` levels of `wrap` around 0, built in a loop (so any depth can be built). */
function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** How many levels of `unwrap` lead from `value` to 0, checked in a loop (a recursive `toEqual` would overflow). */
function nestingOf(value: unknown, unwrap: (outer: unknown) => unknown): number {
  let levels = 0;
  while (value !== 0) {
    value = unwrap(value);
    levels++;
  }
  return levels;
}

/** A Uint8Array of `length` bytes that are not all alike. */
function patternedBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
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

  it('refuses bad options objects', () => {
    expect(refusal(() => dump(1, null as never)).code).toBe('invalid-option');
    expect(refusal(() => load('1', 5 as never)).code).toBe('invalid-option');
    for (const maxBigintDigits of [0, -1, 2.5, NaN]) {
      expect(refusal(() => dump(1n, { maxBigintDigits })).code).toBe('invalid-option');
      expect(refusal(() => load('1', { maxBigintDigits })).code).toBe('invalid-option');
    }
  });
});

describe('byte arrays', () => {
  it.each([4_000_000, 16_000_000])('round-trips a Uint8Array and a Buffer of %i bytes', (length) => {
    const bytes = patternedBytes(length);
    const loaded = load(dump({ w: bytes })) as { w: Uint8Array };
    expect(loaded.w).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(loaded.w).equals(bytes)).toBe(true);
    const buffer = Buffer.from(bytes);
    expect((load(dump([buffer])) as Buffer[])[0]!.equals(buffer)).toBe(true);
  });

  it('refuses a byte array whose base64 alone passes maxBytes before encoding it, naming both sizes', () => {
    const error = refusal(() => dump({ w: new Uint8Array(3000) }, { maxBytes: 1000 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.path).toEqual(['w']);
    expect(error.message).toContain('3000 bytes takes 4000 characters in base64');
    expect(error.message).toContain('limit of 1000 bytes');
  });

  it('refuses a byte array too large for any JavaScript string even without maxBytes', () => {
    // 403 MB of zeros: the pages are never touched, since the refusal comes before encoding.
    const error = refusal(() => dump(new Uint8Array(403_000_000), { maxBytes: Infinity }));
    expect(error.code).toBe('payload-too-large');
    expect(error.message).toContain('the longest string JavaScript can hold');
  });

  it('refuses base64 that dump() could not have written, however long', () => {
    expect(refusal(() => load('{"__bytes__":"AB=="}')).code).toBe('malformed-tag'); // stray bits
    for (const long of [`${'A'.repeat(3_999_996)}AB==`, `${'A'.repeat(4_000_001)}`, `${'A'.repeat(4_000_000)}-_==`]) {
      const error = refusal(() => load(`{"__bytes__":"${long}"}`));
      expect(error.code).toBe('malformed-tag');
      expect(error.message.length).toBeLessThan(1000);
    }
  });
});

describe('bigint digit limit', () => {
  it('has a documented default', () => {
    expect(DEFAULT_MAX_BIGINT_DIGITS).toBe(1_000_000);
  });

  it('refuses 629 bigints of 100,000 digits in one payload, both ways, naming the limit and how to raise it', () => {
    const digits = '9'.repeat(100_000);
    const payload = `[${Array.from({ length: 629 }, () => `{"__bigint__":"${digits}"}`).join(',')}]`;
    const loading = refusal(() => load(payload));
    expect(loading.code).toBe('too-many-bigint-digits');
    expect(loading.message).toContain(`more than ${DEFAULT_MAX_BIGINT_DIGITS} decimal digits`);
    expect(loading.message).toContain('pass a larger maxBigintDigits to load()');
    const big = BigInt(digits);
    const dumping = refusal(() => dump(Array.from({ length: 629 }, () => big)));
    expect(dumping.code).toBe('too-many-bigint-digits');
    expect(dumping.message).toContain('pass a larger maxBigintDigits to dump()');
  });

  it('estimates digits from bit lengths without ever counting more than there are', () => {
    const boundaries: bigint[] = [0n, 1n];
    for (let k = 1n; k <= 400n; k++) boundaries.push(10n ** k - 1n, 10n ** k, -(10n ** k));
    for (let m = 1n; m <= 1400n; m++) boundaries.push(2n ** m - 1n, 2n ** m);
    for (const n of boundaries) {
      const digits = (n < 0n ? -n : n).toString().length;
      expect(decimalDigitsAtLeast(n)).toBeLessThanOrEqual(digits);
      expect(decimalDigitsAtLeast(n)).toBeGreaterThanOrEqual(digits - 1);
    }
  });

  it('refuses one bigint far over the limit before converting it', () => {
    const huge = 1n << 10_000_000n; // about 3 million digits: converting them alone would take seconds
    expect(refusal(() => dump(huge)).code).toBe('too-many-bigint-digits');
    expect(refusal(() => dump({ n: -huge }, { maxBigintDigits: 10 })).path).toEqual(['n']);
  });

  it('counts the digits of all bigints together, signs not counted, and accepts exactly the limit', () => {
    const values = [12_345n, -67_890n, 0n];
    const text = dump(values, { maxBigintDigits: 11 });
    expect(load(text, { maxBigintDigits: 11 })).toEqual(values);
    expect(refusal(() => dump(values, { maxBigintDigits: 10 })).code).toBe('too-many-bigint-digits');
    expect(refusal(() => load(text, { maxBigintDigits: 10 })).path).toEqual([2, '__bigint__']);
  });

  it('dump() and load() refuse exactly when the digits of all bigints pass the limit', () => {
    const digitsOf = (n: bigint): number => (n < 0n ? -n : n).toString().length;
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), { maxLength: 5 }), fc.integer({ min: 1, max: 150 }), (values, maxBigintDigits) => {
        const total = values.reduce((sum, n) => sum + digitsOf(n), 0);
        const text = dump(values, { maxBigintDigits: Infinity });
        if (total <= maxBigintDigits) {
          expect(dump(values, { maxBigintDigits })).toBe(text);
          expect(load(text, { maxBigintDigits })).toEqual(values);
        } else {
          expect(refusal(() => dump(values, { maxBigintDigits })).code).toBe('too-many-bigint-digits');
          expect(refusal(() => load(text, { maxBigintDigits })).code).toBe('too-many-bigint-digits');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('arguments of traced calls', () => {
  it(`re-creates a call with ${MAX_CALL_ARGUMENTS} arguments and refuses one more, both ways`, () => {
    const most = countArguments(...new Array<number>(MAX_CALL_ARGUMENTS).fill(1));
    expect((load(dump(most)) as { value: number }).value).toBe(MAX_CALL_ARGUMENTS);
    const tooMany = countArguments(...new Array<number>(MAX_CALL_ARGUMENTS + 1).fill(1));
    const error = refusal(() => dump({ tooMany }));
    expect(error.code).toBe('too-many-arguments');
    expect(error.path).toEqual(['tooMany', '__args__']);
  });

  it('refuses a payload that calls with a million arguments instead of overflowing the stack', () => {
    const args = new Array<string>(1_000_000).fill('0').join(',');
    const error = refusal(() => load(`{"__symbol__":"path:${MODULE}:countArguments","__args__":[${args}]}`));
    expect(error.code).toBe('too-many-arguments');
    expect(error.message).toContain(`limit of ${MAX_CALL_ARGUMENTS}`);
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

  it('maxDepth: Infinity writes and reads 100,000-deep values without a stack overflow', () => {
    const n = 100_000;
    const arrays = nested(n, (inner) => [inner]);
    const text = dump(arrays, { maxDepth: Infinity });
    expect(text).toBe('['.repeat(n) + '0' + ']'.repeat(n));
    expect(nestingOf(load(text, { maxDepth: Infinity }), (outer) => (outer as unknown[])[0])).toBe(n);
    expect(refusal(() => dump(arrays)).code).toBe('too-deep');

    const kinds: [levels: number, wrap: (inner: unknown) => unknown, unwrap: (outer: unknown) => unknown][] = [
      [n, (inner) => ({ a: inner }), (outer) => (outer as { a: unknown }).a],
      [n, (inner) => new Set([inner]), (outer) => [...(outer as Set<unknown>)][0]],
      [n, (inner) => new Map([['k', inner]]), (outer) => (outer as Map<string, unknown>).get('k')],
      // Fewer: making traced objects is slow in itself (the hostile documents below load 100,000).
      [20_000, (inner) => new TracedNode(inner, null), (outer) => (outer as Node2).left],
    ];
    for (const [levels, wrap, unwrap] of kinds) {
      const written = dump(nested(levels, wrap), { maxDepth: Infinity });
      expect(nestingOf(load(written, { maxDepth: Infinity }), unwrap)).toBe(levels);
    }
    const indented = dump(nested(5000, (inner) => ({ a: inner })), { maxDepth: Infinity, indent: 1 });
    expect(nestingOf(load(indented, { maxDepth: Infinity }), (outer) => (outer as { a: unknown }).a)).toBe(5000);
  });

  it('maxDepth: Infinity reads hostile 100,000-deep documents without a stack overflow', () => {
    const n = 100_000;
    expect(() => load('['.repeat(n) + ']'.repeat(n), { maxDepth: Infinity })).not.toThrow();
    expect(() => load('{"a":'.repeat(n) + '1' + '}'.repeat(n), { maxDepth: Infinity })).not.toThrow();
    expect(() => load('{"__set__":['.repeat(n) + ']}'.repeat(n), { maxDepth: Infinity })).not.toThrow();
    const nodes = load(`{"__symbol__":"path:${MODULE}:Node","__args__":[`.repeat(n) + '1' + ']}'.repeat(n), { maxDepth: Infinity });
    expect(nestingOf(nodes, (outer) => ((outer as Node2).left === 1 ? 0 : (outer as Node2).left))).toBe(n);
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
