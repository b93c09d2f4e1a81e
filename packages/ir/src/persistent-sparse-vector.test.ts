import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseVector } from './persistent-sparse-vector.js';

type Op = { kind: 'set'; index: number; value: number } | { kind: 'delete'; index: number };

const indexArb = fc.oneof(fc.nat(70), fc.nat(40_000), fc.constant(2 ** 30 - 1));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), index: indexArb, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), index: indexArb }),
);

function contents(v: { forEach(fn: (value: number, index: number) => void): void }): [number, number][] {
  const out: [number, number][] = [];
  v.forEach((value, index) => out.push([index, value]));
  return out;
}

describe('SparseVector', () => {
  it('behaves like a Map kept in index order, and old versions never change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let vector = SparseVector.empty<number>();
        const model = new Map<number, number>();
        const versions: [SparseVector<number>, [number, number][]][] = [];
        for (const op of ops) {
          versions.push([vector, [...model.entries()].sort((a, b) => a[0] - b[0])]);
          if (op.kind === 'set') {
            vector = vector.set(op.index, op.value);
            model.set(op.index, op.value);
          } else {
            vector = vector.delete(op.index);
            model.delete(op.index);
          }
          expect(vector.size).toBe(model.size);
        }
        const expected = [...model.entries()].sort((a, b) => a[0] - b[0]);
        expect(contents(vector)).toEqual(expected);
        expect([...vector.entries()]).toEqual(expected);
        for (const [index, value] of expected) expect(vector.get(index)).toBe(value);
        for (const [old, snapshot] of versions) expect(contents(old)).toEqual(snapshot);
      }),
    );
  });

  it('a transient applies the same changes in place and leaves its source alone', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 60 }), (before, batch) => {
        let persistent = SparseVector.empty<number>();
        for (const op of before) persistent = op.kind === 'set' ? persistent.set(op.index, op.value) : persistent.delete(op.index);
        const snapshot = contents(persistent);
        const transient = persistent.asTransient();
        let reference = persistent;
        for (const op of batch) {
          if (op.kind === 'set') {
            transient.set(op.index, op.value);
            reference = reference.set(op.index, op.value);
          } else {
            transient.delete(op.index);
            reference = reference.delete(op.index);
          }
          expect(transient.size).toBe(reference.size);
        }
        const result = transient.persistent();
        expect(contents(result)).toEqual(contents(reference));
        expect(contents(persistent)).toEqual(snapshot);
        expect(() => transient.set(0, 1)).toThrow(/persistent/);
      }),
    );
  });

  it('refuses indices it cannot hold and undefined values', () => {
    const v = SparseVector.empty<number>();
    expect(() => v.set(-1, 1)).toThrow(RangeError);
    expect(() => v.set(1.5, 1)).toThrow(RangeError);
    expect(() => v.set(2 ** 30, 1)).toThrow(RangeError);
    expect(() => v.set(0, undefined as unknown as number)).toThrow(TypeError);
    expect(v.get(-1)).toBeUndefined();
    expect(v.get(2 ** 31)).toBeUndefined();
  });

  it('deleting an absent index returns the same vector', () => {
    const v = SparseVector.empty<number>().set(3, 1);
    expect(v.delete(4)).toBe(v);
    expect(v.delete(3).size).toBe(0);
    expect(v.delete(3).get(3)).toBeUndefined();
  });
});
