import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary, modelArbitrary, runCommand } from './test-support/model-arbitrary.js';
import { structureOf } from './test-support/structure-of.js';

describe('fork() and every mutation leave the parent unchanged', () => {
  it('holds for random models and random mutation sequences', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.array(commandArbitrary, { maxLength: 12 }), (start, commands) => {
        let model = start;
        for (const command of commands) {
          // A copy of the parent's structure taken before the command, compared with a fresh read after.
          const before = structureOf(model);
          const { model: next } = runCommand(model, command);
          expect(structureOf(model)).toBe(before);
          expect(Object.isFrozen(model)).toBe(true);
          expect(Object.isFrozen(next)).toBe(true);
          model = next;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the views a model hands out are frozen, down to operation parameters', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        for (const graph of model.graphs) {
          expect(Object.isFrozen(graph)).toBe(true);
          expect(graph.inputNames === null || Object.isFrozen(graph.inputNames)).toBe(true);
          for (const node of graph.nodes) {
            expect(Object.isFrozen(node)).toBe(true);
            expect(Object.isFrozen(node.operation)).toBe(true);
            expect(Object.isFrozen(node.operation.parameters)).toBe(true);
            for (const value of Object.values(node.operation.parameters)) {
              if (typeof value === 'object' && value !== null) expect(Object.isFrozen(value)).toBe(true);
            }
          }
          for (const edge of graph.edges) expect(Object.isFrozen(edge)).toBe(true);
        }
        expect(model.evaluator === undefined || typeof model.evaluator !== 'object' || model.evaluator === null || Object.isFrozen(model.evaluator)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('a fork shares the parent’s data: changing the fork changes only the fork', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const before = structureOf(model);
        const fork = model.fork();
        expect(fork).not.toBe(model);
        expect(fork.equals(model)).toBe(true);
        const node = fork.rootGraph.hiddenNodes[0];
        if (node === undefined) return;
        const changed = fork.updateLabel(node, `${node.label ?? ''}!`);
        expect(changed.getNodeById(node.id)!.label).toBe(`${node.label ?? ''}!`);
        expect(model.getNodeById(node.id)!.label).toBe(node.label);
        expect(structureOf(model)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});
