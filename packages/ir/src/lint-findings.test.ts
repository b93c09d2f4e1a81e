/**
 * Each invariant `lintModel` checks, broken one at a time in an otherwise valid record: the finding
 * is a `GraphError` with the code and path of that invariant (what `loadModel` and the tests rely on).
 */
import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { lintModel } from './lint.js';
import { createModel, Model, modelRecordOf } from './model.js';
import { NodeTable } from './node-table.js';
import { Operation } from './operation.js';
import type { EdgeRecord, GraphRecord, ModelRecord, NodeRecord } from './records.js';
import { thrownBy } from './test-support/test-lookups.js';

/** `_model`: x -> a -> b -> y (with a second input slot used by c -> b); `c`: an unused empty graph. */
function valid(): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] })
    .addGraph('c')
    .edit((e) => {
      const a = e.addNode('_model', 'a', Operation.new('A'));
      const b = e.addNode('_model', 'b', Operation.new('B'));
      const c = e.addNode('_model', 'c', Operation.new('C'));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([a, null], [b, 0]);
      e.addEdge([a, null], [c, null]);
      e.addEdge([c, null], [b, 1]);
      e.addEdge([b, null], [e.outputNode('_model'), 0]);
    });
}

type Change = (record: ModelRecord) => ModelRecord;

function corrupt(...changes: Change[]): Model {
  return createModel(changes.reduce((r, change) => change(r), modelRecordOf(valid())));
}

function graphOf(record: ModelRecord, name: string): GraphRecord {
  return record.graphs.find((g) => g.name === name)!;
}

function nodeOf(g: GraphRecord, name: string): NodeRecord {
  return g.nodes.get(g.names.get(name)!)!;
}

/** Changes one graph. */
function graph(name: string, change: (g: GraphRecord, record: ModelRecord) => GraphRecord): Change {
  return (r) => ({ ...r, graphs: r.graphs.map((g) => (g.name === name ? change(g, r) : g)) });
}

/** Changes one node of `_model` (its record stays frozen unless `frozen` is false). */
function node(name: string, change: (n: NodeRecord, g: GraphRecord) => object, frozen = true): Change {
  return graph('_model', (g) => {
    const n = nodeOf(g, name);
    const next = { ...n, ...change(n, g) } as NodeRecord;
    return { ...g, nodes: g.nodes.set(frozen ? Object.freeze(next) : next) };
  });
}

/** Changes the `index`th outgoing edge of a node of `_model`, on its head's list only. */
function outEdge(name: string, index: number, change: (e: EdgeRecord) => object, frozen = true): Change {
  return node(name, (n) => ({
    outEdges: n.outEdges.map((e, i) => (i === index ? (frozen ? Object.freeze({ ...e, ...change(e) }) : { ...e, ...change(e) }) : e)),
  }));
}

/** Adds a hidden node to a graph, with a fresh id. */
function addNode(graphName: string, name: string, operation: Operation, fields: Partial<NodeRecord> = {}): Change {
  return (r) => {
    const id = r.nextNodeId;
    const n = Object.freeze({ id, name, operation, label: undefined, pythonName: undefined, inEdges: [], outEdges: [], ...fields });
    return { ...graph(graphName, (g) => ({ ...g, nodes: g.nodes.set(n), names: g.names.set(name, id) }))(r), nextNodeId: id + 1 };
  };
}

/** The error lint throws on `model` (it must throw). */
const finding = (model: Model): GraphError => thrownBy(GraphError, () => lintModel(model));

function expectFinding(model: Model, code: string, path: readonly (string | number)[]): GraphError {
  const e = finding(model);
  expect({ code: e.code, path: e.path }).toEqual({ code, path });
  return e;
}

describe('the model', () => {
  it('accepts the valid base', () => {
    expect(() => valid().lint()).not.toThrow();
  });

  it('an unknown status, a graph name used twice, no root graph', () => {
    expectFinding(corrupt((r) => ({ ...r, status: 'done' as ModelRecord['status'] })), 'invalid-status', ['status']);
    expectFinding(corrupt((r) => ({ ...r, graphs: [...r.graphs, graphOf(r, 'c')] })), 'duplicate-graph', ['c']);
    expectFinding(corrupt((r) => ({ ...r, graphs: [graphOf(r, 'c')] })), 'missing-root-graph', ['_model']);
  });
});

describe('a graph', () => {
  it('a bad graph name', () => {
    for (const name of ['', '_evaluator', 7]) {
      expectFinding(corrupt(graph('c', (g) => ({ ...g, name: name as string }))), 'invalid-graph-name', [name as string]);
    }
  });

  it('io names that are not null or an array of strings', () => {
    expectFinding(corrupt(graph('c', (g) => ({ ...g, inputNames: ['x', 3] as string[] }))), 'invalid-io-names', ['c', 'inputs']);
    expectFinding(corrupt(graph('c', (g) => ({ ...g, outputNames: 'y' as unknown as string[] }))), 'invalid-io-names', ['c', 'outputs']);
    expect(() => corrupt(graph('c', (g) => ({ ...g, inputNames: [], outputNames: ['p', 'q'] }))).lint()).not.toThrow();
  });

  it('a pseudo-node with the wrong name or type, or with a label or python name', () => {
    expectFinding(
      corrupt(graph('c', (g) => ({ ...g, nodes: g.nodes.set(Object.freeze({ ...g.nodes.get(g.inputId)!, name: 'in' })) }))),
      'missing-pseudo-node',
      ['c', 'nodes', '_inputs'],
    );
    expectFinding(
      corrupt(graph('c', (g) => ({ ...g, nodes: g.nodes.set(Object.freeze({ ...g.nodes.get(g.outputId)!, operation: g.nodes.get(g.inputId)!.operation })) }))),
      'missing-pseudo-node',
      ['c', 'nodes', '_outputs'],
    );
    for (const field of [{ label: 'l' }, { pythonName: 'p' }]) {
      expectFinding(
        corrupt(graph('c', (g) => ({ ...g, nodes: g.nodes.set(Object.freeze({ ...g.nodes.get(g.outputId)!, ...field })) }))),
        'pseudo-node',
        ['c', 'nodes', '_outputs'],
      );
    }
  });

  it('a name index of another size than the nodes', () => {
    expectFinding(corrupt(graph('c', (g) => ({ ...g, names: g.names.set('ghost', 99) }))), 'name-index', ['c', 'nodes']);
  });
});

describe('a node', () => {
  it('with an id not below the next id', () => {
    const maxId = Math.max(...modelRecordOf(valid()).graphs.flatMap((g) => [...g.nodes.keys()]));
    const atNext = expectFinding(corrupt((r) => ({ ...r, nextNodeId: maxId })), 'node-id', ['_model', 'nodes', 'c']);
    expect(atNext.message).toContain(`node id ${maxId} is not below the model's next id ${maxId}`);
  });

  it('not frozen, or with a bad name, operation, label or python name', () => {
    expectFinding(corrupt(node('a', () => ({}), false)), 'not-frozen', ['_model', 'nodes', 'a']);
    expectFinding(
      corrupt(graph('c', (g) => ({ ...g, nodes: g.nodes.set(Object.freeze({ ...g.nodes.get(g.outputId)! })) })), addNode('c', '', Operation.new('E'))),
      'invalid-node-name',
      ['c', 'nodes', ''],
    );
    const numeric = corrupt(addNode('c', 'n', Operation.new('E'), { name: 5 as unknown as string }), graph('c', (g) => ({ ...g, names: g.names.delete('n').set(5 as unknown as string, [...g.nodes.keys()].at(-1)!) })));
    expect(finding(numeric).code).toBe('invalid-node-name');
    expectFinding(corrupt(addNode('c', 'n', { type: 'A' } as unknown as Operation)), 'invalid-operation', ['c', 'nodes', 'n', 'operation']);
    expectFinding(corrupt(addNode('c', 'n', Operation.new('A'), { label: 3 as unknown as string })), 'invalid-value', ['c', 'nodes', 'n', 'label']);
    expectFinding(corrupt(addNode('c', 'n', Operation.new('A'), { pythonName: 3 as unknown as string })), 'invalid-value', ['c', 'nodes', 'n', 'pythonName']);
    expect(() => corrupt(addNode('c', 'n', Operation.new('A'), { label: 'l', pythonName: 'p' })).lint()).not.toThrow();
  });

  it('a hidden node typed like a pseudo-node', () => {
    const root = modelRecordOf(valid()).graphs[0]!;
    for (const op of [root.nodes.get(root.inputId)!.operation, root.nodes.get(root.outputId)!.operation]) {
      expectFinding(corrupt(addNode('c', 'n', op)), 'pseudo-node', ['c', 'nodes', 'n']);
    }
  });

  it('a hidden node named like a pseudo-node, listed before the pseudo-nodes', () => {
    for (const name of ['_inputs', '_outputs']) {
      const m = corrupt((r) => {
        const base = r.nextNodeId;
        const c = graphOf(r, 'c');
        const hidden = Object.freeze({ id: base, name, operation: Operation.new('A'), label: undefined, pythonName: undefined, inEdges: [], outEdges: [] });
        const inputs = Object.freeze({ ...c.nodes.get(c.inputId)!, id: base + 1 });
        const outputs = Object.freeze({ ...c.nodes.get(c.outputId)!, id: base + 2 });
        const p: GraphRecord = {
          ...c,
          name: 'p',
          inputId: base + 1,
          outputId: base + 2,
          nodes: NodeTable.ofSorted([hidden, inputs, outputs]),
          names: c.names.set('_inputs', base + 1).set('_outputs', base + 2).set(name, base).set('pad', base + 1),
        };
        return { ...r, graphs: [...r.graphs, p], nextNodeId: base + 3 };
      });
      expectFinding(m, 'pseudo-node', ['p', 'nodes', name]);
    }
  });

  it('a cell naming the root graph', () => {
    const e = expectFinding(corrupt(addNode('c', 'up', Operation.cell('_model'))), 'recursive-cell', ['c', 'nodes', 'up', 'operation', 'cellName']);
    expect(e.message).toContain('cannot use the root graph');
  });
});

describe('edges', () => {
  it('an edge listed on the wrong node, or missing from the other end', () => {
    const a = () => nodeOf(graphOf(modelRecordOf(valid()), '_model'), 'a');
    const b = () => nodeOf(graphOf(modelRecordOf(valid()), '_model'), 'b');
    expectFinding(corrupt(outEdge('a', 0, () => ({ head: b().id }))), 'edge-list', ['_model', 'nodes', 'a']);
    // b keeps its edge from c but loses the one from a
    const missing = corrupt(node('b', (n) => ({ inEdges: n.inEdges.filter((e) => e.head !== a().id) })));
    expectFinding(missing, 'edge-list', ['_model', 'nodes', 'b']);
    const wrongTail = corrupt(node('b', (n) => ({ inEdges: n.inEdges.map((e) => (e.head === a().id ? Object.freeze({ ...e, tail: a().id }) : e)) })));
    expectFinding(wrongTail, 'edge-list', ['_model', 'nodes', 'b']);
  });

  it('an edge to a node the graph lacks, and one its head does not list', () => {
    expectFinding(corrupt(outEdge('a', 0, () => ({ tail: 999 }))), 'dangling-edge', ['_model', 'edges']);
    const c = () => nodeOf(graphOf(modelRecordOf(valid()), '_model'), 'c');
    // a still has other outgoing edges, but not the one into c
    const unlisted = corrupt(node('a', (n) => ({ outEdges: n.outEdges.filter((e) => e.tail !== c().id) })), graph('_model', (g) => ({ ...g, edgeCount: g.edgeCount - 1 })));
    const e = expectFinding(unlisted, 'dangling-edge', ['_model', 'nodes', 'c']);
    expect(e.message).toContain('is not listed by its head node');
    const headless = corrupt(node('c', (n) => ({ inEdges: n.inEdges.map((x) => Object.freeze({ ...x, head: 999 })) })));
    expectFinding(headless, 'dangling-edge', ['_model', 'nodes', 'c']);
  });

  it('an input slot fed twice names both heads', () => {
    const e = expectFinding(corrupt(node('b', (n) => ({ inEdges: n.inEdges.map((x) => Object.freeze({ ...x, tailSlot: 0 })) }))), 'slot-taken', ['_model', 'nodes', 'b']);
    expect(e.message).toContain('input slot 0 of node "b" is fed twice, from "a" and "c"');
  });

  it('an edge that is not frozen, reuses an id or is not below the next edge id', () => {
    expectFinding(corrupt(outEdge('a', 0, () => ({}), false)), 'not-frozen', ['_model', 'edges']);
    const reused = corrupt(graph('c', (g, r) => {
      const first = graphOf(r, '_model').nodes.entries()[0]![1].outEdges[0]!;
      const edge = Object.freeze({ id: first.id, head: g.inputId, headSlot: null, tail: g.outputId, tailSlot: null });
      const inputs = Object.freeze({ ...g.nodes.get(g.inputId)!, outEdges: [edge] });
      const outputs = Object.freeze({ ...g.nodes.get(g.outputId)!, inEdges: [edge] });
      return { ...g, nodes: g.nodes.set(inputs).set(outputs), edgeCount: 1 };
    }));
    expectFinding(reused, 'duplicate-edge-id', ['c', 'edges']);
    const maxEdge = Math.max(...valid().rootGraph.edges.map((x) => x.id));
    const e = expectFinding(corrupt((r) => ({ ...r, nextEdgeId: maxEdge })), 'edge-id', ['_model', 'edges']);
    expect(e.message).toContain(`edge id ${maxEdge} is not below the model's next edge id ${maxEdge}`);
  });

  it('slots out of range', () => {
    for (const headSlot of [-1, 0.5]) {
      expect(finding(corrupt(outEdge('a', 0, () => ({ headSlot })))).received).toBe(headSlot);
    }
    for (const tailSlot of [-2, 0.5]) {
      const e = expectFinding(corrupt(outEdge('a', 0, () => ({ tailSlot }))), 'invalid-slot', ['_model', 'edges']);
      expect(e.received).toBe(tailSlot);
    }
  });

  it('edges leaving _outputs or entering _inputs', () => {
    const outputs = corrupt((r) => {
      const id = r.nextEdgeId;
      return {
        ...graph('_model', (g) => {
          const out = g.nodes.get(g.outputId)!;
          const a = nodeOf(g, 'a');
          const edge = Object.freeze({ id, head: out.id, headSlot: null, tail: a.id, tailSlot: -1 });
          return { ...g, nodes: g.nodes.set(Object.freeze({ ...out, outEdges: [edge] })), edgeCount: g.edgeCount + 1 };
        })(r),
        nextEdgeId: id + 1,
      };
    });
    expectFinding(outputs, 'edge-from-outputs', ['_model', 'edges']);
    expectFinding(corrupt(outEdge('a', 0, () => ({ tail: 0 }))), 'edge-into-inputs', ['_model', 'edges']);
  });

  it('io slots beyond the named inputs and outputs', () => {
    const input = expectFinding(corrupt((r) => {
      const g = graphOf(r, '_model');
      const inputs = g.nodes.get(g.inputId)!;
      const e = Object.freeze({ ...inputs.outEdges[0]!, headSlot: 1 });
      return graph('_model', (gg) => ({ ...gg, nodes: gg.nodes.set(Object.freeze({ ...inputs, outEdges: [e] })) }))(r);
    }), 'invalid-slot', ['_model', 'edges']);
    expect(input.expected).toBe('an input index below 1');
    for (const tailSlot of [-1, 1]) {
      const e = expectFinding(corrupt(outEdge('b', 0, () => ({ tailSlot }))), 'invalid-slot', ['_model', 'edges']);
      expect(e.expected).toBe('an output index below 1');
    }
  });

  it('null slots on the io nodes of a graph with no named inputs or outputs are fine', () => {
    const m = Model.create({ inputs: [], outputs: [] }).edit((e) => {
      const n = e.addNode('_model', 'n', Operation.new('N'));
      e.addEdge([e.inputNode('_model'), null], [n, null]);
      e.addEdge([n, null], [e.outputNode('_model'), null]);
    });
    expect(() => lintModel(m)).not.toThrow();
  });
});

describe('cells', () => {
  it('finds cells that contain each other away from the root graph, starting where the search started', () => {
    const m = corrupt(
      (r) => ({ ...r, graphs: [...r.graphs, { ...graphOf(r, 'c'), name: 'p' }, { ...graphOf(r, 'c'), name: 'q' }] }),
      (r) => ({ ...r, graphs: r.graphs.filter((g) => g.name !== 'c') }),
    );
    // p and q share c's pseudo-node ids; give them their own.
    const fresh = (name: string, base: number): Change =>
      graph(name, (g) => {
        const i = Object.freeze({ ...g.nodes.get(g.inputId)!, id: base });
        const o = Object.freeze({ ...g.nodes.get(g.outputId)!, id: base + 1 });
        return { ...g, inputId: base, outputId: base + 1, nodes: NodeTable.ofSorted([i, o]), names: g.names.set('_inputs', base).set('_outputs', base + 1) };
      });
    const start = modelRecordOf(m).nextNodeId;
    const record = [
      fresh('p', start),
      fresh('q', start + 2),
      (r: ModelRecord) => ({ ...r, nextNodeId: start + 4 }),
      addNode('p', 'useQ', Operation.cell('q')),
      addNode('q', 'useP', Operation.cell('p')),
    ].reduce((r, change) => change(r), modelRecordOf(m));
    const e = expectFinding(createModel(record), 'recursive-cell', ['p']);
    expect(e.message).toBe('cells contain themselves: "p" -> "q" -> "p" (at "p")');
  });
});
