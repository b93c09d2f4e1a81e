/**
 * What `ModelEditor` refuses at once, and how it says so: each refusal is an `InvalidMutation` whose
 * `code` and `path` point at the offending graph, node, edge or argument.
 */
import { describe, expect, it } from 'vitest';
import { InvalidMutation } from './errors.js';
import type { ModelEditor } from './model-editor.js';
import { Model } from './model.js';
import type { Node } from './node.js';
import { Operation } from './operation.js';
import { chainModel, nodeNamed, thrownBy } from './test-support/test-lookups.js';

/** x -> a -> b -> y, and an empty graph "c". */
const chain = (): Model => chainModel();

const node = nodeNamed;

const refusal = (fn: () => unknown): InvalidMutation => thrownBy(InvalidMutation, fn);

/** The refusal of one editor step on `model`. */
function stepRefusal(model: Model, step: (e: ModelEditor) => unknown): InvalidMutation {
  return refusal(() => model.edit((e) => void step(e)));
}

const anything = <T>(value: unknown): T => value as T;

describe('graphs', () => {
  it('addGraph refuses a bad or taken name at that name', () => {
    const m = chain();
    for (const name of ['', '_evaluator']) {
      const e = refusal(() => m.addGraph(name));
      expect(e.code).toBe('invalid-graph-name');
      expect(e.path).toEqual([name]);
    }
    const taken = refusal(() => m.addGraph('c'));
    expect(taken.code).toBe('duplicate-graph');
    expect(taken.path).toEqual(['c']);
  });

  it('addGraph refuses io names that are not an array of strings, at graph/inputs or graph/outputs', () => {
    const m = chain();
    const inputs = refusal(() => m.addGraph('d', { inputs: anything(['x', 1]) }));
    expect(inputs.code).toBe('invalid-io-names');
    expect(inputs.path).toEqual(['d', 'inputs']);
    expect(inputs.received).toEqual(['x', 1]);
    const outputs = refusal(() => m.addGraph('d', { outputs: anything('y') }));
    expect(outputs.code).toBe('invalid-io-names');
    expect(outputs.path).toEqual(['d', 'outputs']);
    const named = m.addGraph('d', { inputs: ['p', 'q'], outputs: [] }).graph('d')!;
    expect(named.inputNames).toEqual(['p', 'q']);
    expect(named.outputNames).toEqual([]);
  });

  it('removeGraph refuses the root graph and a graph still used as a cell, naming its users', () => {
    const m = chain().addNode('_model', 'cell', Operation.cell('c'));
    const root = refusal(() => m.removeGraph('_model'));
    expect(root.code).toBe('remove-root-graph');
    expect(root.path).toEqual(['_model']);
    const used = refusal(() => m.removeGraph('c'));
    expect(used.code).toBe('graph-in-use');
    expect(used.path).toEqual(['c']);
    expect(used.message).toContain('"_model/cell"');
  });

  it('an unknown graph is named, with the graphs there are', () => {
    const e = refusal(() => chain().addNode('nope', 'n', Operation.new('X')));
    expect(e.code).toBe('unknown-graph');
    expect(e.path).toEqual(['nope']);
    expect(e.message).toContain('"nope"');
    expect(e.message).toContain('(graphs: "_model", "c")');
  });

  it('lists the graph names, in order, as the edit changes them', () => {
    chain().edit((e) => {
      expect(e.graphNames).toEqual(['_model', 'c']);
      e.addGraph('d');
      expect(e.graphNames).toEqual(['_model', 'c', 'd']);
      e.removeGraph('c');
      expect(e.graphNames).toEqual(['_model', 'd']);
    });
  });

  it('node() finds a node by name, and answers undefined for an unknown node or graph', () => {
    chain().edit((e) => {
      expect(e.node('_model', 'a')).toMatchObject({ graphName: '_model', name: 'a' });
      expect(e.node('_model', 'zzz')).toBeUndefined();
      expect(e.node('nope', 'a')).toBeUndefined();
    });
  });
});

describe('nodes', () => {
  it('addNode takes the graph by name or as an object with a name', () => {
    const m = chain();
    const added = m.addNode(m.graph('c')!, 'inside', Operation.new('X'));
    expect(added.graph('c')!.getNodeByName('inside')).toBeDefined();
    expect(added.rootGraph.getNodeByName('inside')).toBeUndefined();
  });

  it('addNode refuses a non-string, reserved or taken name at graph/nodes/name', () => {
    const m = chain();
    const numeric = refusal(() => m.addNode('_model', anything(5), Operation.new('X')));
    expect(numeric.code).toBe('invalid-node-name');
    expect(numeric.path).toEqual(['_model', 'nodes', '5']);
    expect(numeric.received).toBe(5);
    const reserved = refusal(() => m.addNode('_model', '_outputs', Operation.new('X')));
    expect(reserved.path).toEqual(['_model', 'nodes', '_outputs']);
    const taken = refusal(() => m.addNode('_model', 'a', Operation.new('X')));
    expect(taken.code).toBe('duplicate-node');
    expect(taken.path).toEqual(['_model', 'nodes', 'a']);
    expect(taken.message).toContain('graph "_model" already has a node named "a"');
  });

  it('addNode refuses a non-Operation and non-string label or python name, at that field', () => {
    const m = chain();
    const op = refusal(() => m.addNode('_model', 'n', anything({ type: 'X' })));
    expect(op.code).toBe('invalid-operation');
    expect(op.path).toEqual(['_model', 'nodes', 'n', 'operation']);
    const label = refusal(() => m.addNode('_model', 'n', Operation.new('X'), { label: anything(3) }));
    expect(label.code).toBe('invalid-value');
    expect(label.path).toEqual(['_model', 'nodes', 'n', 'label']);
    const python = refusal(() => m.addNode('_model', 'n', Operation.new('X'), { pythonName: anything(false) }));
    expect(python.code).toBe('invalid-value');
    expect(python.path).toEqual(['_model', 'nodes', 'n', 'pythonName']);
  });

  it('removeNode refuses a node with edges (unless asked) and a pseudo-node, at the node', () => {
    const m = chain();
    const busy = refusal(() => m.removeNode(node(m, 'a')));
    expect(busy.code).toBe('node-has-edges');
    expect(busy.path).toEqual(['_model', 'nodes', 'a']);
    expect(busy.message).toContain('still has 2 edge(s)');
    const pseudo = refusal(() => m.removeNode(m.rootGraph.inputNode));
    expect(pseudo.code).toBe('pseudo-node');
    expect(pseudo.path).toEqual(['_model', 'nodes', '_inputs']);
  });

  it('an unknown node is named by name when the reference has one, by id otherwise', () => {
    const m = chain();
    const a = node(m, 'a');
    const gone = m.removeNode(a, { removeEdges: true });
    const byName = refusal(() => gone.updateLabel(a, 'x'));
    expect(byName.code).toBe('unknown-node');
    expect(byName.path).toEqual(['_model', 'nodes', 'a']);
    expect(byName.message).toContain(`graph "_model" has no node "a" (id ${a.id})`);
    const byId = refusal(() => gone.updateLabel({ graphName: '_model', id: 999 }, 'x'));
    expect(byId.path).toEqual(['_model', 'nodes', '#999']);
    expect(byId.message).toContain('has no node with id 999');
  });

  it('a node reference must be an object with a numeric id', () => {
    const m = chain();
    const a = node(m, 'a');
    const stringId = refusal(() => m.updateLabel(anything({ graphName: '_model', id: String(a.id) }), 'x'));
    expect(stringId.code).toBe('invalid-node-ref');
    expect(stringId.path).toEqual(['_model', 'nodes']);
    const fn = Object.assign(() => 0, { graphName: '_model', id: a.id });
    expect(refusal(() => m.updateLabel(anything(fn), 'x')).code).toBe('invalid-node-ref');
    const noId = refusal(() => m.addEdge([anything({ graphName: '_model' }), null], [node(m, 'b'), 1]));
    expect(noId.code).toBe('invalid-node-ref');
  });

  it('updateOperation refuses a non-Operation at the node’s operation and returns the node’s handle', () => {
    const m = chain();
    const a = node(m, 'a');
    const e = refusal(() => m.updateOperation(a, anything('Conv')));
    expect(e.code).toBe('invalid-operation');
    expect(e.path).toEqual(['_model', 'nodes', 'a', 'operation']);
    m.edit((ed) => {
      expect(ed.updateOperation(a, Operation.new('Z'))).toEqual({ graphName: '_model', id: a.id, name: 'a' });
      expect(ed.updateLabel(a, 'l')).toEqual({ graphName: '_model', id: a.id, name: 'a' });
      expect(ed.updatePythonName(a, 'p')).toEqual({ graphName: '_model', id: a.id, name: 'a' });
    });
  });

  it('updateLabel and updatePythonName each change only their own field, and refuse a non-string there', () => {
    const m = chain().edit((e) => {
      const a = e.node('_model', 'a')!;
      e.updateLabel(a, 'choice');
      e.updatePythonName(a, 'features.a');
    });
    const a = node(m, 'a');
    expect(a.label).toBe('choice');
    expect(a.pythonName).toBe('features.a');
    const renamed = node(m.updatePythonName(a, 'blocks.a'), 'a');
    expect(renamed.label).toBe('choice');
    expect(renamed.pythonName).toBe('blocks.a');
    const relabelled = node(m.updateLabel(a, undefined), 'a');
    expect(relabelled.label).toBeUndefined();
    expect(relabelled.pythonName).toBe('features.a');
    expect(refusal(() => m.updateLabel(a, anything(1))).path).toEqual(['_model', 'nodes', 'a', 'label']);
    expect(refusal(() => m.updatePythonName(a, anything(1))).path).toEqual(['_model', 'nodes', 'a', 'pythonName']);
    expect(refusal(() => m.updateLabel(m.rootGraph.outputNode, 'x')).code).toBe('pseudo-node');
  });
});

describe('edges', () => {
  it('addEdge returns a handle naming the edge, both ends and both slots', () => {
    const m = chain();
    m.edit((e) => {
      const a = e.node('_model', 'a')!;
      const n = e.addNode('_model', 'n', Operation.new('N'));
      const handle = e.addEdge([a, 2], [n, -1]);
      expect(handle).toEqual({
        graphName: '_model',
        id: expect.any(Number) as number,
        head: { graphName: '_model', id: a.id, name: 'a' },
        tail: { graphName: '_model', id: n.id, name: 'n' },
        headSlot: 2,
        tailSlot: -1,
      });
      expect(handle.id).toBeGreaterThan(Math.max(...m.rootGraph.edges.map((x) => x.id)));
    });
  });

  it('an endpoint must be a [node, slot] pair whose node has a graph name', () => {
    const m = chain();
    const b = node(m, 'b');
    for (const bad of ['a', [b], [b, null, 0], [5, null], [null, null]]) {
      const e = refusal(() => m.addEdge(anything(bad), [b, 1]));
      expect(e.code).toBe('invalid-endpoint');
      expect(e.path).toEqual(['head']);
      expect(e.expected).toBe('a [node, slot] pair');
    }
    const e = refusal(() => m.addEdge([b, null], [anything({ id: 1 }), 0]));
    expect(e.code).toBe('invalid-endpoint');
    expect(e.path).toEqual(['tail']);
    expect(e.expected).toBe('a Node or a node handle');
  });

  it('refuses an edge between graphs, at the head’s graph', () => {
    const m = chain().edit((e) => void e.addNode('c', 'inner', Operation.new('I')));
    const e = refusal(() => m.addEdge([node(m, 'a'), null], [node(m, 'inner'), null]));
    expect(e.code).toBe('cross-graph-edge');
    expect(e.path).toEqual(['_model', 'edges']);
    expect(e.message).toContain('head is in "_model", tail in "c"');
  });

  it('refuses bad slots at graph/edges and names the edge', () => {
    const m = chain().addNode('_model', 'n', Operation.new('N'));
    const a = node(m, 'a');
    const n = node(m, 'n');
    const head = refusal(() => m.addEdge([a, -1], [n, null]));
    expect(head.code).toBe('invalid-slot');
    expect(head.path).toEqual(['_model', 'edges']);
    expect(head.expected).toContain('"a" -> "n"');
    const tail = refusal(() => m.addEdge([a, null], [n, -2]));
    expect(tail.path).toEqual(['_model', 'edges']);
    expect(tail.expected).toContain('"a" -> "n"');
    const outputs = refusal(() => m.addEdge([n, null], [m.rootGraph.outputNode, -1]));
    expect(outputs.code).toBe('invalid-slot');
    expect(outputs.received).toBe(-1);
    expect(outputs.expected).toContain('an output index below 1');
    const inputs = refusal(() => m.addEdge([m.rootGraph.inputNode, 1], [n, null]));
    expect(inputs.expected).toContain('an input index below 1');
  });

  it('a null slot on the io nodes of a graph with named (even no) inputs and outputs is accepted', () => {
    const m = Model.create({ inputs: [], outputs: [] }).edit((e) => {
      const n = e.addNode('_model', 'n', Operation.new('N'));
      e.addEdge([e.inputNode('_model'), null], [n, null]);
      e.addEdge([n, null], [e.outputNode('_model'), null]);
    });
    expect(m.rootGraph.edges.map(String)).toEqual(['_inputs -> n', 'n -> _outputs']);
  });

  it('refuses a self-loop even on a node without edges', () => {
    const m = chain().addNode('_model', 'lone', Operation.new('L'));
    const lone = node(m, 'lone');
    const e = refusal(() => m.addEdge([lone, null], [lone, 0]));
    expect(e.code).toBe('cycle');
    expect(e.received).toEqual(['lone']);
    expect(e.message).toContain('"lone" -> "lone"');
  });

  it('removeEdge refuses an edge that is gone, or a reference without a head, at graph/edges', () => {
    const m = chain();
    const ab = node(m, 'a').outgoingEdges[0]!;
    const without = m.removeNode(node(m, 'a'), { removeEdges: true });
    const gone = refusal(() => without.removeEdge(ab));
    expect(gone.code).toBe('unknown-edge');
    expect(gone.path).toEqual(['_model', 'edges']);
    expect(gone.message).toContain(`has no edge with id ${ab.id}`);
    for (const bad of [{ graphName: '_model', id: ab.id }, { graphName: '_model', id: ab.id, head: null }, Object.assign(() => 0, { graphName: '_model', id: ab.id, head: ab.head })]) {
      expect(refusal(() => m.removeEdge(anything(bad))).code).toBe('unknown-edge');
    }
  });
});
