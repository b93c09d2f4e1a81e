import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { Operation } from './operation.js';

describe('Operation', () => {
  it('copies and deep-freezes its parameters, leaving the caller’s objects alone', () => {
    const params = { kernel_size: [3, 3], nested: { a: 1 } };
    const op = Operation.new('Conv2d', params);
    expect(op.parameters).toEqual(params);
    expect(op.parameters).not.toBe(params);
    expect(Object.isFrozen(op)).toBe(true);
    expect(Object.isFrozen(op.parameters)).toBe(true);
    expect(Object.isFrozen(op.parameters['kernel_size'])).toBe(true);
    expect(Object.isFrozen(op.parameters['nested'])).toBe(true);
    expect(Object.isFrozen(params)).toBe(false);
    params.nested.a = 2;
    expect((op.parameters['nested'] as { a: number }).a).toBe(1);
  });

  it('reuses parameters that are already deep-frozen JSON', () => {
    const op = Operation.new('Linear', { units: 4 });
    expect(Operation.new('Linear', op.parameters).parameters).toBe(op.parameters);
  });

  it('refuses parameters that are not JSON, naming the key', () => {
    const attempts: [unknown, string][] = [
      [{ f: () => 1 }, 'parameters/f'],
      [{ a: { b: undefined } }, 'parameters/a/b'],
      [{ n: Number.NaN }, 'parameters/n'],
      [{ d: new Date(0) }, 'parameters/d'],
      [{ list: [1, Infinity] }, 'parameters/list[1]'],
    ];
    for (const [params, where] of attempts) {
      try {
        Operation.new('X', params as Record<string, unknown>);
        expect.unreachable(`accepted ${where}`);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphError);
        expect((error as GraphError).code).toBe('not-json');
        expect((error as GraphError).message).toContain(where);
      }
    }
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => Operation.new('X', cyclic)).toThrow(/cycles/);
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const params = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const op = Operation.new('X', params);
    expect(Object.keys(op.parameters)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(op.parameters)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('needs a cell name exactly for _cell, and reserves the io types', () => {
    expect(Operation.cell('stem').cellName).toBe('stem');
    expect(Operation.cell('stem').isCell).toBe(true);
    expect(() => Operation.new('_cell')).toThrow(GraphError);
    expect(() => Operation.new('Conv2d', {}, { cellName: 'stem' })).toThrow(/only "_cell"/);
    expect(() => Operation.new('_inputs')).toThrow(/reserved/);
    expect(() => Operation.new('_outputs')).toThrow(/reserved/);
    expect(() => Operation.new('')).toThrow(GraphError);
  });

  it('compares type, parameters and cell name, not attributes', () => {
    const a = Operation.new('Dense', { units: 10, act: 'relu' }, { attributes: { note: 'x' } });
    expect(a.equals(Operation.new('Dense', { act: 'relu', units: 10 }))).toBe(true);
    expect(a.equals(Operation.new('Dense', { units: 11, act: 'relu' }))).toBe(false);
    expect(a.equals(Operation.new('Dense2', { units: 10, act: 'relu' }))).toBe(false);
    expect(Operation.cell('a').equals(Operation.cell('b'))).toBe(false);
  });

  it('update edits a draft and returns a new operation; the old one is unchanged', () => {
    const op = Operation.new('Conv2d', { kernel_size: 3, padding: { mode: 'same' } }, { attributes: { tag: 1 } });
    const next = op.update((d) => {
      d.parameters['kernel_size'] = 5;
      delete d.attributes['tag'];
    });
    expect(next.parameters).toEqual({ kernel_size: 5, padding: { mode: 'same' } });
    expect(next.attributes).toEqual({});
    expect(op.parameters).toEqual({ kernel_size: 3, padding: { mode: 'same' } });
    expect(next.parameters['padding']).toBe(op.parameters['padding']);
    expect(op.update(() => {})).toBe(op);
    expect(() => op.update((d) => { d.parameters['f'] = () => 1; })).toThrow(GraphError);
  });

  it('withParameters merges shallowly and withCellName only works on cells', () => {
    const op = Operation.new('Linear', { a: 1, b: 2 });
    expect(op.withParameters({ b: 3 }).parameters).toEqual({ a: 1, b: 3 });
    expect(Operation.cell('x', { k: 1 }).withCellName('y').cellName).toBe('y');
    expect(() => op.withCellName('y')).toThrow(/not a cell/);
  });

  it('prints as Type(k=v)', () => {
    expect(Operation.new('Dense', { units: 10 }).toString()).toBe('Dense(units=10)');
    expect(Operation.cell('stem').toString()).toBe('_cell() -> stem');
  });
});
