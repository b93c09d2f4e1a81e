import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputSlotProblem } from './lint.js';
import { NodeTable } from './node-table.js';
import { Operation } from './operation.js';
import type { EdgeRecord, NodeRecord } from './records.js';

const operation = Operation.new('X');

/** A node record with these incoming edges. */
const node = (id: number, inEdges: EdgeRecord[]): NodeRecord =>
  Object.freeze({ id, name: `n${id}`, operation, label: undefined, pythonName: undefined, inEdges, outEdges: [] });

/** The finding the rule asks for, found the slow way: the first edge (in order) that is null or repeats an earlier slot. */
function expected(edges: readonly EdgeRecord[]): { code: string; first?: number; second?: number } | undefined {
  if (edges.length < 2) return undefined;
  for (let i = 0; i < edges.length; i++) {
    const slot = edges[i]!.tailSlot;
    if (slot === null) return { code: 'ambiguous-input' };
    if (slot < 0) continue;
    const j = edges.findIndex((e) => e.tailSlot === slot);
    if (j < i) return { code: 'slot-taken', first: edges[j]!.head, second: edges[i]!.head };
  }
  return undefined;
}

describe('inputSlotProblem', () => {
  it('finds the first null or repeated input slot, with a few inputs and with many (where it indexes slots)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -1, max: 40 }), { freq: 40 }), { maxLength: 40 }), (slots) => {
        const edges = slots.map((tailSlot, i): EdgeRecord => Object.freeze({ id: i, head: i + 1, headSlot: null, tail: 0, tailSlot }));
        const heads = edges.map((e) => node(e.head, []));
        const target = node(0, edges);
        const problem = inputSlotProblem({ name: 'g', nodes: NodeTable.of([target, ...heads]) }, target);
        const want = expected(edges);
        expect(problem?.code).toBe(want?.code);
        if (want?.code === 'slot-taken') expect(problem?.message).toContain(`from "n${want.first}" and "n${want.second}"`);
      }),
      { numRuns: 400 },
    );
  });
});
