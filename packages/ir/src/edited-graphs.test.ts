import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditedGraphs, type EditedGraph } from './edited-graphs.js';
import { graphNamesOf, shareGraphNames } from './graph-names.js';
import type { GraphRecord } from './records.js';

const NAMES = ['a', 'b', 'c', 'd', '__proto__', 'constructor'];

type Op = { readonly kind: 'set'; readonly name: string; readonly working: boolean } | { readonly kind: 'delete'; readonly name: string };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), name: fc.constantFrom(...NAMES), working: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
);

/** A stand-in graph: only its name matters here, and a working copy has pending edges. */
const graph = (name: string, working = false): EditedGraph => (working ? { name, pendingEdges: [] } : { name }) as unknown as EditedGraph;

describe('EditedGraphs', () => {
  it('behaves as a Map filled with the base graphs, in what it holds and in its order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...NAMES)), fc.array(opArbitrary, { maxLength: 20 }), (baseNames, ops) => {
        const base = baseNames.map((name) => graph(name) as GraphRecord);
        const edited = new EditedGraphs(base);
        const model = new Map<string, EditedGraph>(base.map((g) => [g.name, g]));
        for (const op of ops) {
          if (op.kind === 'set') {
            const g = graph(op.name, op.working);
            edited.set(op.name, g);
            model.set(op.name, g);
          } else {
            edited.delete(op.name);
            model.delete(op.name);
          }
          for (const name of NAMES) {
            expect(edited.get(name)).toBe(model.get(name));
            expect(edited.has(name)).toBe(model.has(name));
          }
          expect([...edited.entries()]).toEqual([...model.entries()]);
          expect(edited.hasWorkingGraph()).toBe([...model.values()].some((g) => 'pendingEdges' in g));
        }
      }),
    );
  });
});

describe('graph names', () => {
  it('are worked out once per list and shared with a list of the same names', () => {
    const first = ['x', 'y'].map((name) => graph(name) as GraphRecord);
    const names = graphNamesOf(first);
    expect(names.order).toEqual(['x', 'y']);
    expect(names.positions.get('y')).toBe(1);
    expect(graphNamesOf(first)).toBe(names);
    const next = ['x', 'y'].map((name) => graph(name) as GraphRecord);
    shareGraphNames(first, next);
    expect(graphNamesOf(next)).toBe(names);
    // A list nobody shared with gets its own.
    const other = [graph('z') as GraphRecord];
    expect(graphNamesOf(other).order).toEqual(['z']);
  });
});
