/** What `Operation.new`, `Operation.cell` and the operation editors accept, make and refuse. */
import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { Operation } from './operation.js';

function graphError(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error('expected a GraphError');
}

const anything = <T>(value: unknown): T => value as T;

describe('Operation', () => {
  it('a cell keeps its cell name, parameters and attributes', () => {
    const cell = Operation.cell('stem', { width: 2 }, { note: 'searched' });
    expect(cell.cellName).toBe('stem');
    expect(cell.parameters).toEqual({ width: 2 });
    expect(cell.attributes).toEqual({ note: 'searched' });
    expect(Operation.cell('stem').attributes).toEqual({});
  });

  it('is special when its type starts with an underscore', () => {
    expect(Operation.cell('stem').isSpecial).toBe(true);
    expect(Operation.new('ReLU').isSpecial).toBe(false);
    expect(Operation.new('relu_').isSpecial).toBe(false);
  });

  it('update() with a change to the attributes only makes a new operation', () => {
    const op = Operation.new('Conv2d', { k: 3 });
    const noted = op.update((d) => {
      d.attributes['note'] = 'x';
    });
    expect(noted).not.toBe(op);
    expect(noted.attributes).toEqual({ note: 'x' });
    expect(noted.parameters).toBe(op.parameters);
    expect(op.update(() => undefined)).toBe(op);
  });

  it('refuses a type that is not a non-empty string, and the pseudo-node types, at "type"', () => {
    for (const type of [5, '']) {
      const e = graphError(() => Operation.new(anything(type)));
      expect(e.code).toBe('invalid-operation');
      expect(e.path).toEqual(['type']);
    }
    const reserved = graphError(() => Operation.new('_inputs'));
    expect(reserved.code).toBe('reserved-operation');
    expect(reserved.path).toEqual(['type']);
  });

  it('refuses a cell without a graph name, and a cell name on another type, at "cellName"', () => {
    const empty = graphError(() => Operation.cell(''));
    expect(empty.code).toBe('invalid-operation');
    expect(empty.path).toEqual(['cellName']);
    expect(empty.received).toBe('');
    const stray = graphError(() => Operation.new('ReLU', {}, { cellName: 'stem' }));
    expect(stray.code).toBe('invalid-operation');
    expect(stray.path).toEqual(['cellName']);
    expect(graphError(() => Operation.new('ReLU').withCellName('x')).code).toBe('not-a-cell');
  });

  it('refuses parameters or attributes that are not a JSON object, at that key', () => {
    for (const bad of [5, null, [1], 'x']) {
      const e = graphError(() => Operation.new('X', anything(bad)));
      expect(e.code).toBe('invalid-operation');
      expect(e.path).toEqual(['parameters']);
      expect(e.received).toEqual(bad);
    }
    const attrs = graphError(() => Operation.new('X', {}, { attributes: anything([]) }));
    expect(attrs.path).toEqual(['attributes']);
    const nested = graphError(() => Operation.new('X', { a: { b: Number.NaN } }));
    expect(nested.code).toBe('not-json');
    expect(nested.path).toEqual(['parameters', 'a', 'b']);
  });
});
