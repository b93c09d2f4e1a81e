/**
 * The JSON the IR keeps: `toFrozenJson` (deep-frozen, copied only where needed, at most
 * `MAX_JSON_DEPTH` levels, typed errors with a path) and `jsonEqual` (deep equality).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchspaceError, GraphError } from './errors.js';
import { jsonEqual, MAX_JSON_DEPTH, toFrozenJson, type JsonValue } from './json-value.js';
import { Operation } from './operation.js';

const asGraphError = (d: ConstructorParameters<typeof GraphError>[0]) => new GraphError(d);

function jsonError(value: unknown, path: (string | number)[] = []): ArchspaceError {
  try {
    toFrozenJson(value, path, asGraphError);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as ArchspaceError;
  }
  throw new Error('expected the value to be refused');
}

/** `depth` arrays nested in each other around `inner`. */
function nested(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('toFrozenJson', () => {
  it('reuses deep-frozen JSON as it is, and copies the parts that are not frozen', () => {
    const frozen = Object.freeze([1, Object.freeze({ a: Object.freeze(['x']) })]);
    expect(toFrozenJson(frozen, [], asGraphError)).toBe(frozen);
    const inner = { b: 2 };
    const mixed = Object.freeze([inner]);
    const copy = toFrozenJson(mixed, [], asGraphError) as JsonValue[];
    expect(copy).not.toBe(mixed);
    expect(copy).toEqual([{ b: 2 }]);
    expect(Object.isFrozen(copy[0])).toBe(true);
    expect(Object.isFrozen(inner)).toBe(false);
    const objectInner = { c: [3] };
    const objectCopy = toFrozenJson(Object.freeze({ k: objectInner }), [], asGraphError) as { k: { c: number[] } };
    expect(Object.isFrozen(objectCopy.k)).toBe(true);
    expect(Object.isFrozen(objectCopy.k.c)).toBe(true);
    expect(Object.isFrozen(objectInner)).toBe(false);
  });

  it('copies a frozen value that has a getter, a symbol key or an array property, keeping what it read once', () => {
    let reads = 0;
    // A getter that answers JSON when checked and a function afterwards.
    const sly = Object.freeze({
      get k(): unknown {
        reads++;
        return reads === 1 ? 1 : () => 0;
      },
    });
    const kept = toFrozenJson(sly, [], asGraphError) as { [key: string]: unknown };
    expect(kept).not.toBe(sly);
    expect(Object.getOwnPropertyDescriptor(kept, 'k')).toMatchObject({ value: 1 });
    expect(kept['k']).toBe(1);
    expect(Object.isFrozen(kept)).toBe(true);

    reads = 0;
    const op = Operation.new('X', Object.freeze({ a: sly, b: Object.freeze([2]) }));
    expect((op.parameters['a'] as { [key: string]: unknown })['k']).toBe(1);
    expect(Object.getOwnPropertyDescriptor(op.parameters['a'], 'k')).toMatchObject({ value: 1 });

    const items = [1, 2];
    Object.defineProperty(items, 0, { get: () => 5, enumerable: true });
    expect(toFrozenJson(Object.freeze(items), [], asGraphError)).toEqual([5, 2]);
    const extra = Object.freeze(Object.assign([1], { note: () => 0 }));
    const copiedArray = toFrozenJson(extra, [], asGraphError);
    expect(copiedArray).not.toBe(extra);
    expect(Object.keys(copiedArray as object)).toEqual(['0']);
    const symbolic = Object.freeze({ a: 1, [Symbol('s')]: () => 0 });
    const copiedObject = toFrozenJson(symbolic, [], asGraphError) as object;
    expect(copiedObject).not.toBe(symbolic);
    expect(Object.getOwnPropertySymbols(copiedObject)).toEqual([]);
  });

  it('keeps a "__proto__" key as an own property', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object;
    const copy = toFrozenJson(value, [], asGraphError) as { [key: string]: unknown };
    expect(Object.keys(copy)).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(jsonEqual(copy as JsonValue, value as JsonValue)).toBe(true);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { k: 1 });
    expect(toFrozenJson(bare, [], asGraphError)).toEqual({ k: 1 });
    expect(Operation.new('X', bare).parameters).toEqual({ k: 1 });
  });

  it('refuses a cycle at the path where it closes', () => {
    const loop: { [key: string]: unknown } = { a: [1] };
    (loop['a'] as unknown[]).push(loop);
    const e = jsonError(loop, ['parameters']);
    expect(e.code).toBe('not-json');
    expect(e.path).toEqual(['parameters', 'a', 1]);
  });

  it(`keeps ${MAX_JSON_DEPTH} levels of nesting and refuses one more, with the path to it`, () => {
    expect(() => toFrozenJson(nested(MAX_JSON_DEPTH, 1), [], asGraphError)).not.toThrow();
    const e = jsonError(nested(MAX_JSON_DEPTH + 1, 1));
    expect(e.code).toBe('too-deep');
    expect(e.path).toEqual(new Array(MAX_JSON_DEPTH).fill(0));
  });

  it('refuses a non-JSON value at the deepest level kept as not JSON, not as too deep', () => {
    for (const bad of [undefined, () => 1, 5n]) {
      const e = jsonError(nested(MAX_JSON_DEPTH, bad));
      expect(e.code).toBe('not-json');
      expect(e.path).toHaveLength(MAX_JSON_DEPTH);
    }
  });
});

describe('jsonEqual', () => {
  it('compares arrays by length and items in order', () => {
    expect(jsonEqual([1, 2], [1, 2])).toBe(true);
    expect(jsonEqual([1, 2], [1])).toBe(false);
    expect(jsonEqual([1], [1, 2])).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], { 0: 1, length: 1 })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });

  it('compares objects by their keys in any order', () => {
    expect(jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
  });

  it('never equates values of different kinds, and never throws on null', () => {
    expect(jsonEqual('a', 'b')).toBe(false);
    expect(jsonEqual(1, {})).toBe(false);
    expect(jsonEqual({}, 1)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({}, null)).toBe(false);
    expect(jsonEqual(null, null)).toBe(true);
  });

  it('agrees with comparing canonical JSON texts', () => {
    const canonical = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) =>
        x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x,
      );
    const value = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonical(a) === canonical(b));
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)) as JsonValue)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
