import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { SerializationError } from './serialization-error.js';
import { TraceRecord, TracedValue } from './trace-record.js';
import { isWrappedWithTrace, trace } from './trace.js';
import { isTraceable } from './traceable.js';
import { codeOf } from './test-support/serialization-errors.js';

const MODULE = 'test/trace';

class Point {
  static origin(): Point {
    return new Point(0, 0);
  }
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
const TracedPoint = trace(Point, { module: MODULE, name: 'Point' });


describe('trace() on a class', () => {
  it('makes instances that record the original symbol and the arguments and behave as before', () => {
    const p = new TracedPoint(3, 4);
    expect(p.traceSymbol).toBe(Point);
    expect(p.traceArgs).toEqual([3, 4]);
    expect(p.traceKwargs).toEqual({});
    expect(p.norm()).toBe(5);
    expect(p).toBeInstanceOf(Point);
    expect(p).toBeInstanceOf(TracedPoint);
    expect(TracedPoint.name).toBe('Point');
    expect(TracedPoint.origin()).toEqual(new Point(0, 0));
    // The record does not show up as data.
    expect(Object.keys(p)).toEqual(['x', 'y']);
  });

  it('get() re-instantiates an equal, distinct, traceable object', () => {
    const p = new TracedPoint(1, 2);
    const again = p.get();
    expect(again).not.toBe(p);
    expect(again).toEqual(p);
    expect(again).toBeInstanceOf(Point);
    expect(again.traceArgs).toEqual([1, 2]);
    expect(dump(again)).toBe(dump(p));
  });

  it('traceCopy() is a plain record: symbol and arguments, none of the methods; it dumps like the original', () => {
    const p = new TracedPoint(6, 8);
    const copy = p.traceCopy();
    expect(copy).toBeInstanceOf(TraceRecord);
    expect((copy as unknown as { norm?: unknown }).norm).toBeUndefined();
    expect(copy.traceSymbol).toBe(Point);
    expect(copy.traceArgs).toEqual([6, 8]);
    expect(isTraceable(copy)).toBe(true);
    expect(dump(copy)).toBe(dump(p));
    const made = copy.get() as Point;
    expect(made).toBeInstanceOf(Point);
    expect(made.norm()).toBe(10);
  });

  it('a TraceRecord built by hand re-creates with changed arguments', () => {
    const wider = new TraceRecord<Point>(TracedPoint, [30, 40]).get();
    expect(wider.norm()).toBe(50);
    expect(isTraceable(wider)).toBe(true);
    expect(codeOf(() => new TraceRecord(Point.origin, []))).toBe('not-a-class-or-function');
  });

  it('returns an already-traced symbol as it is, and the same wrapper when the original is traced again', () => {
    expect(trace(TracedPoint, { module: MODULE, name: 'Point' })).toBe(TracedPoint);
    expect(trace(Point, { module: MODULE, name: 'Point' })).toBe(TracedPoint);
  });

  it('refuses a second identity for a symbol and a second symbol for a name', () => {
    expect(codeOf(() => trace(Point, { module: MODULE, name: 'Point2' }))).toBe('already-traced');
    expect(codeOf(() => trace(TracedPoint, { module: MODULE, name: 'Point', kwargsFromLastArgument: true }))).toBe('already-traced');
    class Other {}
    expect(codeOf(() => trace(Other, { module: MODULE, name: 'Point' }))).toBe('duplicate-symbol');
    // The failed attempt left nothing behind: Other can still be traced under its own name.
    expect(isWrappedWithTrace(trace(Other, { module: MODULE, name: 'Other' }))).toBe(true);
  });

  it('refuses what is neither a class nor a function, and bad names, with a clear error', () => {
    for (const bad of [42, 'Point', null, undefined, {}, [], Symbol('x')]) {
      expect(codeOf(() => trace(bad as never, { module: MODULE, name: 'Bad' }))).toBe('not-a-class-or-function');
    }
    try {
      trace({ not: 'a class' } as never, { module: MODULE, name: 'Bad' });
    } catch (error) {
      expect((error as Error).message).toMatch(/trace\(\) wraps a class or a function/);
    }
    class Fine {}
    expect(codeOf(() => trace(Fine, undefined as never))).toBe('invalid-option');
    expect(codeOf(() => trace(Fine, { module: '', name: 'Fine' }))).toBe('invalid-symbol-name');
    expect(codeOf(() => trace(Fine, { module: 'has space', name: 'Fine' }))).toBe('invalid-symbol-name');
    expect(codeOf(() => trace(Fine, { module: MODULE, name: 'a:b' }))).toBe('invalid-symbol-name');
    expect(codeOf(() => trace(Fine, { module: MODULE, name: '1abc' }))).toBe('invalid-symbol-name');
    expect(codeOf(() => trace(Fine, { module: MODULE, name: 'Fine', kind: 'method' as never }))).toBe('invalid-option');
    // Module paths may hold colons and slashes; nested export names may hold dots.
    expect(isWrappedWithTrace(trace(Fine, { module: 'node:some/deep/path.js', name: 'nn.Fine' }))).toBe(true);
  });

  it('isWrappedWithTrace is true for wrappers only; isTraceable for instances and records only', () => {
    expect(isWrappedWithTrace(TracedPoint)).toBe(true);
    expect(isWrappedWithTrace(Point)).toBe(false);
    expect(isWrappedWithTrace(new TracedPoint(1, 1))).toBe(false);
    expect(isWrappedWithTrace(() => 1)).toBe(false);
    expect(isTraceable(new TracedPoint(1, 1))).toBe(true);
    expect(isTraceable(new Point(1, 1))).toBe(false);
    expect(isTraceable(TracedPoint)).toBe(false);
    expect(isTraceable({ x: 1 })).toBe(false);
    expect(isTraceable(null)).toBe(false);
    expect(isTraceable(7)).toBe(false);
  });

  it('an untraced subclass of a traced class makes untraced instances; a traced subclass records its own arguments', () => {
    class Point3 extends TracedPoint {
      constructor(
        x: number,
        y: number,
        readonly z: number,
      ) {
        super(x, y);
      }
    }
    const plain = new Point3(1, 2, 3);
    expect(plain).toBeInstanceOf(Point);
    expect(isTraceable(plain)).toBe(false);
    const Traced3 = trace(Point3, { module: MODULE, name: 'Point3' });
    const p = new Traced3(1, 2, 3);
    expect(p.traceSymbol).toBe(Point3);
    expect(p.traceArgs).toEqual([1, 2, 3]);
    expect(p.get()).toEqual(p);
  });

  it('passes shallow copies of arrays and plain objects, so the constructor cannot change the record', () => {
    class Greedy {
      constructor(
        readonly items: number[],
        readonly options: { size?: number },
      ) {
        items.push(99);
        options.size ??= 10;
      }
    }
    const TracedGreedy = trace(Greedy, { module: MODULE, name: 'Greedy' });
    const items = [1];
    const g = new TracedGreedy(items, {});
    expect(g.items).toEqual([1, 99]);
    expect(items).toEqual([1]);
    expect(g.traceArgs).toEqual([[1], {}]);
    expect(g.get().items).toEqual([1, 99]);
  });

  it('refuses to call a traced class without new', () => {
    const call = TracedPoint as unknown as (x: number, y: number) => unknown;
    expect(codeOf(() => call(1, 2))).toBe('wrong-invocation');
  });
});

describe('kwargsFromLastArgument', () => {
  class Layer {
    constructor(
      readonly width: number,
      readonly options: { activation?: string; bias?: boolean } = {},
    ) {}
  }
  const TracedLayer = trace(Layer, { module: MODULE, name: 'Layer', kwargsFromLastArgument: true });

  it('records a trailing plain object as traceKwargs and passes it back on get()', () => {
    const layer = new TracedLayer(8, { activation: 'relu' });
    expect(layer.traceArgs).toEqual([8]);
    expect(layer.traceKwargs).toEqual({ activation: 'relu' });
    expect(layer.get()).toEqual(layer);
    expect(dump(layer)).toBe('{"__symbol__":"path:test/trace:Layer","__args__":[8],"__kwargs__":{"activation":"relu"}}');
  });

  it('keeps an empty options object positional, so that get() replays exactly the recorded call', () => {
    const layer = new TracedLayer(8, {});
    expect(layer.traceArgs).toEqual([8, {}]);
    expect(layer.traceKwargs).toEqual({});
    expect(layer.get().traceArgs).toEqual([8, {}]);
    class Box {
      constructor(
        readonly content: unknown,
        readonly options: object = {},
      ) {}
    }
    const TracedBox = trace(Box, { module: MODULE, name: 'Box', kwargsFromLastArgument: true });
    // A lone plain object: recorded as kwargs when non-empty, positional when empty; either way
    // re-creation passes it in the same place.
    expect(new TracedBox({ a: 1 }).get()).toEqual(new Box({ a: 1 }));
    expect(new TracedBox({}).get()).toEqual(new Box({}));
    expect(new TracedBox({}).get().content).toEqual({});
  });

  it('leaves traceKwargs empty when the last argument is not a plain object', () => {
    const layer = new TracedLayer(8);
    expect(layer.traceArgs).toEqual([8]);
    expect(layer.traceKwargs).toEqual({});
    expect(dump(layer)).toBe('{"__symbol__":"path:test/trace:Layer","__args__":[8]}');
    const nested = new TracedLayer(8, new TracedPoint(1, 2) as never);
    expect(nested.traceArgs).toHaveLength(2);
    expect(nested.traceKwargs).toEqual({});
  });

  it('without the option, a trailing object stays positional and traceKwargs is {}', () => {
    class Conv {
      constructor(
        readonly width: number,
        readonly options: object,
      ) {}
    }
    const TracedConv = trace(Conv, { module: MODULE, name: 'Conv' });
    const conv = new TracedConv(3, { stride: 2 });
    expect(conv.traceArgs).toEqual([3, { stride: 2 }]);
    expect(conv.traceKwargs).toEqual({});
  });
});

describe('trace() on a function', () => {
  it('attaches the record to an object result; get() calls the function again', () => {
    let calls = 0;
    const makeConfig = trace(
      (lr: number, layers: number) => {
        calls++;
        return { lr, layers, call: calls };
      },
      { module: MODULE, name: 'makeConfig' },
    );
    const config = makeConfig(0.1, 3);
    expect(config).toEqual({ lr: 0.1, layers: 3, call: 1 });
    expect(config.traceArgs).toEqual([0.1, 3]);
    expect(isTraceable(config)).toBe(true);
    const again = config.get();
    expect(calls).toBe(2);
    expect(again).toEqual({ lr: 0.1, layers: 3, call: 2 });
  });

  it('wraps a primitive, null or undefined result in a TracedValue', () => {
    const area = trace((w: number, h: number) => w * h, { module: MODULE, name: 'area' });
    const a = area(2, 3);
    expect(a).toBeInstanceOf(TracedValue);
    expect(a.value).toBe(6);
    expect(+a + 1).toBe(7);
    expect(a.traceArgs).toEqual([2, 3]);
    expect(a.get().value).toBe(6);
    const nothing = trace((): void => {}, { module: MODULE, name: 'nothing' });
    expect(nothing().value).toBeUndefined();
    expect(isTraceable(nothing())).toBe(true);
  });

  it('refuses new on a traced function, and constructs an ES5 constructor traced with kind "class"', () => {
    function Legacy(this: { v: number }, v: number) {
      this.v = v;
    }
    const AsFunction = trace(Legacy, { module: MODULE, name: 'LegacyAsFunction' });
    expect(codeOf(() => new (AsFunction as unknown as new (v: number) => object)(1))).toBe('wrong-invocation');
    const Other = function Legacy2(this: { v: number }, v: number) {
      this.v = v;
    };
    const AsClass = trace(Other as unknown as new (v: number) => { v: number }, { module: MODULE, name: 'Legacy', kind: 'class' });
    const made = new AsClass(5);
    expect(made.v).toBe(5);
    expect(made.get().v).toBe(5);
  });

  it('refuses a frozen result, whose record cannot be attached', () => {
    const frozen = trace(() => Object.freeze({ a: 1 }), { module: MODULE, name: 'frozen' });
    expect(codeOf(() => frozen())).toBe('not-extensible');
  });
});

describe('trace() on a class that has its own get', () => {
  it('keeps the class get; traceCopy().get() re-creates', () => {
    const TracedMap = trace(Map, { module: MODULE, name: 'Map' });
    const m = new TracedMap([['a', 1]]);
    expect(m.get('a')).toBe(1);
    const again = m.traceCopy().get() as Map<string, number>;
    expect(again).toBeInstanceOf(Map);
    expect(again.get('a')).toBe(1);
    expect(again).not.toBe(m);
  });
});
