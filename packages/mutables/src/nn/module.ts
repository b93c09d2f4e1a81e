/**
 * Modules: the building blocks of model spaces, in the shape PyTorch users know. A module keeps its
 * sub-modules and its mutable arguments in ordinary public fields, and says in `forward` how tensors
 * flow. Modules are immutable once built, which makes freezing cheap: `freeze(sample)` copies only
 * the modules that contain decisions and shares everything else.
 */
import { isDeepStrictEqual } from 'node:util';
import { needsResolution, type SpaceNode } from '../decision.js';
import { isMutable, Mutable, type ValueOf } from '../mutable.js';
import { activeRecorder } from './recorder.js';

/** A member of a module: a sub-module or a mutable argument, with its dotted path. */
export type ModuleMember = readonly [path: string, value: Mutable];

const MEMBERS = new WeakMap<Module, readonly ModuleMember[]>();
const CHILDREN = new WeakMap<Module, readonly SpaceNode[]>();
const FIELDS_WITH_DECISIONS = new WeakMap<Module, readonly string[]>();
const HIDDEN = new WeakMap<Module, PropertyDescriptorMap | null>();

/** Whether `value` is plain data: an object literal or a record without prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function collectMembers(value: unknown, path: string, out: ModuleMember[]): void {
  if (isMutable(value)) out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, i) => collectMembers(item, `${path}.${i}`, out));
  else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) collectMembers(item, `${path}.${key}`, out);
}

/** The mutables inside `value` in {@link collectMembers}' order, without their paths (a space walk needs no paths). */
function collectChildren(value: unknown, out: Mutable[]): void {
  if (isMutable(value)) out.push(value);
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) collectChildren(value[i], out);
  else if (isPlainObject(value)) for (const key of Object.keys(value)) collectChildren(value[key], out);
}

/** Whether `value` (a mutable, or an array or plain object holding some) has a decision inside. */
function holdsDecisions(value: unknown): boolean {
  if (isMutable(value)) return needsResolution(value);
  if (Array.isArray(value)) return value.some(holdsDecisions);
  if (isPlainObject(value)) return Object.values(value).some(holdsDecisions);
  return false;
}

/** The own fields of `module` that hold decisions (cached; modules are immutable). */
function fieldsWithDecisions(module: Module): readonly string[] {
  let keys = FIELDS_WITH_DECISIONS.get(module);
  if (keys === undefined) {
    keys = Object.keys(module).filter((key) => holdsDecisions((module as unknown as Record<string, unknown>)[key]));
    FIELDS_WITH_DECISIONS.set(module, keys);
  }
  return keys;
}

/** The non-enumerable own properties of `module` (which a frozen copy keeps as they are), or `null`. */
function hiddenProperties(module: Module): PropertyDescriptorMap | null {
  let hidden = HIDDEN.get(module);
  if (hidden === undefined) {
    const entries = Object.getOwnPropertyNames(module)
      .map((key) => [key, Object.getOwnPropertyDescriptor(module, key)!] as const)
      .filter(([, descriptor]) => !descriptor.enumerable);
    hidden = entries.length === 0 ? null : Object.fromEntries(entries);
    HIDDEN.set(module, hidden);
  }
  return hidden;
}

/** Replaces every mutable inside `value` (arrays and plain objects included) by its frozen value. */
export function materializeValue(value: unknown, valueOf: ValueOf): unknown {
  if (isMutable(value)) return value.materialize(valueOf);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const frozen = materializeValue(item, valueOf);
      if (frozen !== item) changed = true;
      return frozen;
    });
    return changed ? out : value;
  }
  if (isPlainObject(value)) {
    if (!holdsDecisions(value)) return value;
    // fromEntries defines own keys, so a key named "__proto__" stays a key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, materializeValue(item, valueOf)]));
  }
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isMutable(a)) return a.equals(b);
  if (isMutable(b)) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return isDeepStrictEqual(keys, Object.keys(b)) && keys.every((k) => sameValue(a[k], b[k]));
  }
  if (typeof a === 'function') return a === b;
  return isDeepStrictEqual(a, b);
}

/**
 * Base class of every module. Subclasses hold sub-modules and mutable arguments in public fields
 * (arrays and plain objects of them are searched too) and implement `forward`.
 *
 * Frozen copies are made with `Object.create` and a copy of the own fields, so modules must not
 * rely on `#private` fields or methods (use TypeScript's `private` instead).
 *
 * @example
 * ```ts
 * class Block extends Module {
 *   conv = new nn.Conv2d(16, new ValueChoice([16, 32], { label: 'width' }), 3, { padding: 1 });
 *   act = new nn.ReLU();
 *   forward(x: Tensor) { return this.act.call(this.conv.call(x)); }
 * }
 * ```
 */
export abstract class Module extends Mutable<Module> {
  /** How tensors flow through this module; run it with {@link Module.call}, never directly. */
  abstract forward(...inputs: any[]): any;

  /** Runs `forward` while a trace records it, naming the recorded nodes by this module's path. */
  call(...inputs: any[]): any {
    const recorder = activeRecorder(`${this.constructor.name}.forward`);
    const path = recorder.pathOf(this) ?? `${recorder.modulePath ? `${recorder.modulePath}.` : ''}${this.constructor.name}`;
    return recorder.withModulePath(path, () => this.forward(...inputs));
  }

  /** Sub-modules and mutable arguments with their dotted paths relative to this module. */
  namedMembers(): readonly ModuleMember[] {
    let members = MEMBERS.get(this);
    if (members === undefined) {
      const out: ModuleMember[] = [];
      for (const [key, value] of Object.entries(this)) collectMembers(value, key, out);
      members = Object.freeze(out);
      MEMBERS.set(this, members);
    }
    return members;
  }

  /** Every module in this tree with its path (`""` for this one), depth first. */
  *namedModules(prefix = ''): Generator<[string, Module]> {
    yield [prefix, this];
    for (const [path, member] of this.namedMembers()) {
      if (member instanceof Module) yield* member.namedModules(prefix ? `${prefix}.${path}` : path);
    }
  }

  /** @inheritdoc Sub-modules and mutable arguments. */
  children(): readonly SpaceNode[] {
    let children = CHILDREN.get(this);
    if (children === undefined) {
      const out: Mutable[] = [];
      const fields = this as unknown as Record<string, unknown>;
      for (const key of Object.keys(this)) collectChildren(fields[key], out);
      children = Object.freeze(out);
      CHILDREN.set(this, children);
    }
    return children;
  }

  /** Whether any decision remains in this tree (then it is a space, not a concrete model). */
  get hasDecisions(): boolean {
    return needsResolution(this);
  }

  /** @inheritdoc A copy with every decision replaced by its value; unchanged sub-trees are shared. */
  materialize(valueOf: ValueOf): Module {
    if (!needsResolution(this)) return this;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this)) as object, this) as Record<string, unknown>;
    for (const key of fieldsWithDecisions(this)) copy[key] = materializeValue((this as unknown as Record<string, unknown>)[key], valueOf);
    const hidden = hiddenProperties(this);
    if (hidden !== null) Object.defineProperties(copy, hidden);
    return copy as unknown as Module;
  }

  /** @inheritdoc Same class and structurally equal fields. */
  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof Module) || Object.getPrototypeOf(other) !== Object.getPrototypeOf(this)) return false;
    const mine = Object.entries(this);
    const theirs = Object.entries(other);
    return mine.length === theirs.length && mine.every(([key, value], i) => theirs[i]![0] === key && sameValue(value, theirs[i]![1]));
  }

  /** The class name, for messages. */
  describe(): string {
    return `${this.constructor.name}()`;
  }
}
