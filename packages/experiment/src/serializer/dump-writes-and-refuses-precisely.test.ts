/**
 * `dump()` writes every key and argument it is given, and each refusal names what was wrong and
 * where: the code, the path into the value, and a message that says what the object is.
 */
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/dump-writes-and-refuses-precisely';

class Layer {
  constructor(
    readonly a: unknown,
    readonly b: unknown,
    readonly options: Record<string, unknown> = {},
  ) {}
}
const TracedLayer = trace(Layer, { module: MODULE, name: 'Layer', kwargsFromLastArgument: true });

describe('what dump() writes', () => {
  it('keeps a key named "undefined"', () => {
    expect(dump({ undefined: 1 })).toBe('{"undefined":1}');
    expect(dump({ a: 1, undefined: 2 })).toBe('{"a":1,"undefined":2}');
    expect(dump({ __set__: 1, undefined: 2 })).toBe('{"__object__":{"__set__":1,"undefined":2}}');
  });

  it('writes every positional argument before the keyword arguments', () => {
    const payload = dump(new TracedLayer(1, 2, { c: 3 }));
    expect(payload).toBe(`{"__symbol__":"path:${MODULE}:Layer","__args__":[1,2],"__kwargs__":{"c":3}}`);
    expect(load(payload)).toEqual(new Layer(1, 2, { c: 3 }));
  });
});

describe('where dump() refusals point', () => {
  it('at a cycle', () => {
    const cycle: unknown[] = [1];
    cycle.push([cycle]);
    const error = refusal(() => dump(cycle, { maxDepth: 50 }));
    expect(error.code).toBe('circular-reference');
    expect(error.path).toEqual([1, 0]);
    const map = new Map<string, unknown>();
    map.set('self', map);
    expect(refusal(() => dump(map, { maxDepth: 50 })).code).toBe('circular-reference');
  });

  it('writes a value shared by two siblings twice: only a value inside itself is a cycle', () => {
    const shared = [1];
    expect(dump([shared, shared])).toBe('[[1],[1]]');
  });

  it('at a __proto__ key', () => {
    const error = refusal(() => dump({ a: JSON.parse('{"__proto__":1}') as unknown }));
    expect(error.code).toBe('forbidden-key');
    expect(error.path).toEqual(['a', '__proto__']);
  });

  it('at a map key or value', () => {
    expect(refusal(() => dump(new Map([[Symbol('k'), 1]]))).path).toEqual(['__map__', 0, 0]);
    expect(refusal(() => dump(new Map([['k', Symbol('v')]]))).path).toEqual(['__map__', 0, 1]);
    expect(
      refusal(() =>
        dump(
          new Map<unknown, unknown>([
            [1, 2],
            [3, Symbol('v')],
          ]),
        ),
      ).path,
    ).toEqual(['__map__', 1, 1]);
  });

  it('at an argument or keyword argument of a traced call', () => {
    expect(refusal(() => dump(new TracedLayer(1, Symbol('b')))).path).toEqual(['__args__', 1]);
    expect(refusal(() => dump(new TracedLayer(1, 2, { c: Symbol('c') }))).path).toEqual(['__kwargs__', 'c']);
  });
});

describe('what dump() refusals say', () => {
  it('names the class of an untraced instance', () => {
    class Foo {}
    const error = refusal(() => dump(new Foo()));
    expect(error.code).toBe('untraced-object');
    expect(error.message).toContain('An instance of class Foo');
  });

  it('speaks of a custom prototype when there is no named constructor function', () => {
    const withoutConstructor = Object.create(Object.create(null) as object) as object;
    const fakeConstructor = Object.create({ constructor: { name: 'Fake' } }) as object;
    const anonymousClass = new (class {})();
    for (const value of [withoutConstructor, fakeConstructor, anonymousClass]) {
      const error = refusal(() => dump(value));
      expect(error.code).toBe('untraced-object');
      expect(error.message).toContain('An object with a custom prototype');
      expect(error.message).toContain('trace(TheClass,');
    }
  });

  it('refuses a subclass of Uint8Array, which load() would not re-create', () => {
    class Bytes extends Uint8Array {}
    const error = refusal(() => dump(new Bytes([1, 2])));
    expect(error.code).toBe('untraced-object');
    expect(error.message).toContain('class Bytes');
    expect(dump(new Uint8Array([1, 2]))).toBe('{"__bytes__":"AQI="}');
  });

  it('tells an untraced symbol apart from unusable arguments in a trace record', () => {
    class NotTraced {}
    const untracedSymbol = { traceSymbol: NotTraced, traceArgs: [], traceKwargs: {}, traceCopy: () => undefined };
    const symbolError = refusal(() => dump(untracedSymbol));
    expect(symbolError.code).toBe('invalid-trace-record');
    expect(symbolError.message).toContain('class NotTraced, which is not traced');
    const badArgs = { traceSymbol: Layer, traceArgs: 'no', traceKwargs: {}, traceCopy: () => undefined };
    const argsError = refusal(() => dump(badArgs));
    expect(argsError.code).toBe('invalid-trace-record');
    expect(argsError.message).toContain('traceArgs is not an array');
    const badKwargs = { traceSymbol: Layer, traceArgs: [], traceKwargs: new Map(), traceCopy: () => undefined };
    expect(refusal(() => dump(badKwargs)).message).toContain('traceKwargs not a plain object');
  });
});
