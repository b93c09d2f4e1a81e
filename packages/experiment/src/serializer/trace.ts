import { SerializationError } from './serialization-error.js';
import { formatSymbolName, validateIdentity, type SymbolIdentity } from './symbol-name.js';
import { SymbolRegistry, assertNameAvailable, defaultRegistry, registerTracedSymbol } from './symbol-registry.js';
import { invokeTracedSymbol } from './invoke.js';
import { isPlainArray, isPlainObject } from './plain-data.js';
import { TraceRecord, TracedValue } from './trace-record.js';
import { isTraceable, type Traceable } from './traceable.js';
import {
  describeCallable,
  isTraceWrapper,
  looksLikeClass,
  rememberTracedSymbol,
  tracedSymbolOf,
  type AnyCallable,
  type AnyClass,
  type SymbolKind,
  type TracedSymbol,
} from './traced-symbol.js';

/** How `trace()` names and calls a symbol. */
export interface TraceOptions extends SymbolIdentity {
  /**
   * Record a trailing non-empty plain-object argument as `traceKwargs` instead of the last of
   * `traceArgs` (TypeScript's idiom for keyword arguments is an options object). An empty `{}`
   * stays in `traceArgs`, so that re-creating replays exactly the recorded call. Default `false`.
   */
  readonly kwargsFromLastArgument?: boolean;
  /**
   * `'class'` (made with `new`) or `'function'` (called). By default classes and built-in
   * constructors are recognised by their read-only `prototype`; pass `'class'` for an ES5-style
   * constructor function.
   */
  readonly kind?: SymbolKind;
  /** Where to register the symbol for `load()`; default {@link defaultRegistry}. */
  readonly registry?: SymbolRegistry;
}

/**
 * An instance (or function result) made through a traced wrapper: the object itself plus the
 * {@link Traceable} record, and `get()` to re-create it unless the object already has a `get`
 * member (a traced `Map`, say) — then use `traceCopy().get()`.
 */
export type TracedInstance<T> = T & Traceable & (T extends { get: unknown } ? unknown : { get(): TracedInstance<T> });

/** What a traced function returns: the result with its record, or a {@link TracedValue} for primitives. */
export type TracedResult<R> = R extends object ? TracedInstance<R> : TracedValue<R>;

/**
 * The wrapper `trace()` returns for a class: same statics and prototype, traceable instances.
 * (Instances of an untraced subclass are typed the same but carry no record; see {@link trace}.)
 */
export type TracedClass<C extends AnyClass> = { new (...args: ConstructorParameters<C>): TracedInstance<InstanceType<C>> } & Pick<C, keyof C>;

/** The wrapper `trace()` returns for a function: same behaviour and properties, traceable results. */
export type TracedFunction<F extends AnyCallable> = { (...args: Parameters<F>): TracedResult<ReturnType<F>> } & Pick<F, keyof F>;

/**
 * Wraps a class or function so that every instance (or result) remembers the symbol and the
 * arguments it was made from, and registers the symbol as `path:<module>:<name>` so that `load()`
 * may re-create it. Already-traced symbols are returned as they are.
 *
 * @remarks
 * The wrapper passes shallow copies of array and plain-object arguments to the original, so the
 * original cannot change what was recorded. A subclass of a traced class is not traced unless it is
 * wrapped itself (its instances are typed as traceable but carry no record). A traced function is
 * re-created without a `this`.
 *
 * @example
 * ```ts
 * const Net = trace(NetImpl, { module: 'my-models', name: 'Net' });
 * const net = new Net(16, { depth: 3 });
 * net.traceArgs;            // [16, { depth: 3 }]
 * const twin = net.get();   // new Net(16, { depth: 3 })
 * dump(net);                // '{"__symbol__":"path:my-models:Net","__args__":[16,{"depth":3}]}'
 * ```
 */
export function trace<C extends AnyClass>(target: C, options: TraceOptions): TracedClass<C>;
export function trace<F extends AnyCallable>(target: F, options: TraceOptions): TracedFunction<F>;
export function trace(target: unknown, options: TraceOptions): unknown {
  if (typeof target !== 'function') {
    throw new SerializationError({
      code: 'not-a-class-or-function',
      message: `trace() wraps a class or a function; received ${describeCallable(target)}`,
      received: target,
    });
  }
  if (options === null || typeof options !== 'object') {
    throw new SerializationError({
      code: 'invalid-option',
      message: `trace(${describeCallable(target)}, options) needs options naming where it lives, e.g. { module: 'my-models', name: '${target.name || 'Net'}' }`,
      received: options,
    });
  }
  validateIdentity(options);
  if (options.kind !== undefined && options.kind !== 'class' && options.kind !== 'function') {
    throw new SerializationError({ code: 'invalid-option', path: ['kind'], expected: '"class" or "function"', received: options.kind });
  }
  const registry = options.registry ?? defaultRegistry;
  if (!(registry instanceof SymbolRegistry)) {
    throw new SerializationError({ code: 'invalid-option', path: ['registry'], expected: 'a SymbolRegistry', received: registry });
  }
  const qualifiedName = formatSymbolName(options);
  const kwargsFromLastArgument = options.kwargsFromLastArgument === true;

  const existing = tracedSymbolOf(target);
  if (existing !== undefined) {
    const same =
      existing.qualifiedName === qualifiedName &&
      existing.kwargsFromLastArgument === kwargsFromLastArgument &&
      (options.kind === undefined || options.kind === existing.kind);
    if (!same) {
      throw new SerializationError({
        code: 'already-traced',
        message: `${describeCallable(existing.original)} is already traced as "${existing.qualifiedName}" (kind ${existing.kind}, kwargsFromLastArgument ${existing.kwargsFromLastArgument}); it cannot be traced again with different options`,
        received: qualifiedName,
      });
    }
    registerTracedSymbol(registry, existing);
    return existing.wrapper;
  }

  assertNameAvailable(registry, qualifiedName, target);
  const kind: SymbolKind = options.kind ?? (looksLikeClass(target) ? 'class' : 'function');
  const original = target as AnyClass & AnyCallable;
  const wrapper: AnyClass & AnyCallable = new Proxy(original, {
    construct(inner, args, newTarget) {
      // A subclass calling super(): the subclass is not traced (the reference without `inheritable`).
      if (newTarget !== wrapper) return Reflect.construct(inner, args, newTarget) as object;
      if (kind !== 'class') throw wrongInvocation(symbol, 'new');
      const recorded = recordArguments(args, symbol);
      const instance = Reflect.construct(inner, recorded.callArgs, newTarget) as object;
      attachRecord(instance, symbol, recorded);
      return instance;
    },
    apply(inner, thisArg, args) {
      if (kind !== 'function') throw wrongInvocation(symbol, 'call');
      const recorded = recordArguments(args, symbol);
      const result: unknown = Reflect.apply(inner, thisArg, recorded.callArgs);
      if ((typeof result === 'object' && result !== null) || typeof result === 'function') {
        attachRecord(result, symbol, recorded);
        return result;
      }
      return new TracedValue(symbol.original, recorded.args, recorded.kwargs, result);
    },
  });
  const symbol: TracedSymbol = {
    module: options.module,
    name: options.name,
    qualifiedName,
    original,
    wrapper,
    kind,
    kwargsFromLastArgument,
  };
  rememberTracedSymbol(symbol);
  registerTracedSymbol(registry, symbol);
  return wrapper;
}

/**
 * True iff `value` is a wrapper returned by `trace()` (not the original it wraps, nor an instance).
 *
 * @example
 * ```ts
 * isWrappedWithTrace(Net);     // true
 * isWrappedWithTrace(NetImpl); // false
 * ```
 */
export function isWrappedWithTrace(value: unknown): boolean {
  return isTraceWrapper(value);
}

interface RecordedArguments {
  readonly args: readonly unknown[];
  readonly kwargs: Readonly<Record<string, unknown>>;
  /** What the original receives: shallow copies of arrays and plain objects. */
  readonly callArgs: unknown[];
}

function recordArguments(given: readonly unknown[], symbol: TracedSymbol): RecordedArguments {
  const args = [...given];
  const last = args[args.length - 1];
  let kwargs: Record<string, unknown> | undefined;
  if (symbol.kwargsFromLastArgument && isPlainObject(last) && Object.keys(last).length > 0 && !isTraceable(last)) {
    args.pop();
    kwargs = { ...last };
  }
  const callArgs = args.map(shallowCopy);
  if (kwargs !== undefined) callArgs.push({ ...kwargs });
  return { args: Object.freeze(args), kwargs: Object.freeze(kwargs ?? {}), callArgs };
}

function shallowCopy(value: unknown): unknown {
  if (isPlainArray(value)) return value.slice();
  if (isPlainObject(value)) return Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value);
  return value;
}

// The `get` functions this module attached, so that re-tracing an object replaces its own `get`
// but never an unrelated `get` method of the object's class.
const attachedGets = new WeakMap<object, unknown>();

function attachRecord(target: object, symbol: TracedSymbol, recorded: RecordedArguments): void {
  if (!Object.isExtensible(target)) {
    throw new SerializationError({
      code: 'not-extensible',
      message: `${describeCallable(symbol.original)} produced a frozen or sealed object, so trace() cannot attach its record; freeze it after construction, or trace a function that returns an extensible object`,
    });
  }
  const { args, kwargs } = recorded;
  const hidden = (value: unknown): PropertyDescriptor => ({ value, enumerable: false, writable: false, configurable: true });
  Object.defineProperty(target, 'traceSymbol', hidden(symbol.original));
  Object.defineProperty(target, 'traceArgs', hidden(args));
  Object.defineProperty(target, 'traceKwargs', hidden(kwargs));
  Object.defineProperty(target, 'traceCopy', hidden(() => new TraceRecord(symbol.original, args, kwargs)));
  const ownGet = Object.getOwnPropertyDescriptor(target, 'get');
  const ours = ownGet !== undefined && attachedGets.get(target) === ownGet.value;
  if (ours || !('get' in target)) {
    const get = (): unknown => invokeTracedSymbol(symbol, args, kwargs);
    Object.defineProperty(target, 'get', hidden(get));
    attachedGets.set(target, get);
  }
}

function wrongInvocation(symbol: TracedSymbol, how: 'new' | 'call'): SerializationError {
  return new SerializationError({
    code: 'wrong-invocation',
    message:
      how === 'new'
        ? `"${symbol.qualifiedName}" was traced as a function, so it cannot be used with new; if it is a constructor, trace it with { kind: 'class' }`
        : `"${symbol.qualifiedName}" was traced as a class; construct it with new (or trace it with { kind: 'function' } if it is meant to be called)`,
  });
}
