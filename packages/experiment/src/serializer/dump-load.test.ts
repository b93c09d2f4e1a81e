import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { TracedValue } from './trace-record.js';
import { isWrappedWithTrace, trace } from './trace.js';
import { isTraceable } from './traceable.js';
import { codeOf } from './test-support/serialization-errors.js';

const MODULE = '@archspace/test-dump-load';

class Optimizer {
  constructor(
    readonly kind: string,
    readonly lr: number,
  ) {}
}
const TracedOptimizer = trace(Optimizer, { module: MODULE, name: 'Optimizer' });

class Evaluator {
  constructor(
    readonly optimizer: Optimizer,
    readonly options: { epochs?: number; tags?: Set<string> } = {},
  ) {}
}
const TracedEvaluator = trace(Evaluator, { module: MODULE, name: 'Evaluator', kwargsFromLastArgument: true });


describe('the format', () => {
  it('writes plain JSON as itself', () => {
    const value = { a: [1, 'two', null, true, { b: 2.5 }], 'with space': {} };
    expect(dump(value)).toBe(JSON.stringify(value));
    expect(load(dump(value))).toEqual(value);
  });

  it('writes each built-in with its own tag', () => {
    expect(dump(undefined)).toBe('{"__undefined__":true}');
    expect(dump([1, undefined])).toBe('[1,{"__undefined__":true}]');
    expect(dump({ a: undefined })).toBe('{"a":{"__undefined__":true}}');
    expect(dump(NaN)).toBe('{"__number__":"NaN"}');
    expect(dump(Infinity)).toBe('{"__number__":"Infinity"}');
    expect(dump(-Infinity)).toBe('{"__number__":"-Infinity"}');
    expect(dump(-0)).toBe('{"__number__":"-0"}');
    expect(dump(-123n)).toBe('{"__bigint__":"-123"}');
    expect(dump(new Date(Date.UTC(2024, 0, 2)))).toBe('{"__date__":"2024-01-02T00:00:00.000Z"}');
    expect(dump(new Date(NaN))).toBe('{"__date__":null}');
    expect(dump(new Map([['k', 1]]))).toBe('{"__map__":[["k",1]]}');
    expect(dump(new Set([1, 2]))).toBe('{"__set__":[1,2]}');
    expect(dump(new Uint8Array([1, 2, 255]))).toBe('{"__bytes__":"AQL/"}');
    expect(dump(Buffer.from('hi'))).toBe('{"__buffer__":"aGk="}');
  });

  it('loads each built-in back', () => {
    expect(load('{"__undefined__":true}')).toBeUndefined();
    expect(load('{"a":{"__undefined__":true}}')).toEqual({ a: undefined });
    expect('a' in (load('{"a":{"__undefined__":true}}') as object)).toBe(true);
    expect(load('{"__number__":"NaN"}')).toBeNaN();
    expect(Object.is(load('{"__number__":"-0"}'), -0)).toBe(true);
    expect(load('{"__bigint__":"123456789012345678901234567890"}')).toBe(123456789012345678901234567890n);
    expect(load('{"__date__":"2024-01-02T00:00:00.000Z"}')).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(Number.isNaN((load('{"__date__":null}') as Date).getTime())).toBe(true);
    expect(load('{"__map__":[[{"__bigint__":"1"},[1]]]}')).toEqual(new Map([[1n, [1]]]));
    expect(load('{"__set__":[1,2]}')).toEqual(new Set([1, 2]));
    const bytes = load('{"__bytes__":"AQL/"}');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect([...(bytes as Uint8Array)]).toEqual([1, 2, 255]);
    const buffer = load('{"__buffer__":"aGk="}');
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect((buffer as Buffer).toString()).toBe('hi');
  });

  it('writes only the window of a byte view, and holes of sparse arrays as undefined', () => {
    const view = new Uint8Array([9, 1, 2, 9]).subarray(1, 3);
    expect(load(dump(view))).toEqual(new Uint8Array([1, 2]));
    // eslint-disable-next-line no-sparse-arrays
    expect(load(dump([1, , 3]))).toEqual([1, undefined, 3]);
  });

  it('escapes an object whose keys look like tags, and loads it literally', () => {
    const tricky = { __set__: [1], __symbol__: 'path:nowhere:Evil', plain: 1 };
    const text = dump(tricky);
    expect(text).toBe('{"__object__":{"__set__":[1],"__symbol__":"path:nowhere:Evil","plain":1}}');
    expect(load(text)).toEqual(tricky);
    expect(load(dump({ __object__: { __object__: 1 } }))).toEqual({ __object__: { __object__: 1 } });
    // Keys that are not tags are ordinary data.
    expect(dump({ __comment__: 'x' })).toBe('{"__comment__":"x"}');
    expect(load('{"__comment__":"x"}')).toEqual({ __comment__: 'x' });
  });

  it('writes traced objects as symbol and arguments, nested, with empty args and kwargs left out', () => {
    const evaluator = new TracedEvaluator(new TracedOptimizer('adam', 0.01), { epochs: 3, tags: new Set(['a']) });
    const text = dump(evaluator);
    expect(JSON.parse(text)).toEqual({
      __symbol__: `path:${MODULE}:Evaluator`,
      __args__: [{ __symbol__: `path:${MODULE}:Optimizer`, __args__: ['adam', 0.01] }],
      __kwargs__: { epochs: 3, tags: { __set__: ['a'] } },
    });
    const loaded = load(text) as Evaluator & { traceArgs: unknown[] };
    expect(loaded).toBeInstanceOf(Evaluator);
    expect(loaded.optimizer).toBeInstanceOf(Optimizer);
    expect(loaded).toEqual(evaluator);
    expect(isTraceable(loaded.optimizer)).toBe(true);
    expect(dump(loaded)).toBe(text);

    const Empty = trace(class Empty {}, { module: MODULE, name: 'Empty' });
    expect(dump(new Empty())).toBe(`{"__symbol__":"path:${MODULE}:Empty"}`);
    expect(load(dump(new Empty()))).toBeInstanceOf(Empty);
  });

  it('writes a traced class or function itself by name, and loads the traced wrapper', () => {
    expect(dump(TracedOptimizer)).toBe(`{"__archspace_type__":"path:${MODULE}:Optimizer"}`);
    expect(dump(Optimizer)).toBe(dump(TracedOptimizer));
    const Loaded = load(dump({ cls: Optimizer })) as { cls: typeof TracedOptimizer };
    expect(Loaded.cls).toBe(TracedOptimizer);
    expect(isWrappedWithTrace(Loaded.cls)).toBe(true);
    expect(isTraceable(new Loaded.cls('sgd', 1))).toBe(true);
  });

  it('re-creates a traced function result by calling the function again (the reference\'s caveat)', () => {
    let calls = 0;
    const makeSchedule = trace(
      (steps: number) => {
        calls++;
        return { steps, madeOnCall: calls };
      },
      { module: MODULE, name: 'makeSchedule' },
    );
    const schedule = makeSchedule(100);
    const text = dump({ schedule });
    expect(text).toBe(`{"schedule":{"__symbol__":"path:${MODULE}:makeSchedule","__args__":[100]}}`);
    const loaded = load(text) as { schedule: { steps: number; madeOnCall: number; traceArgs: unknown[] } };
    expect(calls).toBe(2);
    expect(loaded.schedule.steps).toBe(100);
    // State the function produced is not stored: the second call made it anew.
    expect(loaded.schedule.madeOnCall).toBe(2);
    expect(loaded.schedule.traceArgs).toEqual([100]);
  });

  it('round-trips a traced function that returns a primitive as a TracedValue', () => {
    const area = trace((w: number, h: number) => w * h, { module: MODULE, name: 'area' });
    const loaded = load(dump(area(2, 5))) as TracedValue<number>;
    expect(loaded).toBeInstanceOf(TracedValue);
    expect(loaded.value).toBe(10);
  });

  it('indents when asked', () => {
    expect(dump({ a: [1] }, { indent: 2 })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(codeOf(() => dump(1, { indent: {} as never }))).toBe('invalid-option');
  });

  it('writes shared references once per use', () => {
    const shared = { n: 1 };
    const loaded = load(dump([shared, shared])) as object[];
    expect(loaded).toEqual([shared, shared]);
    expect(loaded[0]).not.toBe(loaded[1]);
  });
});

describe('load() refuses what dump() could not have written', () => {
  it.each([
    ['{"__set__":1}', 'malformed-tag'],
    ['{"__set__":[1],"x":2}', 'malformed-tag'],
    ['{"__undefined__":false}', 'malformed-tag'],
    ['{"__number__":"nan"}', 'malformed-tag'],
    ['{"__bigint__":"1.5"}', 'malformed-tag'],
    ['{"__bigint__":"0x10"}', 'malformed-tag'],
    ['{"__date__":"not a date"}', 'malformed-tag'],
    ['{"__map__":[[1]]}', 'malformed-tag'],
    ['{"__map__":{}}', 'malformed-tag'],
    ['{"__bytes__":"not base64!"}', 'malformed-tag'],
    ['{"__buffer__":"AQI"}', 'malformed-tag'],
    ['{"__object__":[1]}', 'malformed-tag'],
    ['{"__args__":[1]}', 'malformed-tag'],
    ['{"__kwargs__":{}}', 'malformed-tag'],
    [`{"__symbol__":"path:${MODULE}:Optimizer","__args__":{}}`, 'malformed-tag'],
    [`{"__symbol__":"path:${MODULE}:Evaluator","__kwargs__":[1]}`, 'malformed-tag'],
    ['{"__symbol__":42}', 'malformed-tag'],
    ['{"__archspace_type__":"Optimizer"}', 'malformed-tag'],
    ['{"a":', 'invalid-json'],
    ['', 'invalid-json'],
    ['{"a":1} trailing', 'invalid-json'],
  ])('%s → %s', (text, code) => {
    expect(codeOf(() => load(text))).toBe(code);
  });

  it('names the place of the problem in the document', () => {
    try {
      load('{"runs":[{"ok":1},{"seen":{"__set__":"x"}}]}');
      expect.unreachable();
    } catch (error) {
      expect((error as SerializationError).path).toEqual(['runs', 1, 'seen', '__set__']);
      expect((error as Error).message).toContain('runs[1]/seen/__set__');
    }
  });

  it('refuses a non-string and keeps the JSON syntax error as cause', () => {
    expect(codeOf(() => load(42 as never))).toBe('invalid-json');
    try {
      load('{');
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });
});
