/**
 * What `ModelEditor` checks when an edit ends (input slots of new edges' tails, targets of new
 * cells), what `specializeCell` copies and names, and what a bulk editor (the loader's) defers.
 */
import { describe, expect, it } from 'vitest';
import { InvalidMutation } from './errors.js';
import { commitEditor, openEditor, type ModelEditor } from './model-editor.js';
import { createModel, Model, modelRecordOf } from './model.js';
import type { Node } from './node.js';
import { Operation } from './operation.js';
import { chainModel, nodeNamed, thrownBy } from './test-support/test-lookups.js';

/** x -> a -> b -> y, an empty graph "c" and a node "cell" using it. */
const base = (): Model => chainModel({ cellNode: true });

const node = nodeNamed;

const refusal = (fn: () => unknown): InvalidMutation => thrownBy(InvalidMutation, fn);

/** Runs `recipe` on a bulk editor (as `loadModel` does) and returns the unlinted result. */
function bulkEdit(model: Model, recipe: (e: ModelEditor) => void): Model {
  const editor = openEditor(modelRecordOf(model), { bulk: true });
  recipe(editor);
  return createModel(commitEditor(editor));
}

describe('checks when the edit ends', () => {
  it('checks the tails of every new edge, not only the last', () => {
    const m = base().edit((e) => {
      e.addNode('_model', 'p', Operation.new('P'));
      e.addNode('_model', 'q', Operation.new('Q'));
    });
    const e = refusal(() =>
      m.edit((ed) => {
        const [a, b, p, q] = ['a', 'b', 'p', 'q'].map((n) => ed.node('_model', n)!);
        ed.addEdge([a!, null], [p!, 0]);
        ed.addEdge([b!, null], [p!, 0]); // slot 0 of p twice
        ed.addEdge([a!, null], [q!, 0]); // fine, and last
      }),
    );
    expect(e.code).toBe('slot-taken');
    expect(e.path).toEqual(['_model', 'nodes', 'p']);
  });

  it('skips the tails of edges whose node or graph the same edit removed', () => {
    const m = base().edit((e) => {
      const a = e.node('_model', 'a')!;
      const t = e.addNode('_model', 't', Operation.new('T'));
      e.addEdge([a, null], [t, null]);
      e.removeNode(t, { removeEdges: true });
      e.addGraph('tmp');
      const inner = e.addNode('tmp', 'inner', Operation.new('I'));
      e.addEdge([e.inputNode('tmp'), null], [inner, null]);
      e.addNode('tmp', 'usesC', Operation.cell('c'));
      e.removeGraph('tmp');
    });
    expect(m.getNodeByName('t')).toBeUndefined();
    expect(m.graphs.map((g) => g.name)).toEqual(['_model', 'c']);
    expect(() => m.lint()).not.toThrow();
  });

  it('checks a node that updateOperation turned into a cell', () => {
    const m = base();
    const e = refusal(() => m.updateOperation(node(m, 'a'), Operation.cell('nowhere')));
    expect(e.code).toBe('unknown-graph');
    expect(e.path).toEqual(['_model', 'nodes', 'a', 'operation', 'cellName']);
    expect(e.message).toContain('"_model", "c"');
    expect(m.updateOperation(node(m, 'a'), Operation.cell('c')).getNodeByName('a')!.operation.cellName).toBe('c');
  });

  it('refuses a cell naming the root graph, from any graph', () => {
    const m = base();
    const e = refusal(() => m.addNode('c', 'up', Operation.cell('_model')));
    expect(e.code).toBe('recursive-cell');
    expect(e.path).toEqual(['c', 'nodes', 'up', 'operation', 'cellName']);
    expect(e.message).toContain('cannot use the root graph "_model" as its cell');
  });

  it('follows cells through graphs that are not checked yet, without looping', () => {
    const recursive = refusal(() =>
      base().edit((e) => {
        e.addGraph('p');
        e.addGraph('q');
        e.addNode('_model', 'useP', Operation.cell('p'));
        e.addNode('p', 'useQ', Operation.cell('q'));
        e.addNode('q', 'useP', Operation.cell('p'));
      }),
    );
    expect(recursive.code).toBe('recursive-cell');
    expect(recursive.message).toContain('"p" -> "q" -> "p"');
    const dangling = refusal(() =>
      base().edit((e) => {
        e.addGraph('p');
        e.addNode('_model', 'useP', Operation.cell('p'));
        e.addNode('p', 'bad', Operation.cell('nowhere'));
      }),
    );
    expect(dangling.code).toBe('unknown-graph');
    expect(dangling.path).toEqual(['p', 'nodes', 'bad', 'operation', 'cellName']);
  });

  it('checks only the cells the edit made or changed, and names the cell that closes a loop', () => {
    const m = base()
      .addGraph('d')
      .edit((e) => void e.addNode('c', 'useD', Operation.cell('d')));
    const useD = m.getNodeByName('useD')!;
    const e = refusal(() =>
      m.edit((ed) => {
        ed.updateOperation(useD, useD.operation); // the same operation: nothing changes
        ed.addNode('d', 'back', Operation.cell('c'));
      }),
    );
    expect(e.code).toBe('recursive-cell');
    expect(e.path).toEqual(['d', 'nodes', 'back', 'operation', 'cellName']);
    expect(e.message).toContain('"d" -> "c" -> "d"');
  });

  it('an edit whose only change was undone still uses up the ids it handed out', () => {
    const m = base();
    const undone = m.edit((e) => {
      e.addGraph('tmp');
      e.removeGraph('tmp');
    });
    expect(undone).not.toBe(m);
    const before = m.addNode('_model', 'n', Operation.new('N'));
    const after = undone.addNode('_model', 'n', Operation.new('N'));
    expect(node(after, 'n').id).toBe(node(before, 'n').id + 2);
    expect(m.edit(() => undefined)).toBe(m);
  });
});

describe('specializeCell', () => {
  it('copies the cell as <cell>_<node>, with a numeric suffix past taken names', () => {
    const m = base();
    const cell = node(m, 'cell');
    const first = m.edit((e) => {
      expect(e.specializeCell(cell)).toBe('c_cell');
    });
    expect(node(first, 'cell').operation.cellName).toBe('c_cell');
    const taken = m.addGraph('c_cell').addGraph('c_cell_2');
    taken.edit((e) => {
      expect(e.specializeCell(cell)).toBe('c_cell_3');
    });
  });

  it('gives the copy fresh edge ids in the order of the original edge ids', () => {
    const m = base().edit((e) => {
      const p = e.addNode('c', 'p', Operation.new('P'));
      const q = e.addNode('c', 'q', Operation.new('Q'));
      e.addEdge([q, null], [e.outputNode('c'), null]); // the older edge leaves the later node
      e.addEdge([p, null], [q, null]);
      e.addEdge([e.inputNode('c'), null], [p, null]);
    });
    const source = m.graph('c')!;
    const specialized = m.specializeCell(node(m, 'cell'));
    const copy = specialized.graph('c_cell')!;
    const ids = (g: typeof copy) => g.edges.map((x) => [x.id, x.toString()] as const).sort((x, y) => x[0] - y[0]).map(([, text]) => text);
    expect(ids(copy)).toEqual(ids(source));
    const firstNew = Math.max(...m.graphs.flatMap((g) => g.edges.map((x) => x.id))) + 1;
    expect(copy.edges.map((x) => x.id).sort((x, y) => x - y)).toEqual([firstNew, firstNew + 1, firstNew + 2]);
    expect(() => specialized.lint()).not.toThrow();
  });

  it('checks the cells of the copy when the edit ends', () => {
    const m = base();
    const e = refusal(() =>
      m.edit((ed) => {
        const bad = ed.addNode('c', 'bad', Operation.cell('nowhere'));
        ed.specializeCell(ed.node('_model', 'cell')!);
        ed.removeNode(bad);
      }),
    );
    expect(e.code).toBe('unknown-graph');
    expect(e.path).toEqual(['c_cell', 'nodes', 'bad', 'operation', 'cellName']);
  });

  it('refuses a node that is not a cell, or whose graph does not exist yet', () => {
    const m = base();
    const notCell = refusal(() => m.specializeCell(node(m, 'a')));
    expect(notCell.code).toBe('not-a-cell');
    expect(notCell.path).toEqual(['_model', 'nodes', 'a']);
    const early = refusal(() =>
      m.edit((e) => {
        const later = e.addNode('_model', 'later', Operation.cell('d'));
        e.specializeCell(later);
      }),
    );
    expect(early.code).toBe('unknown-graph');
    expect(early.path).toEqual(['_model', 'nodes', 'later', 'operation', 'cellName']);
    expect(early.received).toBe('d');
  });
});

describe('a bulk editor', () => {
  it('appends new edges after the edges a node already has', () => {
    const m = base();
    const out = bulkEdit(m, (e) => {
      const b = e.node('_model', 'b')!;
      const n = e.addNode('_model', 'n', Operation.new('N'));
      e.addEdge([b, null], [n, null]);
    });
    expect(node(out, 'b').outgoingEdges.map(String)).toEqual(['b -> _outputs[0]', 'b -> n']);
    expect(node(out, 'b').incomingEdges.map(String)).toEqual(['a -> b']);
    expect(() => out.lint()).not.toThrow();
  });

  it('writes pending edges before a step reads edges, and again at the end', () => {
    const out = bulkEdit(base(), (e) => {
      const b = e.node('_model', 'b')!;
      const n = e.addNode('_model', 'n', Operation.new('N'));
      const edge = e.addEdge([b, null], [n, null]);
      e.removeEdge(edge);
      e.addEdge([b, null], [n, null]);
    });
    expect(node(out, 'n').incomingEdges.map(String)).toEqual(['b -> n']);
    expect(() => out.lint()).not.toThrow();
  });

  it('copies the pending edges of a cell it specializes', () => {
    const out = bulkEdit(base(), (e) => {
      const p = e.addNode('c', 'p', Operation.new('P'));
      e.addEdge([e.inputNode('c'), null], [p, null]);
      e.specializeCell(e.node('_model', 'cell')!);
    });
    expect(out.graph('c_cell')!.edges.map(String)).toEqual(['_inputs -> p']);
  });

  it('skips the cycle search and the end-of-edit checks, which the caller lints', () => {
    const m = base();
    const cyclic = bulkEdit(m, (e) => {
      const lone = e.addNode('_model', 'lone', Operation.new('L'));
      e.addEdge([lone, null], [lone, null]);
    });
    expect(cyclic.rootGraph.isAcyclic()).toBe(false);
    const dangling = bulkEdit(m, (e) => void e.updateOperation(e.node('_model', 'a')!, Operation.cell('nowhere')));
    expect(dangling.getNodeByName('a')!.operation.cellName).toBe('nowhere');
  });

  it('removes a node whose edges include a self-loop', () => {
    const out = bulkEdit(base(), (e) => {
      const lone = e.addNode('_model', 'lone', Operation.new('L'));
      e.addEdge([lone, null], [lone, null]);
      e.removeNode(lone, { removeEdges: true });
    });
    expect(out.getNodeByName('lone')).toBeUndefined();
    expect(() => out.lint()).not.toThrow();
  });
});
