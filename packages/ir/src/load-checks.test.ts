/**
 * `loadModel` checks a document's graphs in one sweep rather than running the whole `lint`; it must
 * still refuse exactly what lint would find in the model its editor built, with lint's first finding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchspaceError, IrFormatError } from './errors.js';
import { dumpModel, loadModel, type GraphIr, type ModelIr } from './ir-json.js';
import { lintModel } from './lint.js';
import { commitEditor, openEditor } from './model-editor.js';
import { createModel, modelRecordOf, type Model } from './model.js';
import { modelArbitrary } from './test-support/model-arbitrary.js';

/** An edge to add to a document: ends pick among the graph's nodes modulo their count. */
interface ExtraEdge {
  readonly graph: number;
  readonly head: number;
  readonly headSlot: number | null;
  readonly tail: number;
  readonly tailSlot: number | null;
}

const extraEdgeArbitrary: fc.Arbitrary<ExtraEdge> = fc.record({
  graph: fc.nat(),
  head: fc.nat(),
  headSlot: fc.constantFrom(null, 0),
  tail: fc.nat(),
  tailSlot: fc.constantFrom(null, -1, 0, 1),
});

/** The edges as `[graph, head, headSlot, tail, tailSlot]` by name, resolved against `model`. */
function resolve(model: Model, extras: readonly ExtraEdge[]): [string, string, number | null, string, number | null][] {
  return extras.map((x) => {
    const g = model.graphs[x.graph % model.graphs.length]!;
    const heads = [g.inputNode, ...g.hiddenNodes];
    const tails = [...g.hiddenNodes, g.outputNode];
    return [g.name, heads[x.head % heads.length]!.name, x.headSlot, tails[x.tail % tails.length]!.name, x.tailSlot];
  });
}

/** What lint finds once a bulk editor (the loader's) has added `edges` to `model`, or `undefined`. */
function lintFinding(model: Model, edges: ReturnType<typeof resolve>): ArchspaceError | undefined {
  const editor = openEditor(modelRecordOf(model), { bulk: true });
  try {
    for (const [graph, head, headSlot, tail, tailSlot] of edges) {
      editor.addEdge([editor.node(graph, head)!, headSlot], [editor.node(graph, tail)!, tailSlot]);
    }
    lintModel(createModel(commitEditor(editor)));
    return undefined;
  } catch (error) {
    if (error instanceof ArchspaceError) return error;
    throw error;
  }
}

describe('the checks of loadModel', () => {
  it('refuse a document with the finding lint reports first, and accept only what lints', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.array(extraEdgeArbitrary, { maxLength: 4 }), (model, extras) => {
        const base = loadModel(dumpModel(model));
        const edges = resolve(base, extras);
        const document = structuredClone(dumpModel(base)) as { [graph: string]: GraphIr };
        for (const [graph, head, headSlot, tail, tailSlot] of edges) {
          (document[graph]!.edges as unknown[]).push({ head: [head, headSlot], tail: [tail, tailSlot] });
        }
        const expected = lintFinding(base, edges);
        let loaded: Model | undefined;
        let refusal: unknown;
        try {
          loaded = loadModel(document as ModelIr);
        } catch (error) {
          refusal = error;
        }
        if (expected === undefined) {
          expect(refusal).toBeUndefined();
          expect(() => loaded!.lint()).not.toThrow();
          return;
        }
        expect(refusal).toBeInstanceOf(IrFormatError);
        const error = refusal as IrFormatError;
        expect(error.code).toBe(expected.code);
        // A refused edge is named by its index in the document; a finding of lint keeps lint's path.
        if (error.path[1] !== 'edges' || typeof error.path[2] !== 'number') {
          expect(error.path).toEqual(expected.path);
          expect(error.message).toBe(expected.message);
        }
      }),
      { numRuns: 150 },
    );
  });
});
