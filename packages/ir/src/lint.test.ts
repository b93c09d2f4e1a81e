import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { lintModel } from './lint.js';
import { createModel, Model, modelRecordOf } from './model.js';
import { Operation } from './operation.js';
import type { EdgeRecord, GraphRecord, ModelRecord, NodeRecord } from './records.js';
import { thrownBy } from './test-support/test-lookups.js';

/** in -> a -> b -> out, plus a cell graph "c" used by node "cell". */
function valid(): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] })
    .addGraph('c')
    .edit((e) => {
      const a = e.addNode('_model', 'a', Operation.new('A'));
      const b = e.addNode('_model', 'b', Operation.new('B'));
      e.addNode('_model', 'cell', Operation.cell('c'));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([a, null], [b, 0]);
      e.addEdge([b, null], [e.outputNode('_model'), 0]);
    });
}

/** A model whose record is `change` applied to a valid one's: how corruption would look. */
function corrupt(change: (record: ModelRecord, graph: (name: string) => GraphRecord) => ModelRecord): Model {
  const record = modelRecordOf(valid());
  return createModel(change(record, (name) => record.graphs.find((g) => g.name === name)!));
}

function replaceGraph(record: ModelRecord, graph: GraphRecord): ModelRecord {
  return { ...record, graphs: record.graphs.map((g) => (g.name === graph.name ? graph : g)) };
}

function nodeNamed(g: GraphRecord, name: string): NodeRecord {
  return g.nodes.get(g.names.get(name)!)!;
}

function withNodes(g: GraphRecord, ...nodes: NodeRecord[]): GraphRecord {
  let map = g.nodes;
  for (const n of nodes) map = map.set(n);
  return { ...g, nodes: map };
}

/** The error lint throws on `model` (it must throw). */
const lintError = (model: Model): GraphError => thrownBy(GraphError, () => lintModel(model));

describe('lint', () => {
  it('accepts a valid model and returns it from Model.lint', () => {
    const m = valid();
    expect(m.lint()).toBe(m);
    expect(() => m.rootGraph.lint()).not.toThrow();
  });

  it('finds a cycle and names its nodes', () => {
    const m = corrupt((record, graph) => {
      const g = graph('_model');
      const a = nodeNamed(g, 'a');
      const b = nodeNamed(g, 'b');
      const back: EdgeRecord = Object.freeze({ id: record.nextEdgeId, head: b.id, headSlot: null, tail: a.id, tailSlot: 1 });
      const a2 = Object.freeze({ ...a, inEdges: [...a.inEdges, back] });
      const b2 = Object.freeze({ ...b, outEdges: [...b.outEdges, back] });
      return { ...replaceGraph(record, { ...withNodes(g, a2, b2), edgeCount: g.edgeCount + 1 }), nextEdgeId: record.nextEdgeId + 1 };
    });
    const error = lintError(m);
    expect(error.code).toBe('ambiguous-input'); // "a" now has two inputs, one of them with a null slot
    const fixed = corrupt((record, graph) => {
      const g = graph('_model');
      const a = nodeNamed(g, 'a');
      const b = nodeNamed(g, 'b');
      const back: EdgeRecord = Object.freeze({ id: record.nextEdgeId, head: b.id, headSlot: null, tail: a.id, tailSlot: -1 });
      const into = a.inEdges.map((e) => Object.freeze({ ...e, tailSlot: -1 }));
      const inputs = g.nodes.get(g.inputId)!;
      const a2 = Object.freeze({ ...a, inEdges: [...into, back] });
      const b2 = Object.freeze({ ...b, outEdges: [...b.outEdges, back] });
      const in2 = Object.freeze({ ...inputs, outEdges: inputs.outEdges.map((e) => (e.tail === a.id ? into[0]! : e)) });
      return { ...replaceGraph(record, { ...withNodes(g, a2, b2, in2), edgeCount: g.edgeCount + 1 }), nextEdgeId: record.nextEdgeId + 1 };
    });
    const cycle = lintError(fixed);
    expect(cycle.code).toBe('cycle');
    expect(cycle.received).toEqual(['a', 'b']);
    expect(cycle.message).toContain('"a" -> "b" -> "a"');
    expect(fixed.rootGraph.isAcyclic()).toBe(false);
    expect(() => fixed.rootGraph.topologicalOrder()).toThrow(GraphError);
  });

  it('finds an edge listed on one end only, and a dangling edge', () => {
    const oneSided = corrupt((record, graph) => {
      const g = graph('_model');
      const b = nodeNamed(g, 'b');
      return replaceGraph(record, withNodes(g, Object.freeze({ ...b, inEdges: [] })));
    });
    expect(lintError(oneSided).code).toBe('edge-list');
    const dangling = corrupt((record, graph) => {
      const g = graph('_model');
      const b = nodeNamed(g, 'b');
      return replaceGraph(record, { ...g, nodes: g.nodes.delete(b.id), names: g.names.delete('b') });
    });
    expect(lintError(dangling).code).toBe('dangling-edge');
  });

  it('finds a wrong name index, a wrong edge count and reused ids', () => {
    const names = corrupt((record, graph) => {
      const g = graph('_model');
      return replaceGraph(record, { ...g, names: g.names.set('b', nodeNamed(g, 'a').id) });
    });
    expect(lintError(names).code).toBe('duplicate-node');
    const count = corrupt((record, graph) => replaceGraph(record, { ...graph('_model'), edgeCount: 7 }));
    expect(lintError(count).message).toContain('counts 7 edges but holds 3');
    const reused = corrupt((record, graph) => {
      const c = graph('c');
      const a = nodeNamed(graph('_model'), 'a');
      const twin = Object.freeze({ ...a, inEdges: [], outEdges: [] });
      return replaceGraph(record, { ...c, nodes: c.nodes.set(twin), names: c.names.set('a', a.id) });
    });
    expect(lintError(reused).code).toBe('duplicate-node-id');
    const future = corrupt((record) => ({ ...record, nextNodeId: 3 }));
    expect(lintError(future).code).toBe('node-id');
  });

  it('finds cells that do not resolve or contain themselves', () => {
    const missing = corrupt((record) => ({ ...record, graphs: record.graphs.filter((g) => g.name !== 'c') }));
    const error = lintError(missing);
    expect(error.code).toBe('unknown-graph');
    expect(error.path).toEqual(['_model', 'nodes', 'cell', 'operation', 'cellName']);
    const recursive = corrupt((record, graph) => {
      const c = graph('c');
      const id = record.nextNodeId;
      const self: NodeRecord = Object.freeze({ id, name: 'me', operation: Operation.cell('c'), label: undefined, pythonName: undefined, inEdges: [], outEdges: [] });
      return { ...replaceGraph(record, { ...c, nodes: c.nodes.set(self), names: c.names.set('me', id) }), nextNodeId: id + 1 };
    });
    expect(lintError(recursive).message).toMatch(/cells contain themselves: "c" -> "c"/);
  });

  it('finds a missing root graph and missing pseudo-nodes', () => {
    const noRoot = createModel({ ...modelRecordOf(Model.create()), graphs: [] });
    expect(lintError(noRoot).code).toBe('missing-root-graph');
    const noInputs = corrupt((record, graph) => {
      const c = graph('c');
      return replaceGraph(record, { ...c, nodes: c.nodes.delete(c.inputId), names: c.names.delete('_inputs') });
    });
    expect(lintError(noInputs).code).toBe('missing-pseudo-node');
  });
});
