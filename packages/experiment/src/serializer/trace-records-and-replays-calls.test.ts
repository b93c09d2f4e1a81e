/**
 * `trace()` checks its options, records every call exactly as made and replays it with `get()`;
 * its records stay out of the way (hidden, replaceable), and its refusals say what was given.
 * Every `trace()` here runs inside a test, with its own registry where the name could clash.
 */
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SymbolRegistry } from './symbol-registry.js';
import { TraceRecord, TracedValue } from './trace-record.js';
import { trace } from './trace.js';
import { isTraceable } from './traceable.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/trace-records-and-replays';

describe('trace() options', () => {
  it('refuses null or non-object options, suggesting the name of what it wraps', () => {
    function makeNet(): object {
      return {};
    }
    const error = refusal(() => trace(makeNet, null as never));
    expect(error.code).toBe('invalid-option');
    expect(error.message).toContain("name: 'makeNet'");
    const anonymous = refusal(() => trace((() => ({})) as never, 5 as never));
    expect(anonymous.code).toBe('invalid-option');
    expect(anonymous.message).toContain("name: 'Net'");
  });

  it('names the option that is wrong', () => {
    const registry = new SymbolRegistry();
    const kind = refusal(() => trace(() => 1, { module: MODULE, name: 'k', kind: 'method' as never, registry }));
    expect(kind.code).toBe('invalid-option');
    expect(kind.path).toEqual(['kind']);
    const notRegistry = refusal(() => trace(() => 1, { module: MODULE, name: 'r', registry: {} as never }));
    expect(notRegistry.code).toBe('invalid-option');
    expect(notRegistry.path).toEqual(['registry']);
  });

  it('accepts kind "function" and calls the symbol', () => {
    const registry = new SymbolRegistry();
    const double = trace((n: number) => 2 * n, { module: MODULE, name: 'double', kind: 'function', registry });
    expect(double(4).value).toBe(8);
  });

  it('returns the same wrapper when traced again with the same kind, refuses another kind', () => {
    const registry = new SymbolRegistry();
    class Net {}
    const Traced = trace(Net, { module: MODULE, name: 'Net', kind: 'class', registry });
    expect(trace(Net, { module: MODULE, name: 'Net', kind: 'class', registry })).toBe(Traced);
    expect(trace(Net, { module: MODULE, name: 'Net', registry })).toBe(Traced);
    expect(refusal(() => trace(Net, { module: MODULE, name: 'Net', kind: 'function', registry })).code).toBe('already-traced');
  });

  it('names the part of the identity that is wrong', () => {
    const registry = new SymbolRegistry();
    const module = refusal(() => trace(() => 1, { module: '', name: 'f', registry }));
    expect(module.code).toBe('invalid-symbol-name');
    expect(module.path).toEqual(['module']);
    expect(refusal(() => trace(() => 1, { module: 12 as never, name: 'f', registry })).path).toEqual(['module']);
    for (const name of ['', '1f', 'a.1b', 'a.', '.a', 'a b', 7]) {
      const error = refusal(() => trace(() => 1, { module: MODULE, name: name as never, registry }));
      expect(error.code).toBe('invalid-symbol-name');
      expect(error.path).toEqual(['name']);
    }
  });

  it('accepts dotted export names made of identifiers', () => {
    const registry = new SymbolRegistry();
    trace(() => 1, { module: MODULE, name: 'nn.Conv2d', registry });
    trace(() => 2, { module: MODULE, name: '$_.a1', registry });
    expect(registry.names()).toEqual([`path:${MODULE}:$_.a1`, `path:${MODULE}:nn.Conv2d`]);
  });
});

describe('what a traced call records and passes on', () => {
  it('passes the original exactly the arguments it was given, keyword arguments included', () => {
    const registry = new SymbolRegistry();
    const count = trace((...args: unknown[]) => args.length, { module: MODULE, name: 'count', kwargsFromLastArgument: true, registry });
    expect(count(1, 2).value).toBe(2);
    expect(count().value).toBe(0);
    const withOptions = count(1, { a: 1 });
    expect(withOptions.value).toBe(2);
    expect(withOptions.traceArgs).toEqual([1]);
    expect(withOptions.traceKwargs).toEqual({ a: 1 });
  });

  it('hides the record from the own enumerable keys of the instance', () => {
    const registry = new SymbolRegistry();
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const TracedPoint = trace(Point, { module: MODULE, name: 'Point', registry });
    expect(Object.keys(new TracedPoint(1, 2))).toEqual(['x', 'y']);
  });

  it('keeps the record read-only: assigning to it throws', () => {
    const registry = new SymbolRegistry();
    const make = trace((n: number) => ({ n }), { module: MODULE, name: 'makeReadOnly', registry });
    const made = make(1) as unknown as Record<string, unknown>;
    for (const key of ['traceSymbol', 'traceArgs', 'traceKwargs', 'traceCopy', 'get']) {
      expect(() => {
        made[key] = 'changed';
      }).toThrow(TypeError);
    }
    expect(made['traceArgs']).toEqual([1]);
  });

  it('keeps a null result as a TracedValue', () => {
    const registry = new SymbolRegistry();
    const nothing = trace(() => null, { module: MODULE, name: 'nothing', registry });
    const result = nothing();
    expect(result).toBeInstanceOf(TracedValue);
    expect(result.value).toBeNull();
  });

  it('attaches the record to a function result, which then dumps as the call that made it', () => {
    const registry = new SymbolRegistry();
    const makeAdder = trace((n: number) => (x: number) => x + n, { module: MODULE, name: 'makeAdder', registry });
    const addTwo = makeAdder(2);
    expect(typeof addTwo).toBe('function');
    expect(addTwo(3)).toBe(5);
    expect(isTraceable(addTwo)).toBe(true);
    expect(addTwo.traceArgs).toEqual([2]);
    const payload = dump({ f: addTwo });
    expect(payload).toBe(`{"f":{"__symbol__":"path:${MODULE}:makeAdder","__args__":[2]}}`);
    const loaded = load(payload, { registry }) as { f: (x: number) => number };
    expect(loaded.f(10)).toBe(12);
  });

  it('records the latest call on an object a traced function returns again, and get() replays that call', () => {
    const registry = new SymbolRegistry();
    const calls: number[] = [];
    const shared = {};
    const give = trace(
      (n: number) => {
        calls.push(n);
        return shared;
      },
      { module: MODULE, name: 'give', registry },
    );
    give(1);
    const again = give(2);
    expect(again).toBe(shared);
    expect(again.traceArgs).toEqual([2]);
    again.get();
    expect(calls).toEqual([1, 2, 2]);
  });

  it('keeps a get the result has of its own', () => {
    const registry = new SymbolRegistry();
    const make = trace(() => ({ get: () => 'mine' }), { module: MODULE, name: 'make', registry });
    const made = make();
    expect(made.get()).toBe('mine');
    expect(make().get()).toBe('mine');
  });

  it('says how to fix a wrong invocation', () => {
    const registry = new SymbolRegistry();
    // A function expression, not an arrow: only a constructor can be called with new at all.
    const fn = trace(
      function make() {
        return {};
      },
      { module: MODULE, name: 'fn', registry },
    );
    const withNew = refusal(() => new (fn as unknown as new () => object)());
    expect(withNew.code).toBe('wrong-invocation');
    expect(withNew.message).toContain('cannot be used with new');
    class Net {}
    const TracedNet = trace(Net, { module: MODULE, name: 'Net', registry });
    const called = refusal(() => (TracedNet as unknown as () => object)());
    expect(called.code).toBe('wrong-invocation');
    expect(called.message).toContain('construct it with new');
  });
});

describe('isTraceable() checks all four members', () => {
  it('is false when any one is missing, and when traceCopy is not a function', () => {
    const full = { traceSymbol: 1, traceArgs: [], traceKwargs: {}, traceCopy: () => undefined };
    expect(isTraceable(full)).toBe(true);
    for (const missing of ['traceSymbol', 'traceArgs', 'traceKwargs', 'traceCopy'] as const) {
      const partial: Record<string, unknown> = { ...full };
      delete partial[missing];
      expect(isTraceable(partial)).toBe(false);
    }
    expect(isTraceable({ ...full, traceCopy: 'no' })).toBe(false);
    expect(isTraceable(Object.assign(() => 1, full))).toBe(true);
    expect(isTraceable(undefined)).toBe(false);
  });
});

describe('TraceRecord', () => {
  const registry = new SymbolRegistry();
  class Net {
    constructor(
      readonly width = 1,
      readonly options: object = {},
    ) {}
  }
  const TracedNet = trace(Net, { module: MODULE, name: 'RecordedNet', kwargsFromLastArgument: true, registry });

  it('defaults to no arguments and keeps the keyword arguments it is given', () => {
    expect(new TraceRecord(TracedNet).traceArgs).toEqual([]);
    const record = new TraceRecord(TracedNet, [3], { depth: 2 });
    expect(record.traceSymbol).toBe(Net);
    expect(record.traceKwargs).toEqual({ depth: 2 });
    expect(record.get()).toEqual(new Net(3, { depth: 2 }));
  });

  it('copies into an equal, distinct record', () => {
    const record = new TraceRecord(TracedNet, [3], { depth: 2 });
    const copy = record.traceCopy();
    expect(copy).not.toBe(record);
    expect(copy).toBeInstanceOf(TraceRecord);
    expect(copy.traceSymbol).toBe(Net);
    expect(copy.traceArgs).toEqual([3]);
    expect(copy.traceKwargs).toEqual({ depth: 2 });
  });
});

describe('SymbolRegistry', () => {
  it('resolves an unknown name to undefined and lists names sorted', () => {
    const registry = new SymbolRegistry();
    trace(() => 1, { module: MODULE, name: 'b', registry });
    trace(() => 2, { module: MODULE, name: 'a', registry });
    expect(registry.resolve(`path:${MODULE}:nope`)).toBeUndefined();
    expect(registry.names()).toEqual([`path:${MODULE}:a`, `path:${MODULE}:b`]);
  });

  it('refuses to work on something that is not a registry', () => {
    expect(() => SymbolRegistry.prototype.has.call({}, 'x')).toThrow('not a SymbolRegistry');
  });

  it('describes what it refuses to add', () => {
    const messageOf = (value: unknown): string => refusal(() => new SymbolRegistry().add(value)).message;
    expect(messageOf(42)).toContain('received a number');
    expect(messageOf('Net')).toContain('received a string');
    expect(messageOf(null)).toContain('received null');
    expect(messageOf({})).toContain('received an object ([object Object])');
    expect(messageOf(function named() {})).toContain('received function named');
    expect(messageOf(class Foo {})).toContain('received class Foo');
    expect(messageOf((() => () => 1)())).toContain('received function (anonymous)');
  });
});

describe('load() and dump() options', () => {
  it('names a registry that is not a SymbolRegistry, and an indent that is neither number nor string', () => {
    const registry = refusal(() => load('1', { registry: {} as never }));
    expect(registry.code).toBe('invalid-option');
    expect(registry.path).toEqual(['registry']);
    const indent = refusal(() => dump([1], { indent: true as never }));
    expect(indent.code).toBe('invalid-option');
    expect(indent.path).toEqual(['indent']);
    expect(dump([1], { indent: '\t' })).toBe('[\n\t1\n]');
  });
});
