import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpModel, loadModel } from './ir-json.js';
import { modelsEqual } from './model-equality.js';
import { commandArbitrary, modelArbitrary, runCommand } from './test-support/model-arbitrary.js';

describe('dumpModel / loadModel round-trip', () => {
  it('loadModel(dumpModel(m)) equals m, and dump∘load∘dump is stable, also through JSON text', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const dumped = dumpModel(model);
        const loaded = loadModel(dumped);
        expect(modelsEqual(loaded, model)).toBe(true);
        expect(loaded.equals(model)).toBe(true);
        expect(dumpModel(loaded)).toEqual(dumped);
        const text = JSON.stringify(dumped);
        expect(JSON.stringify(dumpModel(loadModel(JSON.parse(text))))).toBe(text);
        // Node by node, not only as documents.
        for (const graph of model.graphs) {
          const other = loaded.graph(graph.name)!;
          // Loaded nodes come in document order. (A JS object lists integer-like keys such as "0"
          // first, so a node named "0" may move ahead of older nodes; names and edges are unchanged.)
          const documentOrder = Object.keys((dumped[graph.name] as { nodes: object }).nodes);
          expect(other.hiddenNodes.map((n) => n.name)).toEqual(documentOrder);
          expect([...documentOrder].sort()).toEqual(graph.hiddenNodes.map((n) => n.name).sort());
          for (const node of graph.hiddenNodes) {
            const twin = other.getNodeByName(node.name)!;
            expect(twin.operation.equals(node.operation)).toBe(true);
            expect(twin.operation.attributes).toEqual(node.operation.attributes);
            expect(twin.label).toBe(node.label);
            expect(twin.pythonName).toBe(node.pythonName);
            // Same data flow; predecessors are sorted by id, and ids follow document order.
            expect(twin.incomingEdges.map(String)).toEqual(node.incomingEdges.map(String));
            expect(twin.predecessors.map((n) => n.name).sort()).toEqual(node.predecessors.map((n) => n.name).sort());
          }
        }
        expect(loaded.evaluator).toEqual(model.evaluator);
      }),
      { numRuns: 200 },
    );
  });

  it('holds after random mutations too (removed nodes leave holes in the ids)', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.array(commandArbitrary, { maxLength: 10 }), (start, commands) => {
        let model = start;
        for (const command of commands) model = runCommand(model, command).model;
        const dumped = dumpModel(model);
        expect(modelsEqual(loadModel(dumped), model)).toBe(true);
        expect(dumpModel(loadModel(dumped))).toEqual(dumped);
      }),
      { numRuns: 100 },
    );
  });

  it('modelsEqual tells different models apart', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.string({ minLength: 1, maxLength: 3 }), (model, label) => {
        const node = model.rootGraph.hiddenNodes[0];
        if (node === undefined || node.label === label) return;
        expect(modelsEqual(model.updateLabel(node, label), model)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
