import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Operation } from './operation.js';
import { NOTHING_STAGED_NODES, StagedNodes, type StagedNode } from './staged-nodes.js';

const operation = Operation.new('X');
const staged = (id: number): StagedNode => ({ id, name: `n${id}`, operation, label: undefined, pythonName: undefined, inEdges: [], outEdges: [] });

describe('StagedNodes', () => {
  it('finds exactly the nodes staged, by id and in id order, whatever ids were skipped', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 80 }), (ids) => {
        const sorted = [...ids].sort((a, b) => a - b);
        const nodes = new StagedNodes();
        const model = new Map<number, StagedNode>();
        for (const id of sorted) {
          const node = staged(id);
          nodes.add(node);
          model.set(id, node);
        }
        expect(nodes.size).toBe(model.size);
        expect(nodes.values()).toEqual([...model.values()]);
        for (let id = -2; id <= 302; id++) {
          expect(nodes.get(id)).toBe(model.get(id));
          expect(nodes.has(id)).toBe(model.has(id));
        }
      }),
    );
  });

  it('refuses an id at or below one staged before, and the shared empty staging refuses any', () => {
    const nodes = new StagedNodes();
    nodes.add(staged(5));
    expect(() => nodes.add(staged(5))).toThrow(/staged after a higher one/);
    expect(() => nodes.add(staged(3))).toThrow(/staged after a higher one/);
    expect(() => NOTHING_STAGED_NODES.add(staged(1))).toThrow(/non-bulk editor staged/);
    expect(NOTHING_STAGED_NODES.size).toBe(0);
  });
});
