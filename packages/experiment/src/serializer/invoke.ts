/** Re-creating a traced symbol from recorded arguments (internal; used by `get()` and `load()`). */
import type { AnyCallable, AnyClass, TracedSymbol } from './traced-symbol.js';

/**
 * Calls the traced wrapper the way the symbol is used: `new Wrapper(...args, kwargs)` for a class,
 * `wrapper(...args, kwargs)` for a function, with `kwargs` left out when it is empty. Because
 * `trace()` never takes an empty object as kwargs (it stays in `args`), this replays the recorded
 * call exactly.
 */
export function invokeTracedSymbol(
  symbol: TracedSymbol,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): unknown {
  const callArgs = Object.keys(kwargs).length > 0 ? [...args, { ...kwargs }] : [...args];
  return symbol.kind === 'class'
    ? Reflect.construct(symbol.wrapper as AnyClass, callArgs)
    : Reflect.apply(symbol.wrapper as AnyCallable, undefined, callArgs);
}
