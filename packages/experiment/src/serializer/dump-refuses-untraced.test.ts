import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/untraced';

class Dataset {
  constructor(readonly root: string) {}
}
const TracedDataset = trace(Dataset, { module: MODULE, name: 'Dataset' });


describe('dump() refuses what it could only pickle (the reference pickles; archspace does not)', () => {
  it('an instance of an untraced class, telling the user to wrap the class with trace()', () => {
    const error = refusal(() => dump({ data: [new Dataset('/data')] }));
    expect(error.code).toBe('untraced-object');
    expect(error.path).toEqual(['data', 0]);
    expect(error.message).toContain('An instance of class Dataset');
    expect(error.message).toContain('trace(Dataset, { module, name })');
    expect(error.message).toMatch(/never pickles/);
  });

  it('an instance made with the original class even though the class is traced', () => {
    expect(refusal(() => dump(new Dataset('/data'))).code).toBe('untraced-object');
    expect(load(dump(new TracedDataset('/data')))).toEqual(new Dataset('/data'));
  });

  it('an untraced subclass of a traced class', () => {
    class Cached extends TracedDataset {}
    expect(refusal(() => dump(new Cached('/data'))).message).toContain('class Cached');
  });

  it('an untraced function, a JavaScript symbol, and objects of other classes', () => {
    const fnError = refusal(() => dump({ transform: function normalize() {} }));
    expect(fnError.code).toBe('untraced-function');
    expect(fnError.message).toContain('trace(normalize, { module, name })');
    expect(refusal(() => dump(() => 1)).code).toBe('untraced-function');
    expect(refusal(() => dump(Symbol('s'))).code).toBe('unsupported-value');
    class WithToJson {
      toJSON(): string {
        return 'not enough to re-create me';
      }
    }
    const others: unknown[] = [
      /regex/,
      new Error('e'),
      new WeakMap(),
      Promise.resolve(1),
      new Float32Array(2),
      new (class List extends Array {})(),
      new WithToJson(),
      new URL('https://example.com'),
      Object.create({ inherited: 1 }),
    ];
    for (const other of others) expect(refusal(() => dump(other)).code).toBe('untraced-object');
  });

  it('accepts null-prototype objects as plain data (loaded back with the ordinary prototype)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const loaded = load(dump(bare)) as object;
    expect(loaded).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(loaded)).toBe(Object.prototype);
  });

  it('a traceable-looking object whose symbol is not traced', () => {
    class Untraced {}
    const fake = { traceSymbol: Untraced, traceArgs: [], traceKwargs: {}, traceCopy: () => fake };
    expect(refusal(() => dump(fake)).code).toBe('invalid-trace-record');
    const broken = { traceSymbol: Dataset, traceArgs: 'not an array', traceKwargs: {}, traceCopy: () => broken };
    expect(refusal(() => dump(broken)).code).toBe('invalid-trace-record');
  });
});
