import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { trace } from './trace.js';

const MODULE = 'test/load-inverts-dump';

class Point {
  constructor(
    readonly x: unknown,
    readonly y: unknown,
  ) {}
}
const TracedPoint = trace(Point, { module: MODULE, name: 'Point' });

class Box {
  constructor(
    readonly content: unknown,
    readonly options: Record<string, unknown> = {},
  ) {}
}
const TracedBox = trace(Box, { module: MODULE, name: 'Box', kwargsFromLastArgument: true });

const pair = trace((a: unknown, b: unknown) => ({ a, b }), { module: MODULE, name: 'pair' });
const sum = trace((a: number, b: number) => a + b, { module: MODULE, name: 'sum' });

/** Keys that stress the escaping: every tag name, the prototype-ish names, and ordinary strings. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('__set__', '__map__', '__object__', '__symbol__', '__args__', '__kwargs__', '__undefined__', '__archspace_type__', 'constructor', 'prototype', '__comment__'),
).filter((k) => k !== '__proto__');

const leaf = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.string(),
  fc.double(), // NaN, ±Infinity and -0 included
  fc.integer(),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 8 }),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)),
);

/** Any value `dump()` accepts: JSON, built-ins and traced objects, nested in each other. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((entries) => new Map(entries)),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => new Set(items)),
    fc.tuple(tie('value'), tie('value')).map(([x, y]) => new TracedPoint(x, y)),
    fc.tuple(tie('value'), fc.dictionary(key, tie('value'), { maxKeys: 3 })).map(([content, options]) => new TracedBox(content, options)),
    tie('value').map((content) => new TracedBox(content)),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => pair(a, b)),
    fc.tuple(fc.integer(), fc.integer()).map(([a, b]) => sum(a, b)),
    fc.constantFrom(TracedPoint, TracedBox, pair), // a traced symbol itself (load returns the wrapper)
  ),
})).value;

function hasNegativeZero(v: unknown): boolean {
  if (Object.is(v, -0)) return true;
  if (Array.isArray(v)) return v.some(hasNegativeZero);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNegativeZero);
  return false;
}

function hasProtoKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasProtoKey);
  if (v !== null && typeof v === 'object') return Object.hasOwn(v, '__proto__') || Object.values(v).some(hasProtoKey);
  return false;
}

describe('load() inverts dump()', () => {
  it('for JSON values: equal after the round trip, and written as plain JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        if (hasProtoKey(json)) {
          expect(() => dump(json)).toThrow(SerializationError);
          return;
        }
        const text = dump(json);
        expect(load(text)).toEqual(json);
        if (!hasNegativeZero(json)) expect(JSON.parse(text)).toEqual(json);
      }),
      { numRuns: 500 },
    );
  });

  it('for any dumpable value: equal after the round trip, and dump(load(dump(v))) === dump(v)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = dump(v);
        const loaded = load(text);
        expect(loaded).toEqual(v);
        expect(dump(loaded)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('for nested traced objects: the loaded tree has the same classes and the same records', () => {
    const tree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.tuple(tie('node'), tie('node')).map(([x, y]) => new TracedPoint(x, y)),
        fc.tuple(tie('node'), fc.string()).map(([content, label]) => new TracedBox(content, { label })),
      ),
    })).node;
    const check = (original: unknown, loaded: unknown): void => {
      if (original instanceof Point || original instanceof Box) {
        expect(Object.getPrototypeOf(loaded)).toBe(Object.getPrototypeOf(original));
        const a = original as unknown as { traceArgs: unknown[]; traceKwargs: object; traceSymbol: unknown };
        const b = loaded as typeof a;
        expect(b.traceSymbol).toBe(a.traceSymbol);
        expect(b.traceKwargs).toEqual(a.traceKwargs);
        expect(b.traceArgs).toHaveLength(a.traceArgs.length);
        a.traceArgs.forEach((arg, i) => check(arg, b.traceArgs[i]));
      } else {
        expect(loaded).toEqual(original);
      }
    };
    fc.assert(
      fc.property(tree, (t) => check(t, load(dump(t)))),
      { numRuns: 300 },
    );
  });

  it('get() of a loaded traced object is equal to it', () => {
    fc.assert(
      fc.property(fc.tuple(value, value), ([x, y]) => {
        const loaded = load(dump(new TracedPoint(x, y))) as InstanceType<typeof TracedPoint>;
        expect(loaded.get()).toEqual(loaded);
        expect(dump(loaded.get())).toBe(dump(loaded));
      }),
      { numRuns: 200 },
    );
  });
});
