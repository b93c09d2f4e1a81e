/**
 * Each limit accepts a payload exactly at the limit and refuses one a step past it, in `dump()` and
 * in `load()`. The limits here are tiny (a few bytes, a few levels, a few digits), so that these
 * tests stay fast enough to run for every mutant; `size-and-depth-limits.test.ts` checks the same
 * limits at scale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { DEFAULT_MAX_BIGINT_DIGITS, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MAX_CALL_ARGUMENTS, resolveLimits } from './limits.js';
import { load } from './load.js';
import { TraceRecord } from './trace-record.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/limits-at-boundaries';

class Pair {
  constructor(
    readonly left: unknown,
    readonly right?: unknown,
  ) {}
}
const TracedPair = trace(Pair, { module: MODULE, name: 'Pair' });

class Configured {
  constructor(readonly options: Record<string, unknown> = {}) {}
}
const TracedConfigured = trace(Configured, { module: MODULE, name: 'Configured', kwargsFromLastArgument: true });

class Both {
  constructor(
    readonly first: unknown,
    readonly options: Record<string, unknown> = {},
  ) {}
}
const TracedBoth = trace(Both, { module: MODULE, name: 'Both', kwargsFromLastArgument: true });

class Empty {}
const TracedEmpty = trace(Empty, { module: MODULE, name: 'Empty' });

const countArguments = trace((...args: unknown[]) => args.length, { module: MODULE, name: 'countArguments' });
const makeNothing = trace(() => ({}), { module: MODULE, name: 'makeNothing' });

/** How deep the containers of a parsed JSON document nest (0 for a scalar). */
function jsonDepth(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  const children = Array.isArray(node) ? node : Object.values(node as object);
  return 1 + Math.max(0, ...children.map(jsonDepth));
}

describe('resolveLimits()', () => {
  it('fills in the defaults when no options are given', () => {
    const defaults = { maxBytes: DEFAULT_MAX_BYTES, maxDepth: DEFAULT_MAX_DEPTH, maxBigintDigits: DEFAULT_MAX_BIGINT_DIGITS };
    expect(resolveLimits(undefined)).toEqual(defaults);
    expect(resolveLimits({})).toEqual(defaults);
  });

  it('refuses options that are not an object', () => {
    for (const options of [null, 5, 'big', true]) {
      expect(refusal(() => resolveLimits(options as never)).code).toBe('invalid-option');
      expect(refusal(() => dump(1, options as never)).code).toBe('invalid-option');
      expect(refusal(() => load('1', options as never)).code).toBe('invalid-option');
    }
  });

  it('accepts 1, any larger integer and Infinity for every limit', () => {
    for (const key of ['maxBytes', 'maxDepth', 'maxBigintDigits'] as const) {
      for (const value of [1, 2, 1000, Infinity]) expect(resolveLimits({ [key]: value })[key]).toBe(value);
    }
  });

  it('refuses zero, negatives, fractions, NaN and non-numbers, naming the option', () => {
    for (const key of ['maxBytes', 'maxDepth', 'maxBigintDigits'] as const) {
      for (const value of [0, -1, 0.5, 1.5, NaN, -Infinity, '5', 5n]) {
        const error = refusal(() => resolveLimits({ [key]: value } as never));
        expect(error.code).toBe('invalid-option');
        expect(error.path).toEqual([key]);
        expect(error.received).toBe(value);
      }
    }
  });
});

describe('maxBytes', () => {
  it('dump() accepts a payload of exactly maxBytes bytes and refuses one byte more', () => {
    expect(dump('ab', { maxBytes: 4 })).toBe('"ab"');
    const error = refusal(() => dump('ab', { maxBytes: 3 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.received).toBe(4);
    expect(error.message).toContain('pass a larger maxBytes to dump()');
  });

  it('counts UTF-8 bytes, not characters', () => {
    // '"é"' is 3 characters and 4 bytes.
    expect(dump('é', { maxBytes: 4 })).toBe('"é"');
    expect(refusal(() => dump('é', { maxBytes: 3 })).received).toBe(4);
    expect(load('"é"', { maxBytes: 4 })).toBe('é');
    expect(refusal(() => load('"é"', { maxBytes: 3 })).received).toBe(4);
    // '"€€"' is 4 characters and 8 bytes: far past a limit of 6 bytes, though 4 characters fit in it.
    expect(refusal(() => dump('€€', { maxBytes: 6 })).received).toBe(8);
    expect(dump('€€', { maxBytes: 8 })).toBe('"€€"');
  });

  it('load() accepts a payload of exactly maxBytes bytes and refuses one byte more', () => {
    expect(load('[1,2]', { maxBytes: 5 })).toEqual([1, 2]);
    const error = refusal(() => load('[1,2]', { maxBytes: 4 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.received).toBe(5);
    expect(error.message).toContain('pass a larger maxBytes to load()');
    expect(error.message).not.toContain('dump()');
  });

  it('holds for any text: accepted at its UTF-8 size, refused below it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (text) => {
        const payload = JSON.stringify(text);
        const size = Buffer.byteLength(payload, 'utf8');
        expect(dump(text, { maxBytes: size })).toBe(payload);
        expect(load(payload, { maxBytes: size })).toBe(text);
        expect(refusal(() => dump(text, { maxBytes: size - 1 })).code).toBe('payload-too-large');
        expect(refusal(() => load(payload, { maxBytes: size - 1 })).code).toBe('payload-too-large');
      }),
      { numRuns: 200 },
    );
  });

  it('Infinity puts no limit on the payload', () => {
    const text = 'x'.repeat(1000);
    expect(load(dump(text, { maxBytes: Infinity }), { maxBytes: Infinity })).toBe(text);
  });

  it('dump() refuses a byte array whose base64 alone is longer than maxBytes, at the array', () => {
    const error = refusal(() => dump({ b: new Uint8Array(3) }, { maxBytes: 3 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.path).toEqual(['b']);
    expect(error.received).toBe(4); // 'AAAA'
    expect(error.message).toContain('A byte array of 3 bytes takes 4 characters in base64');
    expect(error.message).toContain('the limit of 3 bytes');
    expect(error.message).toContain('or pass a larger maxBytes to dump()');
  });

  it('dump() measures a byte array whose base64 fits maxBytes with the rest of the payload', () => {
    const value = { b: new Uint8Array(3) };
    const payload = dump(value);
    expect(payload).toBe('{"b":{"__bytes__":"AAAA"}}');
    // At 4 bytes the base64 fits, so the whole payload is what is refused.
    const error = refusal(() => dump(value, { maxBytes: 4 }));
    expect(error.code).toBe('payload-too-large');
    expect(error.path).toEqual([]);
    expect(error.received).toBe(payload.length);
    expect(dump(value, { maxBytes: payload.length })).toBe(payload);
  });
});

/**
 * Values whose payloads nest to different depths through every kind of container `dump()` writes:
 * arrays, objects, escaped objects, tags, maps, sets, traced calls with arguments and keyword
 * arguments, and type references.
 */
function nestingExamples(): unknown[] {
  return [
    [[1]],
    [[[]]],
    { a: { b: { c: 1 } } },
    { __set__: [1] },
    { outer: { __nni_obj__: [[1]] } },
    [undefined],
    [[NaN, -0, Infinity]],
    [[12n]],
    [new Date(0)],
    [new Uint8Array([1, 2])],
    [Buffer.from([3])],
    [TracedPair],
    new Map(),
    new Map([[1, 2]]),
    new Map<unknown, unknown>([
      [[1], 'a'],
      ['b', [[2]]],
    ]),
    new Map([[new Map([[1, [1]]]), new Set([[1]])]]),
    new Set(),
    new Set([1]),
    new Set([[1], [[2]]]),
    new TracedEmpty(),
    [new TracedEmpty()],
    new TracedPair(1),
    new TracedPair([[1]], { a: 1 }),
    new TracedPair(new TracedPair(new TracedPair([1]))),
    new TracedConfigured({ a: 1 }),
    new TracedConfigured({ a: { b: [1] } }),
    new TracedBoth([1], { a: [[1]] }),
    new TracedBoth(new TracedConfigured({ deep: { deeper: 1 } }), { b: new Set([1]) }),
    new TraceRecord(TracedPair, [[[1]]]),
    { m: new Map([[{ k: [1] }, { v: new Set([{ __map__: 1 }]) }]]) },
  ];
}

/** The checks every value's depth must pass: accepted at its depth, refused one level less. */
function expectDepthLimitHoldsAtTheBoundary(value: unknown): void {
  const payload = dump(value, { maxDepth: Infinity });
  const depth = jsonDepth(JSON.parse(payload));
  if (depth === 0) return;
  expect(dump(value, { maxDepth: depth })).toBe(payload);
  expect(dump(load(payload, { maxDepth: depth }))).toBe(payload);
  if (depth === 1) return;
  const dumpError = refusal(() => dump(value, { maxDepth: depth - 1 }));
  expect(dumpError.code).toBe('too-deep');
  expect(dumpError.received).toBe(depth);
  const loadError = refusal(() => load(payload, { maxDepth: depth - 1 }));
  expect(loadError.code).toBe('too-deep');
  expect(loadError.received).toBe(depth);
}

describe('maxDepth counts the containers of the written JSON, tags included', () => {
  it('accepts each example at its depth and refuses it one level less, in dump() and load()', () => {
    for (const value of nestingExamples()) expectDepthLimitHoldsAtTheBoundary(value);
  });

  it('holds for any nesting of arrays, objects, maps, sets and traced calls', () => {
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(undefined), fc.bigInt({ min: -99n, max: 99n })),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', '__set__', '__nni_type__'), tie('value'), { maxKeys: 2 }),
        fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 2 }).map((pairs) => new Map(pairs)),
        fc.array(tie('value'), { maxLength: 2 }).map((items) => new Set(items)),
        fc.array(tie('value'), { maxLength: 2 }).map((args) => new TraceRecord(TracedPair, args)),
        fc
          .tuple(tie('value'), fc.dictionary(fc.constantFrom('x', 'y'), tie('value'), { minKeys: 1, maxKeys: 2 }))
          .map(([first, options]) => new TracedBoth(first, options)),
      ),
    }));
    fc.assert(fc.property(value, expectDepthLimitHoldsAtTheBoundary), { numRuns: 200 });
  });

  it('refuses a traced call with no arguments only below depth 1', () => {
    expect(dump(new TracedEmpty(), { maxDepth: 1 })).toBe(`{"__symbol__":"path:${MODULE}:Empty"}`);
    expect(load(`{"__symbol__":"path:${MODULE}:Empty"}`, { maxDepth: 1 })).toBeInstanceOf(Empty);
    expect(dump(makeNothing(), { maxDepth: 1 })).toBe(`{"__symbol__":"path:${MODULE}:makeNothing"}`);
  });

  it('points a dump() refusal at the container that is too deep', () => {
    const pathOf = (value: unknown, maxDepth: number): unknown => refusal(() => dump(value, { maxDepth })).path;
    expect(pathOf([[1]], 1)).toEqual([0]);
    expect(pathOf({ a: { b: 1 } }, 1)).toEqual(['a']);
    expect(pathOf({ __set__: 1 }, 1)).toEqual([]);
    expect(pathOf(new Map([[1, 2]]), 1)).toEqual(['__map__']);
    expect(pathOf(new Map([[1, 2]]), 2)).toEqual(['__map__', 0]);
    expect(pathOf(new Map([[[[1]], 2]]), 4)).toEqual(['__map__', 0, 0, 0]);
    expect(pathOf(new Map([[1, [[1]]]]), 4)).toEqual(['__map__', 0, 1, 0]);
    expect(
      pathOf(
        new Map<unknown, unknown>([
          [1, 2],
          [[[1]], 3],
        ]),
        4,
      ),
    ).toEqual(['__map__', 1, 0, 0]);
    expect(pathOf(new Set([1]), 1)).toEqual(['__set__']);
    expect(pathOf(new Set([[[1]]]), 3)).toEqual(['__set__', 0, 0]);
    expect(pathOf(new TracedPair(1), 1)).toEqual(['__args__']);
    expect(pathOf(new TracedPair([[1]]), 3)).toEqual(['__args__', 0, 0]);
    expect(pathOf(new TracedConfigured({ a: 1 }), 1)).toEqual(['__kwargs__']);
    expect(pathOf(new TracedConfigured({ a: { b: 1 } }), 2)).toEqual(['__kwargs__', 'a']);
    expect(pathOf([1, 2n], 1)).toEqual([1]);
  });

  it('points a load() refusal at the container that is too deep', () => {
    const pathOf = (payload: string, maxDepth: number): unknown => refusal(() => load(payload, { maxDepth })).path;
    expect(pathOf('[[1]]', 1)).toEqual([0]);
    expect(pathOf('{"a":{"b":1}}', 1)).toEqual(['a']);
    expect(pathOf('{"__map__":[[1,2]]}', 1)).toEqual(['__map__']);
    expect(pathOf('{"__map__":[[1,2]]}', 2)).toEqual(['__map__', 0]);
    expect(pathOf('{"__map__":[[1,2],[[[1]],3]]}', 4)).toEqual(['__map__', 1, 0, 0]);
    expect(pathOf('{"__map__":[[1,[[1]]]]}', 4)).toEqual(['__map__', 0, 1, 0]);
    expect(pathOf('{"__set__":[1]}', 1)).toEqual(['__set__']);
    expect(pathOf('{"__object__":{"a":1}}', 1)).toEqual(['__object__']);
    expect(pathOf('{"__object__":{"a":[1]}}', 2)).toEqual(['__object__', 'a']);
    expect(pathOf(`{"__symbol__":"path:${MODULE}:Pair","__args__":[1]}`, 1)).toEqual(['__args__']);
    expect(pathOf(`{"__symbol__":"path:${MODULE}:Pair","__args__":[[[1]]]}`, 3)).toEqual(['__args__', 0, 0]);
    expect(pathOf(`{"__symbol__":"path:${MODULE}:Configured","__kwargs__":{"a":1}}`, 1)).toEqual(['__kwargs__']);
  });
});

describe('maxBigintDigits bounds the digits of all the bigints of a payload together', () => {
  it('dump() accepts a bigint of exactly maxBigintDigits digits and refuses one digit more', () => {
    expect(dump(10n ** 9n, { maxBigintDigits: 10 })).toBe('{"__bigint__":"1000000000"}');
    expect(dump(-(10n ** 10n - 1n), { maxBigintDigits: 10 })).toBe('{"__bigint__":"-9999999999"}');
    const error = refusal(() => dump(10n ** 10n, { maxBigintDigits: 10 }));
    expect(error.code).toBe('too-many-bigint-digits');
    expect(error.path).toEqual([]);
    expect(error.message).toContain('pass a larger maxBigintDigits to dump()');
    expect(refusal(() => dump(-(10n ** 10n), { maxBigintDigits: 10 })).code).toBe('too-many-bigint-digits');
  });

  it('dump() adds up the digits of every bigint and points at the one that passes the limit', () => {
    expect(dump([12345n, -12345n], { maxBigintDigits: 10 })).toBe('[{"__bigint__":"12345"},{"__bigint__":"-12345"}]');
    const error = refusal(() => dump([12345n, 123456n], { maxBigintDigits: 10 }));
    expect(error.code).toBe('too-many-bigint-digits');
    expect(error.path).toEqual([1]);
    // Zero has one digit.
    expect(dump(0n, { maxBigintDigits: 1 })).toBe('{"__bigint__":"0"}');
    expect(refusal(() => dump([0n, 0n], { maxBigintDigits: 1 })).path).toEqual([1]);
    expect(refusal(() => dump([-1n, 1n], { maxBigintDigits: 1 })).path).toEqual([1]);
  });

  it('load() accepts a bigint of exactly maxBigintDigits digits and refuses one digit more', () => {
    expect(load('{"__bigint__":"-1234567890"}', { maxBigintDigits: 10 })).toBe(-1234567890n);
    expect(load('{"__bigint__":"1234567890"}', { maxBigintDigits: 10 })).toBe(1234567890n);
    const error = refusal(() => load('[{"__bigint__":"12345678901"}]', { maxBigintDigits: 10 }));
    expect(error.code).toBe('too-many-bigint-digits');
    expect(error.path).toEqual([0, '__bigint__']);
    expect(error.message).toContain('pass a larger maxBigintDigits to load()');
    expect(error.message).not.toContain('dump()');
    expect(refusal(() => load('{"__bigint__":"-12345678901"}', { maxBigintDigits: 10 })).code).toBe('too-many-bigint-digits');
  });

  it('holds for any list of bigints: accepted at their total digits, refused one below', () => {
    const digitsOf = (value: bigint): number => (value < 0n ? -value : value).toString().length;
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), { minLength: 1, maxLength: 4 }), (values) => {
        const total = values.reduce((sum, value) => sum + digitsOf(value), 0);
        const payload = dump(values, { maxBigintDigits: total });
        expect(load(payload, { maxBigintDigits: total })).toEqual(values);
        if (total === 1) return;
        expect(refusal(() => dump(values, { maxBigintDigits: total - 1 })).code).toBe('too-many-bigint-digits');
        expect(refusal(() => load(payload, { maxBigintDigits: total - 1 })).code).toBe('too-many-bigint-digits');
      }),
      { numRuns: 200 },
    );
  });
});

describe('a traced call has at most MAX_CALL_ARGUMENTS arguments', () => {
  const atLimit = new Array<number>(MAX_CALL_ARGUMENTS).fill(0);
  const pastLimit = new Array<number>(MAX_CALL_ARGUMENTS + 1).fill(0);
  const payloadOf = (args: number[]): string => `{"__symbol__":"path:${MODULE}:countArguments","__args__":[${args.join(',')}]}`;

  it('dump() accepts exactly the limit and refuses one argument more, at the arguments', () => {
    expect(dump(new TraceRecord(countArguments, atLimit))).toBe(payloadOf(atLimit));
    const error = refusal(() => dump({ call: new TraceRecord(countArguments, pastLimit) }));
    expect(error.code).toBe('too-many-arguments');
    expect(error.path).toEqual(['call', '__args__']);
    expect(error.received).toBe(MAX_CALL_ARGUMENTS + 1);
  });

  it('load() re-creates a call of exactly the limit and refuses one argument more, at the arguments', () => {
    expect((load(payloadOf(atLimit)) as { value: number }).value).toBe(MAX_CALL_ARGUMENTS);
    const error = refusal(() => load(payloadOf(pastLimit)));
    expect(error.code).toBe('too-many-arguments');
    expect(error.path).toEqual(['__args__']);
    expect(error.received).toBe(MAX_CALL_ARGUMENTS + 1);
  });
});
