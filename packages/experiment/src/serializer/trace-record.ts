import { invokeTracedSymbol } from './invoke.js';
import { SerializationError } from './serialization-error.js';
import type { Traceable } from './traceable.js';
import { describeCallable, tracedSymbolOf, type TracedSymbol } from './traced-symbol.js';

/**
 * A traced symbol with its arguments and nothing else — what `traceCopy()` returns (the reference's
 * `SerializableObject`). It dumps exactly like the object it was copied from, and `get()` makes a
 * new object from it. Build one yourself to change arguments before re-creating.
 *
 * @example
 * ```ts
 * const net = new Net(16, 3);
 * const copy = net.traceCopy();           // no Net methods on it
 * const wider = new TraceRecord(Net, [32, 3]).get(); // a new traced Net
 * ```
 */
export class TraceRecord<T = unknown> implements Traceable {
  readonly traceSymbol: unknown;
  readonly traceArgs: readonly unknown[];
  readonly traceKwargs: Readonly<Record<string, unknown>>;

  /** `symbol` must be a class or function wrapped with `trace()` (the wrapper or the original). */
  constructor(symbol: unknown, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}) {
    const traced = requireTraced(symbol);
    this.traceSymbol = traced.original;
    this.traceArgs = Object.freeze([...args]);
    this.traceKwargs = Object.freeze({ ...kwargs });
  }

  /** Another record with the same symbol and arguments. */
  traceCopy(): TraceRecord<T> {
    return new TraceRecord<T>(this.traceSymbol, this.traceArgs, this.traceKwargs);
  }

  /**
   * Re-creates the object: `new Symbol(...args, kwargs)` or `symbol(...args, kwargs)`, through the
   * traced wrapper, so the result is traceable again.
   */
  get(): T {
    return invokeTracedSymbol(requireTraced(this.traceSymbol), this.traceArgs, this.traceKwargs) as T;
  }
}

/**
 * What a traced function returns when the original returns a primitive, `null` or `undefined`
 * (values that cannot carry a record). The original result is in `value`.
 *
 * @example
 * ```ts
 * const area = trace((w: number, h: number) => w * h, { module: 'geometry', name: 'area' });
 * const a = area(2, 3); // TracedValue { value: 6, traceArgs: [2, 3] }
 * a.value + 1;          // 7
 * ```
 */
export class TracedValue<T = unknown> extends TraceRecord<TracedValue<T>> {
  /** What the function returned. */
  readonly value: T;

  constructor(symbol: unknown, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>, value: T) {
    super(symbol, args, kwargs);
    this.value = value;
  }

  /** The returned value, so that `+traced` and template strings see it. */
  override valueOf(): T {
    return this.value;
  }
}

function requireTraced(symbol: unknown): TracedSymbol {
  const traced = tracedSymbolOf(symbol);
  if (traced === undefined) {
    throw new SerializationError({
      code: 'not-a-class-or-function',
      message: `A TraceRecord needs a class or function wrapped with trace(); received ${describeCallable(symbol)}`,
      received: symbol,
    });
  }
  return traced;
}
