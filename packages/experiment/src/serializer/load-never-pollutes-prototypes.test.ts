import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { trace } from './trace.js';
import { codeOf } from './test-support/serialization-errors.js';

const MODULE = 'test/pollution';

class Holder {
  constructor(readonly options: Record<string, unknown>) {}
}
const TracedHolder = trace(Holder, { module: MODULE, name: 'Holder', kwargsFromLastArgument: true });

const watched = [Object.prototype, Array.prototype, Function.prototype, Map.prototype, Set.prototype, Holder.prototype];
const snapshot = () => watched.map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','));
const before = snapshot();

function expectUnpolluted(): void {
  expect(snapshot()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.create(null) as Record<string, unknown>).polluted).toBeUndefined();
}


afterEach(expectUnpolluted);

describe('load() and prototype pollution', () => {
  it.each([
    '{"__proto__":{"polluted":1}}',
    '{"a":{"__proto__":{"polluted":1}}}',
    '[{"__proto__":{"polluted":1}}]',
    '{"__object__":{"__proto__":{"polluted":1}}}',
    '{"__map__":[["k",{"__proto__":{"polluted":1}}]]}',
    '{"__set__":[{"__proto__":{"polluted":1}}]}',
    `{"__symbol__":"path:${MODULE}:Holder","__kwargs__":{"__proto__":{"polluted":1}}}`,
    `{"__symbol__":"path:${MODULE}:Holder","__args__":[{"__proto__":{"polluted":1}}]}`,
  ])('refuses the key __proto__ anywhere: %s', (text) => {
    expect(codeOf(() => load(text))).toBe('forbidden-key');
  });

  it('names the key and says why', () => {
    try {
      load('{"a":[{"__proto__":{}}]}');
      expect.unreachable();
    } catch (error) {
      expect((error as SerializationError).path).toEqual(['a', 0, '__proto__']);
      expect((error as Error).message).toMatch(/prototype pollution/);
    }
  });

  it('loads constructor and prototype keys as ordinary own data, leaving every prototype alone', () => {
    const loaded = load('{"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":2}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(loaded)).toBe(Object.prototype);
    expect(Object.hasOwn(loaded, 'constructor')).toBe(true);
    expect(loaded.constructor).toEqual({ prototype: { polluted: 1 } });
    expect(loaded.prototype).toEqual({ polluted: 2 });
    // Even naive merging of the loaded data into a fresh object cannot reach Object.prototype.
    const target: Record<string, unknown> = {};
    Object.assign(target, loaded);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });

  it('re-creates traced objects whose kwargs are named constructor or prototype without touching the class', () => {
    const holder = load(`{"__symbol__":"path:${MODULE}:Holder","__kwargs__":{"constructor":{"prototype":{"polluted":1}}}}`) as Holder;
    expect(holder).toBeInstanceOf(Holder);
    expect(holder.options).toEqual({ constructor: { prototype: { polluted: 1 } } });
    expect(Object.getPrototypeOf(holder)).toBe(Holder.prototype);
  });

  it('dump() refuses an own __proto__ key, so a payload never carries one', () => {
    const sneaky = JSON.parse('{"__proto__":{"polluted":1}}') as object;
    expect(codeOf(() => dump(sneaky))).toBe('forbidden-key');
    expect(codeOf(() => dump(new TracedHolder(sneaky as Record<string, unknown>)))).toBe('forbidden-key');
  });

  it('holds for random documents built from the dangerous keys', () => {
    const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', '__object__', '__kwargs__', 'toString', 'hasOwnProperty');
    const node: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(dangerousKey, tie('node'), { maxKeys: 3 }),
        fc.dictionary(dangerousKey, tie('node'), { maxKeys: 3 }).map((kwargs) => ({ __symbol__: `path:${MODULE}:Holder`, __kwargs__: kwargs })),
      ),
    })).node;
    fc.assert(
      fc.property(node, (doc) => {
        const text = JSON.stringify(doc);
        try {
          const loaded = load(text);
          // Whatever loaded is ordinary data with ordinary prototypes.
          if (loaded !== null && typeof loaded === 'object' && !Array.isArray(loaded) && !(loaded instanceof Holder)) {
            expect(Object.getPrototypeOf(loaded)).toBe(Object.prototype);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(SerializationError);
        }
        expectUnpolluted();
      }),
      { numRuns: 1000 },
    );
  });
});
