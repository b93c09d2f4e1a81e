import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import type { SizeLimits } from './limits.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { refusal } from './test-support/serialization-errors.js';
import { trace } from './trace.js';

const MODULE = 'test/fuzz';

class Point {
  constructor(
    readonly x: unknown,
    readonly y: unknown,
  ) {}
}
const TracedPoint = trace(Point, { module: MODULE, name: 'Point', kwargsFromLastArgument: true });
class Picky {
  constructor(x: unknown) {
    if (typeof x !== 'number') throw new TypeError('Picky wants a number');
  }
}
trace(Picky, { module: MODULE, name: 'Picky' });
trace((n: unknown) => (typeof n === 'number' ? Object.freeze({ n }) : n), { module: MODULE, name: 'freezer' });
trace(
  (a: unknown) => {
    throw new Error(`always fails on ${String(a)}`);
  },
  { module: MODULE, name: 'broken' },
);

/** `load` either returns or throws a SerializationError; nothing else escapes. */
function loadsOrRefuses(text: string, limits: SizeLimits = { maxDepth: 64 }): void {
  try {
    load(text, limits);
  } catch (error) {
    if (!(error instanceof SerializationError)) throw error;
    expect(typeof error.code).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const TAG_KEYS = [
  '__symbol__', '__args__', '__kwargs__', '__archspace_type__', '__undefined__', '__number__', '__bigint__',
  '__date__', '__map__', '__set__', '__bytes__', '__buffer__', '__object__', '__proto__', 'constructor',
];
const SYMBOL_NAMES = [
  `path:${MODULE}:Point`, `path:${MODULE}:Picky`, `path:${MODULE}:freezer`, `path:${MODULE}:broken`,
  `path:${MODULE}:Missing`, 'path:fs:readFileSync', 'path::', 'path:a:', 'bytes:gASVAAAA', 'Point', 'path:node:child_process:exec',
];

/** JSON documents full of tags, with plausible and implausible contents. */
const taggedDocument: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('NaN', '-0', 'Infinity', 'AQI=', '12', '-5', '2024-01-01', true, null, ...SYMBOL_NAMES),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...TAG_KEYS, 'a', 'b'), tie('node'), { maxKeys: 3 }),
    fc.record({ __symbol__: fc.constantFrom(...SYMBOL_NAMES), __args__: fc.array(tie('node'), { maxLength: 3 }) }, { requiredKeys: ['__symbol__'] }),
    fc.record({ __symbol__: fc.constantFrom(...SYMBOL_NAMES), __kwargs__: tie('node') }),
    fc.record({ __archspace_type__: fc.constantFrom(...SYMBOL_NAMES) }),
    fc.record({ __map__: fc.array(fc.array(tie('node'), { maxLength: 3 }), { maxLength: 3 }) }),
  ),
})).node;

describe('load() on arbitrary input throws nothing but SerializationError', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => loadsOrRefuses(text)), { numRuns: 2000 });
  });

  it('arbitrary JSON text', () => {
    fc.assert(fc.property(fc.json(), (text) => loadsOrRefuses(text)), { numRuns: 2000 });
  });

  it('JSON documents made of tags, symbol names and their near misses', () => {
    fc.assert(fc.property(taggedDocument, (doc) => loadsOrRefuses(JSON.stringify(doc))), { numRuns: 3000 });
  });

  it('mutilated JSON: cut, spliced and deeply nested', () => {
    const mutilated = fc.oneof(
      fc.tuple(fc.json(), fc.nat(), fc.nat()).map(([text, a, b]) => text.slice(Math.min(a, b) % (text.length + 1), Math.max(a, b))),
      fc.tuple(taggedDocument, fc.nat()).map(([doc, cut]) => {
        const text = JSON.stringify(doc);
        return text.slice(0, cut % (text.length + 1));
      }),
      fc.nat({ max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.nat({ max: 5000 }).map((n) => '{"__set__":'.repeat(n) + '[]' + '}'.repeat(n)),
    );
    fc.assert(fc.property(mutilated, (text) => loadsOrRefuses(text)), { numRuns: 1000 });
  });

  it('the same documents with no depth limit: still nothing but SerializationError, never a stack overflow', () => {
    const deep = fc.oneof(
      fc.tuple(fc.nat({ max: 20_000 }), fc.constantFrom('[', '{"a":', '{"__set__":[', '{"__object__":{"b":', '{"__map__":[[1,')).map(
        ([n, open]) => open.repeat(n) + '1' + open.replace(/[^[{]/g, '').split('').reverse().map((c) => (c === '[' ? ']' : '}')).join('').repeat(n),
      ),
      fc.tuple(fc.nat({ max: 20_000 }), fc.nat({ max: 20_000 })).map(([opened, closed]) => '['.repeat(opened) + ']'.repeat(closed)),
      fc.tuple(fc.nat({ max: 20_000 }), fc.constantFrom(...SYMBOL_NAMES)).map(
        ([n, name]) => `{"__symbol__":"${name}","__args__":[`.repeat(n) + '1' + ']}'.repeat(n),
      ),
    );
    fc.assert(fc.property(deep, (text) => loadsOrRefuses(text, { maxDepth: Infinity })), { numRuns: 100 });
  });

  it('huge strings where names and base64 belong: a SerializationError with a short message', () => {
    const longName = `path:${MODULE}:${'a.'.repeat(3_000_000)}a`;
    for (const text of [
      `{"__archspace_type__":"${longName}"}`,
      `{"__symbol__":"${longName}"}`,
      `{"__bytes__":"${'QUJD'.repeat(2_000_000)}=="}`,
      `{"__bigint__":"${'1'.repeat(5_000_000)}x"}`,
    ]) {
      const error = refusal(() => load(text, { maxBytes: Infinity }));
      expect(error.message.length).toBeLessThan(1000);
    }
  });

  it('wraps an error thrown by a re-created constructor, keeping it as cause', () => {
    try {
      load(`{"__symbol__":"path:${MODULE}:Picky","__args__":["x"]}`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SerializationError);
      expect((error as SerializationError).code).toBe('instantiation-failed');
      expect((error as Error).message).toContain('Picky wants a number');
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    }
  });
});

/** Values with byte arrays of every size, long bigints and deep nesting, among the other kinds dump() writes. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'medium' },
    fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.string({ unit: 'binary' }), fc.double()),
    fc.bigInt({ min: -(10n ** 80n), max: 10n ** 80n }),
    fc.date({ noInvalidDate: true }),
    fc.uint8Array({ maxLength: 3000 }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '__set__', '__bytes__', 'constructor'), tie('value'), { maxKeys: 3 }),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 2 }).map((entries) => new Map(entries)),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => new Set(items)),
    fc.tuple(tie('value'), tie('value')).map(([x, y]) => new TracedPoint(x, y)),
  ),
})).value;

/** Limits from tight to none, so that every refusal is reached. */
const anyLimits: fc.Arbitrary<SizeLimits> = fc.record(
  {
    maxBytes: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(Infinity)),
    maxDepth: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(Infinity)),
    maxBigintDigits: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant(Infinity)),
  },
  { requiredKeys: [] },
);

describe('dump() throws nothing but SerializationError, and load() inverts whatever dump() writes', () => {
  it('for arbitrary byte arrays and nested values under arbitrary limits: load(dump(x)) equals x, or dump() refuses', () => {
    fc.assert(
      fc.property(anyValue, anyLimits, (value, limits) => {
        let text: string;
        try {
          text = dump(value, limits);
        } catch (error) {
          expect(error).toBeInstanceOf(SerializationError);
          return;
        }
        // What dump() accepts under some limits, load() accepts under the same limits.
        expect(load(text, limits)).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('wraps an error thrown by the value itself (a getter, a proxy, an iterator), keeping it as cause', () => {
    const getter = {
      ok: 1,
      get broken(): never {
        throw new TypeError('no reading');
      },
    };
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new RangeError('no keys');
        },
      },
    );
    const iterated = new Set([1]);
    iterated[Symbol.iterator] = () => {
      throw new Error('no iterating');
    };
    for (const [value, cause, path] of [
      [getter, TypeError, ['broken']],
      [{ inner: [proxy] }, RangeError, ['inner', 0]],
      [{ iterated }, Error, ['iterated']],
    ] as const) {
      const error = refusal(() => dump(value));
      expect(error.code).toBe('unsupported-value');
      expect(error.cause).toBeInstanceOf(cause);
      expect(error.path).toEqual(path);
    }
  });
});
