import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameIndex } from './name-index.js';
import { NodeTable } from './node-table.js';
import { Operation } from './operation.js';
import type { NodeRecord } from './records.js';

const operation = Operation.new('X');

/** A node record whose name tells which write made it. */
const record = (id: number, version: number): NodeRecord =>
  Object.freeze({ id, name: `n${id}v${version}`, operation, label: undefined, pythonName: undefined, inEdges: [], outEdges: [] });

/** One write: set (or replace) the record of an id, or delete it. Ids often repeat and often grow. */
const write = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: -5, max: 400 }) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: -5, max: 400 }) }),
);

/** What a table must hold: the model's entries, sorted by id. */
const sortedEntries = (model: Map<number, NodeRecord>): [number, NodeRecord][] => [...model].sort(([a], [b]) => a - b);

describe('NodeTable', () => {
  it('holds exactly what a Map would, in id order, sealed or mutable, and a write never changes the table it came from', () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 600 }), fc.boolean(), (writes, mutable) => {
        const model = new Map<number, NodeRecord>();
        let table = mutable ? NodeTable.EMPTY.asMutable() : NodeTable.EMPTY;
        const snapshots: [NodeTable, [number, NodeRecord][]][] = [];
        writes.forEach(({ kind, id }, version) => {
          if (kind === 'set') {
            const r = record(id, version);
            model.set(id, r);
            table = table.set(r);
          } else {
            model.delete(id);
            table = table.delete(id);
          }
          if (!mutable && version % 37 === 0) snapshots.push([table, sortedEntries(model)]);
        });
        if (mutable) table = table.asImmutable();
        expect(table.entries()).toEqual(sortedEntries(model));
        expect(table.size).toBe(model.size);
        for (let id = -6; id <= 401; id++) {
          expect(table.get(id)).toBe(model.get(id));
          expect(table.has(id)).toBe(model.has(id));
        }
        for (const [old, entries] of snapshots) expect(old.entries()).toEqual(entries);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves the sealed table a mutable copy came from as it was, and builds in bulk what writes build', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { maxLength: 400 }), fc.array(write, { maxLength: 200 }), (ids, writes) => {
        const sorted = [...ids].sort((a, b) => a - b).map((id) => record(id, 0));
        const base = NodeTable.ofSorted(sorted);
        expect(base.entries()).toEqual(NodeTable.of([...ids].map((id) => record(id, 0))).entries());
        let draft = base.asMutable();
        writes.forEach(({ kind, id }, version) => {
          draft = kind === 'set' ? draft.set(record(id, version + 1)) : draft.delete(id);
        });
        draft.asImmutable();
        expect(base.entries()).toEqual(sorted.map((r) => [r.id, r]));
      }),
      { numRuns: 150 },
    );
  });
});

/** One write of a name index: name a node, or drop a name. Names include ones a plain object would trip on. */
const nameWrite = fc.record({
  kind: fc.constantFrom('set' as const, 'delete' as const),
  name: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', '_inputs', ''), fc.string({ maxLength: 3 })),
  id: fc.integer({ min: 0, max: 50 }),
});

describe('NameIndex', () => {
  it('holds exactly what a Map would, over an adopted base or none, and a write never changes the index it came from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 50 })), { maxLength: 40 }),
        fc.array(nameWrite, { maxLength: 120 }),
        fc.boolean(),
        (baseEntries, writes, mutable) => {
          const model = new Map(baseEntries);
          const base = NameIndex.adopting(new Map(baseEntries));
          let index = mutable ? base.asMutable() : base;
          const snapshots: [NameIndex, Map<string, number>][] = [[base, new Map(model)]];
          for (const { kind, name, id } of writes) {
            if (kind === 'set') {
              model.set(name, id);
              index = index.set(name, id);
            } else {
              model.delete(name);
              index = index.delete(name);
            }
            if (!mutable) snapshots.push([index, new Map(model)]);
          }
          if (mutable) index = index.asImmutable();
          expect(index.size).toBe(model.size);
          expect(new Map(index.entries())).toEqual(model);
          for (const { name } of writes) {
            expect(index.get(name)).toBe(model.get(name));
            expect(index.has(name)).toBe(model.has(name));
          }
          for (const [old, expected] of snapshots) expect(new Map(old.entries())).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
