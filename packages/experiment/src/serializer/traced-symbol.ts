/**
 * What the serializer remembers about each traced class or function (internal): its identity, the
 * original and the wrapper, and how it is invoked. Both the original and the wrapper map to the
 * same record, so either can be named in a payload.
 */
import type { SymbolIdentity } from './symbol-name.js';

/** A class or a function; the things `trace()` wraps. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCallable = (...args: any[]) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClass = new (...args: any[]) => any;

/** Whether a traced symbol is constructed with `new` or called. */
export type SymbolKind = 'class' | 'function';

/** The serializer's record of one traced symbol. */
export interface TracedSymbol extends SymbolIdentity {
  /** `path:<module>:<name>`. */
  readonly qualifiedName: string;
  /** What the user passed to `trace()`. */
  readonly original: object;
  /** What `trace()` returned; re-creating always goes through it so results are traceable again. */
  readonly wrapper: object;
  readonly kind: SymbolKind;
  readonly kwargsFromLastArgument: boolean;
}

const bySymbol = new WeakMap<object, TracedSymbol>();
const wrappers = new WeakSet<object>();

/** Remembers `symbol` under both its original and its wrapper. */
export function rememberTracedSymbol(symbol: TracedSymbol): void {
  bySymbol.set(symbol.original, symbol);
  bySymbol.set(symbol.wrapper, symbol);
  wrappers.add(symbol.wrapper);
}

/** The record of a traced original or wrapper, or `undefined`. */
export function tracedSymbolOf(value: unknown): TracedSymbol | undefined {
  return typeof value === 'function' ? bySymbol.get(value) : undefined;
}

/** True iff `value` is a wrapper that `trace()` returned. */
export function isTraceWrapper(value: unknown): boolean {
  return typeof value === 'function' && wrappers.has(value);
}

/**
 * Guesses whether a function is a class: classes (and built-in constructors such as `Map`) have a
 * read-only `prototype`; ordinary functions have a writable one; arrows and methods have none.
 * ES5-style constructor functions are therefore taken as functions unless traced with `kind: 'class'`.
 */
export function looksLikeClass(fn: object): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(fn, 'prototype');
  return descriptor !== undefined && descriptor.writable === false;
}

/** `class Net`, `function makeNet`, or a short rendering of a non-function (internal). */
export function describeCallable(value: unknown): string {
  if (typeof value === 'function') {
    const label = value.name || '(anonymous)';
    const source = looksLikeClass(value) ? 'class' : 'function';
    return `${source} ${label}`;
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}
