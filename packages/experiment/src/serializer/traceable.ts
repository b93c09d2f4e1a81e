import type { TraceRecord } from './trace-record.js';

/**
 * An object that knows how it was made: the traced class or function, and the arguments it was
 * given. Instances of traced classes, results of traced functions and {@link TraceRecord}s are
 * traceable; `dump()` writes them as `{"__symbol__", "__args__", "__kwargs__"}`.
 *
 * @example
 * ```ts
 * const Net = trace(NetImpl, { module: 'my-models', name: 'Net' });
 * const net: Traceable = new Net(16, 3);
 * net.traceSymbol === NetImpl; // true
 * net.traceArgs;               // [16, 3]
 * ```
 */
export interface Traceable {
  /** The original class or function (not the wrapper `trace()` returned). */
  readonly traceSymbol: unknown;
  /** The positional arguments, as the caller passed them. */
  readonly traceArgs: readonly unknown[];
  /**
   * The trailing options object, when the symbol was traced with `kwargsFromLastArgument` and the
   * call ended with a non-empty plain object; otherwise `{}`.
   */
  readonly traceKwargs: Readonly<Record<string, unknown>>;
  /** A plain record of symbol and arguments, without the object's own methods. */
  traceCopy(): TraceRecord;
}

/**
 * True iff `value` exposes `traceSymbol`, `traceArgs`, `traceKwargs` and `traceCopy()` — the
 * reference's `is_traceable`: it checks the interface, not how the object was made.
 *
 * @example
 * ```ts
 * isTraceable(new Net(16, 3)); // true
 * isTraceable(new NetImpl(16, 3)); // false: made without the traced wrapper
 * isTraceable(Net);            // false: a traced class itself is not an instance
 * ```
 */
export function isTraceable(value: unknown): value is Traceable {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const candidate = value as Partial<Record<keyof Traceable, unknown>>;
  return (
    'traceSymbol' in candidate &&
    'traceArgs' in candidate &&
    'traceKwargs' in candidate &&
    typeof candidate.traceCopy === 'function'
  );
}
