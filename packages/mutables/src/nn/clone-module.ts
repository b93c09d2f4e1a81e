/**
 * Structural copies of modules. Repeat and Cell copy a block once per position, as the reference
 * deep-copies it: the copies are distinct modules (so they get distinct paths and nodes) but share
 * their mutables, hence their labels and decisions.
 */
import { isMutable } from '../mutable.js';
import { isPlainObject, Module } from './module.js';

function cloneValue(value: unknown): unknown {
  if (value instanceof Module) return cloneModule(value);
  if (isMutable(value)) return value;
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneValue(v)]));
  }
  return value;
}

/** A copy of `module` whose sub-modules are copies too; mutables and other values are shared. */
export function cloneModule<M extends Module>(module: M): M {
  const copy = Object.create(Object.getPrototypeOf(module)) as M;
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(module))) {
    if (descriptor.enumerable && 'value' in descriptor) descriptor.value = cloneValue(descriptor.value);
    Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}
