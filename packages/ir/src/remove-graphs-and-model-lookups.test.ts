/**
 * `removeGraphs` removes a set of graphs at once, and `Model.getNodesByLabel` / `getNodesByType` skip
 * the graphs without such nodes: both are per-trial work on models with hundreds of cell graphs
 * (NAS-Bench-201's lowered model has 541), and both must answer exactly what the plain definitions do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidMutation } from './errors.js';
import type { Model } from './model.js';
import { Operation } from './operation.js';
import { modelArbitrary } from './test-support/model-arbitrary.js';
import { structureOf } from './test-support/structure-of.js';
import { thrownBy } from './test-support/test-lookups.js';

const refusal = (fn: () => unknown): InvalidMutation => thrownBy(InvalidMutation, fn);

/** Whether a graph that stays has a cell referring to one of `removed`. */
function usedByAStayingGraph(model: Model, removed: ReadonlySet<string>): boolean {
  return model.graphs.some((g) => !removed.has(g.name) && g.hiddenNodes.some((n) => n.operation.cellName !== undefined && removed.has(n.operation.cellName)));
}

describe('removeGraphs', () => {
  it('removes a set of cell graphs exactly when no graph that stays uses one, as removing them one by one does', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), (model, picks) => {
        // Cells are listed before the root, and a cell only refers to cells after it.
        const cells = model.graphs.map((g) => g.name).filter((name) => name !== '_model');
        const removed = cells.filter((_, i) => picks[i] === true);
        const before = structureOf(model);
        if (usedByAStayingGraph(model, new Set(removed))) {
          expect(refusal(() => model.edit((e) => e.removeGraphs(removed))).code).toBe('graph-in-use');
        } else {
          const together = model.edit((e) => e.removeGraphs(removed));
          // One by one, users first: in list order a cell is removed before the cells it uses.
          const oneByOne = model.edit((e) => removed.forEach((name) => e.removeGraph(name)));
          expect(structureOf(together)).toBe(structureOf(oneByOne));
          expect(together.graphs.map((g) => g.name)).toEqual(model.graphs.map((g) => g.name).filter((name) => !removed.includes(name)));
        }
        expect(structureOf(model)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the root, an unknown graph and a used one before removing any, naming the users', () => {
    const m = modelWithCells();
    expect(refusal(() => m.edit((e) => e.removeGraphs(['b', '_model']))).code).toBe('remove-root-graph');
    expect(refusal(() => m.edit((e) => e.removeGraphs(['b', 'nope']))).code).toBe('unknown-graph');
    const used = refusal(() => m.edit((e) => e.removeGraphs(['b'])));
    expect(used.code).toBe('graph-in-use');
    expect(used.message).toContain('graph "b" is still the cell of "a/uses_b"');
    // Graphs that use each other go together.
    expect(m.edit((e) => e.removeGraphs(['a', 'b'])).graphs.map((g) => g.name)).toEqual(['_model', 'c']);
    expect(m.edit((e) => e.removeGraphs([])).graphs.map((g) => g.name)).toEqual(['_model', 'a', 'b', 'c']);
  });
});

/** A root graph and cells a (using b), b and c. */
function modelWithCells(): Model {
  return emptyModel()
    .edit((e) => {
      for (const name of ['a', 'b', 'c']) e.addGraph(name);
      e.addNode('a', 'uses_b', Operation.cell('b'));
    });
}

/** A model with only its root graph. */
function emptyModel(): Model {
  const [model] = fc.sample(modelArbitrary.filter((m) => m.graphs.length === 1), { numRuns: 1, seed: 3 });
  return model!;
}

describe('Model.getNodesByLabel and getNodesByType', () => {
  it('answer what every graph answers, in graph order', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.constantFrom('choice1', 'choice2', 'skip', 'none'), fc.constantFrom('Conv2d', 'Linear', 'ReLU', '_cell', 'None'), (model, label, type) => {
        const ids = (nodes: readonly { id: number }[]) => nodes.map((n) => n.id);
        expect(ids(model.getNodesByLabel(label))).toEqual(ids(model.graphs.flatMap((g) => g.getNodesByLabel(label))));
        expect(ids(model.getNodesByType(type))).toEqual(ids(model.graphs.flatMap((g) => g.getNodesByType(type))));
        // The same node objects as the graph views hand out.
        for (const node of model.getNodesByLabel(label)) expect(model.graph(node.graphName)!.getNodeById(node.id)).toBe(node);
      }),
      { numRuns: 200 },
    );
  });
});
