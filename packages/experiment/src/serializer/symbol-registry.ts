import { SerializationError } from './serialization-error.js';
import { describeCallable, tracedSymbolOf, type TracedSymbol } from './traced-symbol.js';

/**
 * The symbols `load()` may re-create, by `path:<module>:<name>`. `trace()` adds every symbol it
 * wraps to {@link defaultRegistry} (or to the registry it is given); a `load()` that is passed its
 * own registry re-creates only what that registry holds — an allow-list for untrusted payloads.
 *
 * @example
 * ```ts
 * const Net = trace(NetImpl, { module: 'my-models', name: 'Net' });
 * const onlyNets = new SymbolRegistry([Net]);
 * load(text, { registry: onlyNets }); // refuses every other symbol, even traced ones
 * ```
 */
export class SymbolRegistry {
  /** A registry holding the given traced classes or functions (wrappers or originals). */
  constructor(symbols: Iterable<unknown> = []) {
    tables.set(this, new Map());
    for (const symbol of symbols) this.add(symbol);
  }

  /**
   * Adds a class or function already wrapped with `trace()`; returns this registry.
   *
   * @example
   * ```ts
   * new SymbolRegistry().add(Net).add(makeOptimizer);
   * ```
   */
  add(symbol: unknown): this {
    const traced = tracedSymbolOf(symbol);
    if (traced === undefined) {
      throw new SerializationError({
        code: 'not-a-class-or-function',
        message: `Only classes and functions wrapped with trace() can be registered; received ${describeCallable(symbol)}. Call trace(symbol, { module, name }) first`,
        received: symbol,
      });
    }
    registerTracedSymbol(this, traced);
    return this;
  }

  /** True iff a symbol of that `path:<module>:<name>` is registered. */
  has(qualifiedName: string): boolean {
    return table(this).has(qualifiedName);
  }

  /**
   * The traced wrapper registered under `path:<module>:<name>`, or `undefined`.
   *
   * @example
   * ```ts
   * const Net = defaultRegistry.resolve('path:my-models:Net');
   * ```
   */
  resolve(qualifiedName: string): unknown {
    return table(this).get(qualifiedName)?.wrapper;
  }

  /** Every registered `path:<module>:<name>`, sorted. */
  names(): string[] {
    return [...table(this).keys()].sort();
  }
}

// Kept outside the class so that the records never show on the public API.
const tables = new WeakMap<SymbolRegistry, Map<string, TracedSymbol>>();

function table(registry: SymbolRegistry): Map<string, TracedSymbol> {
  const found = tables.get(registry);
  if (found === undefined) throw new TypeError('not a SymbolRegistry');
  return found;
}

/** The record registered under `qualifiedName`, or `undefined` (internal). */
export function lookupTracedSymbol(registry: SymbolRegistry, qualifiedName: string): TracedSymbol | undefined {
  return table(registry).get(qualifiedName);
}

/** Throws `duplicate-symbol` if another symbol holds `qualifiedName` in `registry` (internal). */
export function assertNameAvailable(registry: SymbolRegistry, qualifiedName: string, original: object): void {
  const existing = table(registry).get(qualifiedName);
  if (existing !== undefined && existing.original !== original) {
    throw new SerializationError({
      code: 'duplicate-symbol',
      message: `"${qualifiedName}" is already registered for ${describeCallable(existing.original)}; give ${describeCallable(original)} another module or name, or trace it into a separate registry`,
      received: qualifiedName,
    });
  }
}

/** Adds a traced symbol's record to `registry`, refusing a name taken by another symbol (internal). */
export function registerTracedSymbol(registry: SymbolRegistry, symbol: TracedSymbol): void {
  assertNameAvailable(registry, symbol.qualifiedName, symbol.original);
  table(registry).set(symbol.qualifiedName, symbol);
}

/** The registry `trace()` adds to and `load()` reads from unless told otherwise. */
export const defaultRegistry: SymbolRegistry = new SymbolRegistry();
