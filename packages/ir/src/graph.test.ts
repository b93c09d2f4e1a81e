import { alg } from '@dagrejs/graphlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toGraphlib } from './graphlib-adapter.js';
import { Model } from './model.js';
import { Operation } from './operation.js';
import { modelArbitrary } from './test-support/model-arbitrary.js';

describe('Graph', () => {
  it('orders nodes like the reference’s Kahn sort: FIFO from the pseudo-nodes and by id', () => {
    // in -> a -> c ; in -> b -> c ; c -> out, with b added before a.
    const m = Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
      const b = e.addNode('_model', 'b', Operation.new('B'));
      const a = e.addNode('_model', 'a', Operation.new('A'));
      const c = e.addNode('_model', 'c', Operation.new('aten::add'));
      const free = e.addNode('_model', 'const', Operation.new('prim::Constant', { value: 1 }));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([e.inputNode('_model'), 0], [b, null]);
      e.addEdge([a, null], [c, 0]);
      e.addEdge([b, null], [c, 1]);
      e.addEdge([free, null], [c, 2]);
      e.addEdge([c, null], [e.outputNode('_model'), 0]);
    });
    expect(m.rootGraph.topologicalOrder().map((n) => n.name)).toEqual(['_inputs', 'const', 'a', 'b', 'c', '_outputs']);
  });

  it('agrees with graphlib: acyclic, and graphlib’s topsort is consistent with the same edges', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        for (const graph of model.graphs) {
          const lib = toGraphlib(graph);
          expect(lib.nodeCount()).toBe(graph.nodeCount);
          expect(lib.edgeCount()).toBe(graph.edgeCount);
          expect(alg.isAcyclic(lib)).toBe(graph.isAcyclic());
          expect(alg.findCycles(lib)).toEqual([]);
          const ours = graph.topologicalOrder().map((n) => n.id);
          const theirs = alg.topsort(lib).map(Number);
          expect([...ours].sort()).toEqual([...theirs].sort());
          expect(theirs.map((id) => lib.node(String(id)).name).sort()).toEqual(graph.nodes.map((n) => n.name).sort());
          for (const edge of graph.edges) {
            expect(ours.indexOf(edge.head.id)).toBeLessThan(ours.indexOf(edge.tail.id));
            expect(theirs.indexOf(edge.head.id)).toBeLessThan(theirs.indexOf(edge.tail.id));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sorts a 20,000-node chain without running out of stack (graphlib’s recursive topsort does not)', () => {
    const n = 20_000;
    const m = Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
      let previous = e.inputNode('_model');
      let slot: number | null = 0;
      for (let i = 0; i < n; i++) {
        const node = e.addNode('_model', `n${i}`, Operation.new('Identity'));
        e.addEdge([previous, slot], [node, null]);
        previous = node;
        slot = null;
      }
      e.addEdge([previous, null], [e.outputNode('_model'), 0]);
    });
    const order = m.rootGraph.topologicalOrder();
    expect(order).toHaveLength(n + 2);
    expect(order[1]!.name).toBe('n0');
    expect(order[n]!.name).toBe(`n${n - 1}`);
    m.lint();
    expect(() => alg.topsort(toGraphlib(m.rootGraph))).toThrow(RangeError);
  });

  it('lists nodes as inputs, outputs, then hidden nodes; looks up by type, label and python name', () => {
    const m = Model.create().edit((e) => {
      e.addNode('_model', 'x', Operation.new('Linear'), { label: 'L', pythonName: 'mod.x' });
      e.addNode('_model', 'y', Operation.new('Linear'), { label: 'L', pythonName: 'mod.x' });
    });
    const g = m.rootGraph;
    expect(g.nodes.map((n) => n.name)).toEqual(['_inputs', '_outputs', 'x', 'y']);
    expect(g.getNodesByType('Linear').map((n) => n.name)).toEqual(['x', 'y']);
    expect(g.getNodesByLabel('L').map((n) => n.name)).toEqual(['x', 'y']);
    expect(g.getNodeByPythonName('mod.x')!.name).toBe('x');
    expect(g.getNodeByName('_inputs')!.isInput).toBe(true);
    expect(g.getNodeById(9999)).toBeUndefined();
    expect(g.edgeById(9999)).toBeUndefined();
    expect(g.model).toBe(m);
    expect(g.hiddenNodes).toBe(g.hiddenNodes);
  });
});
