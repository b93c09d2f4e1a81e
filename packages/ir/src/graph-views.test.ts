/**
 * How a graph reads: its table (`toString`), its lookups and views (stable objects, found by id, name,
 * python name, label, type), and the order and cycle algorithms behind them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { findCycle, findPath, kahnOrder, nodeIdsInListOrder, type GraphShape } from './graph-algorithms.js';
import { createModel, Model, modelRecordOf } from './model.js';
import { Mutator } from './mutator.js';
import { NodeTable } from './node-table.js';
import { Operation } from './operation.js';
import type { EdgeRecord, NodeRecord } from './records.js';
import { FixedSampler } from './sampler.js';

/** Inputs x and z; a (labelled, 48-character parameters), cat (three ordered inputs), cell (two unordered). */
function sample(): Model {
  return Model.create({ inputs: ['x', 'z'], outputs: null, evaluator: { kind: 'cls' } })
    .addGraph('c')
    .edit((e) => {
      const a = e.addNode('_model', 'a', Operation.new('A', { k: 'x'.repeat(40) }), { label: 'lab' });
      const cat = e.addNode('_model', 'cat', Operation.new('aten::cat'));
      const cell = e.addNode('_model', 'cell', Operation.cell('c', { n: 1 }));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([a, 1], [cat, 2]);
      e.addEdge([e.inputNode('_model'), 1], [cat, 0]);
      e.addEdge([a, null], [cat, 1]);
      e.addEdge([cat, null], [cell, -1]);
      e.addEdge([a, null], [cell, -1]);
      e.addEdge([cell, null], [e.outputNode('_model'), 0]);
    });
}

describe('the table of a model', () => {
  it('lists each graph in topological order with aligned columns and inputs by slot', () => {
    expect(sample().toString()).toBe(
      [
        'Model(status=mutating, evaluator={"kind":"cls"})',
        'graph _model (inputs: x, z; outputs: -; 5 nodes, 7 edges)',
        '  id  name      type       label  parameters                                        inputs',
        '  0   _inputs   _inputs',
        '  4   a         A          lab    {"k":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}  _inputs[0]',
        '  5   cat       aten::cat                                                           0=_inputs[1], 1=a, 2=a[1]',
        '  6   cell      _cell             cell=c {"n":1}                                    *=cat, *=a',
        '  1   _outputs  _outputs                                                            0=cell',
        'graph c (inputs: -; outputs: -; 2 nodes, 0 edges)',
        '  id  name      type      label  parameters  inputs',
        '  2   _inputs   _inputs',
        '  3   _outputs  _outputs',
      ].join('\n'),
    );
  });

  it('clips parameters past 48 characters, and shows a cell without parameters by its name alone', () => {
    const m = Model.create().edit((e) => {
      e.addNode('_model', 'long', Operation.new('L', { k: 'y'.repeat(41) }));
      e.addNode('_model', 'bare', Operation.cell('_model_body'));
      e.addGraph('_model_body');
    });
    const rows = m.rootGraph.toString().split('\n');
    expect(rows.find((r) => r.includes(' long '))).toContain(`{"k":"${'y'.repeat(39)}...`);
    expect(rows.find((r) => r.includes(' bare '))!.trimEnd().endsWith('cell=_model_body')).toBe(true);
  });

  it('orders inputs by slot, then unordered ones by edge id', () => {
    const m = Model.create({ inputs: ['x'] }).edit((e) => {
      const [p, q, r, t, u] = ['p', 'q', 'r', 't', 'u'].map((n) => e.addNode('_model', n, Operation.new('X')));
      e.addEdge([q!, null], [t!, 1]);
      e.addEdge([p!, null], [t!, 2]);
      e.addEdge([r!, null], [t!, 0]);
      for (const head of [r!, p!, q!]) e.addEdge([head, null], [u!, -1]);
    });
    const row = (name: string) => m.rootGraph.toString().split('\n').find((line) => line.includes(` ${name} `))!;
    expect(row('t').endsWith('0=r, 1=q, 2=p')).toBe(true);
    expect(row('u').endsWith('*=r, *=p, *=q')).toBe(true);
  });

  it('sums up history and metric in the first line', () => {
    class Pick extends Mutator {
      mutate(model: Model): Model {
        this.choice([1, 2]);
        return model;
      }
    }
    const mutated = new Pick('pick', new FixedSampler({ pick: [2] })).apply(Model.create());
    const trained = mutated.withStatus('training').withMetric(0.5);
    expect(trained.toString().split('\n')[0]).toBe('Model(status=training, history=[pick], metric=0.5)');
  });
});

describe('graph views', () => {
  it('hand out the same node, edge and list objects each time', () => {
    const g = sample().rootGraph;
    expect(g.edges).toBe(g.edges);
    expect(g.topologicalOrder()).toBe(g.topologicalOrder());
    const a = g.getNodeByName('a')!;
    expect(g.getNodeById(a.id)).toBe(a);
    expect(g.getNodesByLabel('lab')[0]).toBe(a);
    const edge = g.edges[3]!;
    expect(g.edgeById(edge.id)).toBe(edge);
    expect(a.outgoingEdges[0]).toBe(a.outgoingEdges[0]);
    expect(g.getNodeByName('cell')!.incomingEdges[1]).toBe(g.edges.find((e) => e.toString() === 'a -> cell[-1]'));
  });

  it('hand out one node object per id, whatever order the lookups come in', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(4), { minLength: 1, maxLength: 12 }), (picks) => {
        const g = sample().rootGraph;
        const ids = [...g.nodes].map((n) => n.id).sort((x, y) => x - y);
        const seen = new Map<number, unknown>();
        for (const pick of picks) {
          const id = ids[pick % ids.length]!;
          const node = pick % 2 === 0 ? g.getNodeById(id)! : g.getNodeByName(g.getNodeById(id)!.name)!;
          expect(node.id).toBe(id);
          if (seen.has(id)) expect(node).toBe(seen.get(id));
          seen.set(id, node);
        }
        for (const node of g.nodes) expect(g.getNodeById(node.id)).toBe(node);
      }),
    );
  });

  it('edgeById finds any edge by id, before the edge list is read too', () => {
    const g = sample().rootGraph;
    const ids = sample().rootGraph.edges.map((e) => e.id);
    expect(g.edgeById(ids[4]!)!.toString()).toBe('cat -> cell[-1]');
    expect(g.edgeById(ids[0]!)!.id).toBe(ids[0]);
    expect(g.edgeById(-5)).toBeUndefined();
  });

  it('finds nodes by python name, and by type among the hidden nodes only', () => {
    const m = sample().edit((e) => void e.updatePythonName(e.node('_model', 'cat')!, 'features.cat'));
    expect(m.rootGraph.getNodeByPythonName('features.cat')!.name).toBe('cat');
    expect(m.rootGraph.getNodeByPythonName('features.dog')).toBeUndefined();
    expect(m.getNodeByPythonName('nothing')).toBeUndefined();
    expect(m.rootGraph.getNodesByType('_outputs')).toEqual([]);
    expect(m.rootGraph.getNodesByType('_inputs')).toEqual([]);
    expect(m.rootGraph.getNodesByType('A').map((n) => n.name)).toEqual(['a']);
  });

  it('a node without a label or python name is not found by looking up an absent one', () => {
    const g = sample().rootGraph;
    const cat = g.getNodeByName('cat')!;
    expect(g.getNodesByLabel(cat.label as string)).toEqual([]);
    expect(g.getNodeByPythonName(cat.pythonName as string)).toBeUndefined();
  });

  it('lint() of a graph and topologicalOrder() report a broken record; an acyclic one still has an order', () => {
    const record = modelRecordOf(sample());
    const root = record.graphs[0]!;
    const miscounted = createModel({ ...record, graphs: [{ ...root, edgeCount: 99 }, ...record.graphs.slice(1)] });
    expect(() => miscounted.rootGraph.lint()).toThrow(GraphError);
    expect(miscounted.rootGraph.topologicalOrder().map((n) => n.name)).toEqual(['_inputs', 'a', 'cat', 'cell', '_outputs']);
  });
});

/** A graph shape from `[id, name, outgoing tails]`; edges get ids in the order listed. */
function shape(inputId: number, outputId: number, nodes: [number, number[]][]): GraphShape {
  let nextEdge = 0;
  const edges: EdgeRecord[] = [];
  for (const [head, tails] of nodes) for (const tail of tails) edges.push({ id: nextEdge++, head, headSlot: null, tail, tailSlot: -1 });
  const map = NodeTable.of(
    nodes.map(
      ([id]): NodeRecord => ({
        id,
        name: `n${id}`,
        operation: Operation.new('X'),
        label: undefined,
        pythonName: undefined,
        inEdges: edges.filter((e) => e.tail === id),
        outEdges: edges.filter((e) => e.head === id),
      }),
    ),
  );
  return { nodes: map, inputId, outputId };
}

describe('graph algorithms', () => {
  it('list order puts the pseudo-nodes first, then the others in id order', () => {
    expect(nodeIdsInListOrder(shape(1, 2, [[5, []], [1, []], [2, []], [7, []]]))).toEqual([1, 2, 5, 7]);
  });

  it('Kahn leaves over only the nodes on or after a cycle, and skips missing pseudo-nodes', () => {
    // 0 -> 3 -> 4 <-> 5, 4 -> 1 (the output)
    const { order, leftover } = kahnOrder(shape(0, 1, [[0, [3]], [1, []], [3, [4]], [4, [5, 1]], [5, [4]]]));
    expect(order).toEqual([0, 3]);
    expect(leftover).toEqual([1, 4, 5]);
    expect(kahnOrder(shape(0, 1, [[0, [3]], [3, []]]))).toEqual({ order: [0, 3], leftover: [] });
  });

  it('findCycle returns the cycle alone, not the path that led to it', () => {
    // 0 -> 3 -> 4 -> 5 -> 4
    expect(findCycle(shape(0, 1, [[0, [3]], [3, [4]], [4, [5]], [5, [4]]]), [0])).toEqual([4, 5]);
  });

  it('findCycle finds a cycle away from the inputs, and ignores ids the graph lacks', () => {
    const g = shape(0, 1, [[0, []], [1, []], [3, [4]], [4, [3]]]);
    expect(findCycle(g, nodeIdsInListOrder(g))).toEqual([3, 4]);
    expect(findCycle(g, [9])).toBeUndefined();
  });

  it('findPath: a node reaches itself; each node is entered once, by its first edge', () => {
    const g = shape(0, 1, [[0, [3, 4]], [3, [6]], [4, [3]], [6, []]]);
    expect(findPath(g, 4, 4)).toEqual([4]);
    expect(findPath(g, 0, 6)).toEqual([0, 3, 6]);
    expect(findPath(g, 6, 0)).toBeUndefined();
  });

  it('findPath ends on a cyclic graph, and on an edge to a node the graph lacks', () => {
    const g = shape(0, 1, [[0, [3]], [3, [4, 9]], [4, [3]], [7, []]]);
    expect(findPath(g, 0, 7)).toBeUndefined();
  });
});
