import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashMap, hashString } from './persistent-hash-map.js';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete'; key: string };

/** Two keys whose 32-bit hashes are equal, found by brute force (a birthday search over ~2^16 keys). */
function collidingKeys(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `k${i}`;
    const h = hashString(key);
    const other = seen.get(h);
    if (other !== undefined) return [other, key];
    seen.set(h, key);
  }
}

const [c1, c2] = collidingKeys();
const keyArb = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(c1, c2, '__proto__', 'constructor'));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: keyArb, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: keyArb }),
);

function sorted(entries: Iterable<[string, number]>): [string, number][] {
  return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('HashMap', () => {
  it('behaves like a Map, colliding keys included, and old versions never change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        let map = HashMap.empty<number>();
        const model = new Map<string, number>();
        const versions: [HashMap<number>, [string, number][]][] = [];
        for (const op of ops) {
          versions.push([map, sorted(model.entries())]);
          if (op.kind === 'set') {
            map = map.set(op.key, op.value);
            model.set(op.key, op.value);
          } else {
            map = map.delete(op.key);
            model.delete(op.key);
          }
          expect(map.size).toBe(model.size);
          for (const [k, v] of model) expect(map.get(k)).toBe(v);
        }
        expect(sorted(map.entries())).toEqual(sorted(model.entries()));
        for (const [old, snapshot] of versions) expect(sorted(old.entries())).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it('a transient applies the same changes and leaves its source alone', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 60 }), (before, batch) => {
        let persistent = HashMap.empty<number>();
        for (const op of before) persistent = op.kind === 'set' ? persistent.set(op.key, op.value) : persistent.delete(op.key);
        const snapshot = sorted(persistent.entries());
        const transient = persistent.asTransient();
        let reference = persistent;
        for (const op of batch) {
          if (op.kind === 'set') {
            transient.set(op.key, op.value);
            reference = reference.set(op.key, op.value);
          } else {
            transient.delete(op.key);
            reference = reference.delete(op.key);
          }
          expect(transient.size).toBe(reference.size);
        }
        expect(sorted(transient.persistent().entries())).toEqual(sorted(reference.entries()));
        expect(sorted(persistent.entries())).toEqual(snapshot);
      }),
    );
  });

  it('keeps colliding keys apart', () => {
    const m = HashMap.empty<number>().set(c1, 1).set(c2, 2);
    expect(m.get(c1)).toBe(1);
    expect(m.get(c2)).toBe(2);
    expect(m.delete(c1).get(c2)).toBe(2);
    expect(m.delete(c1).get(c1)).toBeUndefined();
    expect(m.delete(c1).set('zz', 3).set(c1, 4).get(c1)).toBe(4);
  });
});
