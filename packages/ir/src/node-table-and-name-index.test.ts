import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameIndex } from './name-index.js';
import { NodeTable, type TableShape } from './node-table.js';
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

/**
 * The IR's shape (undefined) or a small one, whose chunks and groups split and empty after a few
 * writes, so that every path of a write is reached.
 */
const shape = fc.option(fc.record({ chunk: fc.integer({ min: 1, max: 4 }), group: fc.integer({ min: 1, max: 4 }) }), { nil: undefined });
const emptyTable = (s: TableShape | undefined): NodeTable => (s === undefined ? NodeTable.EMPTY : NodeTable.emptyOfShape(s));

/** What a table must hold: the model's entries, sorted by id. */
const sortedEntries = (model: Map<number, NodeRecord>): [number, NodeRecord][] => [...model].sort(([a], [b]) => a - b);

describe('NodeTable', () => {
  it('holds exactly what a Map would, in id order, sealed or mutable, and a write never changes the table it came from', () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 600 }), fc.boolean(), shape, (writes, mutable, s) => {
        const model = new Map<number, NodeRecord>();
        let table = mutable ? emptyTable(s).asMutable() : emptyTable(s);
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
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { maxLength: 400 }), fc.array(write, { maxLength: 200 }), shape, (ids, writes, s) => {
        const sorted = [...ids].sort((a, b) => a - b).map((id) => record(id, 0));
        const base = s === undefined ? NodeTable.ofSorted(sorted) : NodeTable.ofSorted(sorted, s);
        expect(base.entries()).toEqual(NodeTable.of([...ids].map((id) => record(id, 0))).entries());
        let draft = base.asMutable();
        writes.forEach(({ kind, id }, version) => {
          draft = kind === 'set' ? draft.set(record(id, version + 1)) : draft.delete(id);
        });
        draft.asImmutable();
        expect(base.entries()).toEqual(sorted.map((r) => [r.id, r]));
        expect(base.size).toBe(sorted.length);
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

describe('NodeTable.appendSorted', () => {
  it('holds what writing each record would, for records after the table or not, and leaves a sealed table as it was', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 120 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 600 }), { maxLength: 200 }),
        fc.boolean(),
        shape,
        (before, appended, mutable, s) => {
          const base = NodeTable.of(before.map((id) => record(id, 0)), s);
          const baseEntries = base.entries();
          const records = [...appended].sort((a, b) => a - b).map((id) => record(id, 1));
          const start = mutable ? base.asMutable() : base;
          let expected = start === base ? base : base.asMutable();
          for (const r of records) expected = expected.set(r);
          const table = start.appendSorted(records);
          expect(table.entries()).toEqual(expected.entries());
          expect(table.size).toBe(expected.size);
          for (const r of records) expect(table.get(r.id)).toBe(r);
          expect(base.entries()).toEqual(baseEntries);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('NameIndex', () => {
  it('holds exactly what a Map would, over an adopted base or none, through rounds of writes mutable or sealed, and a write never changes an index it came from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 50 })), { maxLength: 40 }),
        // Rounds of writes, each on a mutable copy sealed at its end or on sealed indexes; a round of
        // more than 32 changes folds them into the base when it is sealed.
        fc.array(fc.tuple(fc.boolean(), fc.array(nameWrite, { maxLength: 80 })), { maxLength: 4 }),
        (baseEntries, rounds) => {
          const model = new Map(baseEntries);
          let index = NameIndex.adopting(new Map(baseEntries));
          const snapshots: [NameIndex, Map<string, number>][] = [[index, new Map(model)]];
          const written = new Set<string>();
          for (const [mutable, writes] of rounds) {
            if (mutable) index = index.asMutable();
            for (const { kind, name, id } of writes) {
              written.add(name);
              if (kind === 'set') {
                model.set(name, id);
                index = index.set(name, id);
              } else {
                model.delete(name);
                index = index.delete(name);
              }
              if (!mutable) snapshots.push([index, new Map(model)]);
            }
            if (mutable) {
              index = index.asImmutable();
              snapshots.push([index, new Map(model)]);
            }
          }
          expect(index.size).toBe(model.size);
          expect(new Map(index.entries())).toEqual(model);
          for (const name of written) {
            expect(index.get(name)).toBe(model.get(name));
            expect(index.has(name)).toBe(model.has(name));
          }
          for (const [old, expected] of snapshots) {
            expect(new Map(old.entries())).toEqual(expected);
            expect(old.size).toBe(expected.size);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
