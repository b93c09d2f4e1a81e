/**
 * `Operation.update` hands its recipe a plain copy of flat parameters and attributes (scalars only)
 * instead of an immer draft; it must behave as the draft did: the old operation never changes, an
 * edit that changes nothing returns the same operation, and user keys are ordinary keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { Operation } from './operation.js';

const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 4 }));
const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'k'), fc.string({ maxLength: 4 }));
const flat = fc.dictionary(key, scalar, { maxKeys: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

describe('Operation.update on flat parameters', () => {
  it('makes the edited operation, leaves the old one alone, and returns it when nothing changed', () => {
    fc.assert(
      // "__proto__" included: the draft writes it as data, where an immer draft would set a prototype.
      fc.property(flat, flat, key, scalar, (parameters, attributes, k, value) => {
        const op = Operation.new('X', parameters, { attributes });
        const before = JSON.stringify([op.parameters, op.attributes]);
        const next = op.update((d) => {
          d.parameters[k] = value;
        });
        expect(JSON.stringify([op.parameters, op.attributes])).toBe(before);
        expect(Object.hasOwn(next.parameters, k) && next.parameters[k]).toBe(value);
        expect(Object.getPrototypeOf(next.parameters)).toBe(Object.getPrototypeOf(op.parameters));
        expect(Object.isFrozen(next.parameters)).toBe(true);
        expect(next.attributes).toBe(op.attributes);
        const unchanged = Object.hasOwn(op.parameters, k) && Object.is(op.parameters[k], value);
        expect(next === op).toBe(unchanged);
        // Writing back every value, or deleting a key that is not there, changes nothing.
        expect(op.update((d) => Object.assign(d.parameters, { ...op.parameters }))).toBe(op);
        expect(
          op.update((d) => {
            delete d.attributes['no such key'];
          }),
        ).toBe(op);
      }),
    );
  });

  it('edits a parameter named "__proto__" like any other key', () => {
    const op = Operation.new('X', JSON.parse('{"__proto__": 1, "k": 2}') as Record<string, unknown>);
    const next = op.update((d) => {
      d.parameters['__proto__'] = 3;
    });
    expect(Object.hasOwn(next.parameters, '__proto__') && next.parameters['__proto__']).toBe(3);
    expect(Object.getPrototypeOf(next.parameters)).toBe(Object.prototype);
    expect(op.parameters['__proto__']).toBe(1);
  });

  it('deletes keys, and a draft kept after the recipe returns changes nothing', () => {
    const op = Operation.new('Linear', { in_features: 4, out_features: 2, bias: true });
    let kept: { [key: string]: unknown } | undefined;
    const next = op.update((d) => {
      delete d.parameters['bias'];
      kept = d.parameters;
    });
    expect(next.parameters).toEqual({ in_features: 4, out_features: 2 });
    kept!['out_features'] = 99;
    expect(next.parameters['out_features']).toBe(2);
    expect(op.parameters).toEqual({ in_features: 4, out_features: 2, bias: true });
  });

  it('checks what the recipe wrote, and accepts a whole new object of parameters', () => {
    const op = Operation.new('Linear', { units: 4 });
    expect(() => op.update((d) => void (d.parameters['f'] = Number.NaN))).toThrow(GraphError);
    expect(() => op.update((d) => void ((d as { parameters: unknown }).parameters = [1]))).toThrow(GraphError);
    const replaced = op.update((d) => void (d.parameters = { units: 8, nested: { a: [1] } }));
    expect(replaced.parameters).toEqual({ units: 8, nested: { a: [1] } });
    expect(Object.isFrozen(replaced.parameters['nested'])).toBe(true);
  });
});
