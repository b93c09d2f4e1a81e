import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { trace } from './trace.js';

const MODULE = 'test/fuzz';

class Point {
  constructor(
    readonly x: unknown,
    readonly y: unknown,
  ) {}
}
trace(Point, { module: MODULE, name: 'Point', kwargsFromLastArgument: true });
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
function loadsOrRefuses(text: string): void {
  try {
    load(text, { maxDepth: 64 });
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
    fc.assert(fc.property(fc.string({ unit: 'binary' }), loadsOrRefuses), { numRuns: 2000 });
  });

  it('arbitrary JSON text', () => {
    fc.assert(fc.property(fc.json(), loadsOrRefuses), { numRuns: 2000 });
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
    fc.assert(fc.property(mutilated, loadsOrRefuses), { numRuns: 1000 });
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
