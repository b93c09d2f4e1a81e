import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from './model.js';
import type { NodeRef } from './node.js';
import { Operation, type OperationDraft } from './operation.js';
import { modelArbitrary } from './test-support/model-arbitrary.js';
import { structureOf } from './test-support/structure-of.js';

/**
 * `Model.updateOperation` takes a path of its own for an ordinary node given an ordinary operation
 * (no editor). Whatever it is given, it must do exactly what the same update through `edit` does:
 * an equal model (the model itself whenever the editor returns it), or the same error; the recipe
 * run as often; the parent untouched.
 */

type Outcome = { model: Model; error?: undefined } | { error: unknown; model?: undefined };

function outcome(fn: () => Model): Outcome {
  try {
    return { model: fn() };
  } catch (error) {
    return { error };
  }
}

/** The references a caller may pass: good ones, pseudo-nodes, stale or foreign ids, and junk. */
function references(model: Model): unknown[] {
  const refs: unknown[] = [null, undefined, 42, {}, { graphName: '_model', id: 'x' }, { graphName: 'no such graph', id: 1 }];
  for (const graph of model.graphs) {
    refs.push(graph.inputNode, graph.outputNode, { graphName: graph.name, id: 1_000_000, name: 'gone' });
    for (const node of graph.hiddenNodes) {
      refs.push(node, { graphName: graph.name, id: node.id, name: node.name });
      for (const other of model.graphs) if (other !== graph) refs.push({ graphName: other.name, id: node.id });
    }
  }
  return refs;
}

/** The operations a caller may pass: operations, cells of every graph and of none, recipes, junk. */
function operations(model: Model, key: string, value: number): unknown[] {
  const recipes: ((draft: OperationDraft) => void)[] = [
    (d) => {
      d.parameters[key] = value;
    },
    () => {},
    (d) => {
      const parameters = d.parameters;
      if (Object.hasOwn(parameters, key)) parameters[key] = parameters[key]!;
    },
    (d) => {
      delete d.parameters[key];
    },
    (d) => {
      d.attributes[key] = [value];
    },
    () => {
      throw new Error('the recipe failed');
    },
  ];
  const cells = [...model.graphs.map((g) => g.name), 'no such graph'].map((name) => Operation.cell(name, { [key]: value }));
  return [Operation.new('Linear', { [key]: value }), Operation.new('ReLU'), ...cells, ...recipes, 7, null, {}, 'Linear'];
}

describe('Model.updateOperation without an editor', () => {
  it('matches the same update through edit(), for any reference and any operation', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('k', 'units', '__proto__', 'constructor'),
        fc.integer({ min: 0, max: 3 }),
        (model, refIndex, opIndex, key, value) => {
          const refs = references(model);
          const ref = refs[refIndex % refs.length] as NodeRef;
          const ops = operations(model, key, value);
          const op = ops[opIndex % ops.length] as Operation;
          let calls = 0;
          const counted = typeof op === 'function' ? (d: OperationDraft) => (calls++, (op as (d: OperationDraft) => void)(d)) : op;
          const before = structureOf(model);

          const direct = outcome(() => model.updateOperation(ref, counted));
          const directCalls = calls;
          calls = 0;
          const edited = outcome(() => model.edit((e) => e.updateOperation(ref, counted)));

          expect(directCalls).toBe(calls);
          expect(structureOf(model)).toBe(before);
          if (edited.error !== undefined) {
            expect(direct.error).toBeDefined();
            expect((direct.error as Error).constructor).toBe((edited.error as Error).constructor);
            expect((direct.error as Error).message).toBe((edited.error as Error).message);
            expect((direct.error as { code?: unknown }).code).toBe((edited.error as { code?: unknown }).code);
          } else {
            expect(direct.error).toBeUndefined();
            expect(structureOf(direct.model!)).toBe(structureOf(edited.model!));
            // The editor copies a graph it was asked to write even when nothing changed; this path
            // returns the model itself then, which is equal (checked above) and costs nothing.
            if (edited.model === model) expect(direct.model).toBe(model);
            expect(Object.isFrozen(direct.model)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reaches both sides: some updates change the model, some change nothing, some are refused', () => {
    const model = modelArbitrarySample();
    const node = model.rootGraph.hiddenNodes[0]!;
    expect(model.updateOperation(node, Operation.new('Linear', { units: 3 }))).not.toBe(model);
    expect(model.updateOperation(node, node.operation)).toBe(model);
    expect(() => model.updateOperation(model.rootGraph.inputNode, Operation.new('ReLU'))).toThrow(/pseudo-node/);
    expect(() => model.updateOperation(node, Operation.cell('no such graph'))).toThrow(/no such graph/);
  });
});

/** A fixed model with one hidden node in its root graph. */
function modelArbitrarySample(): Model {
  const [model] = fc.sample(
    modelArbitrary.filter((m) => m.rootGraph.hiddenNodes.length > 0 && !m.rootGraph.hiddenNodes[0]!.operation.isCell),
    { numRuns: 1, seed: 7 },
  );
  return model!;
}
