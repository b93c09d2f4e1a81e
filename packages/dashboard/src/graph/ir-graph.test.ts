import { describe, expect, it } from 'vitest';
import { layoutArchitecture } from './graph-layout.js';
import { irToGraph, modelIrOf, readIrGraphs } from './ir-graph.js';

const op = (type: string, parameters: Record<string, unknown> = {}) => ({ operation: { type, parameters } });
const cell = (cellName: string) => ({ operation: { type: '_cell', parameters: {}, cell_name: cellName } });
const edge = (head: string, tail: string, headSlot: number | null = null, tailSlot: number | null = null) => ({ head: [head, headSlot], tail: [tail, tailSlot] });
const id = (...path: string[]) => JSON.stringify(path);

/** The reference's sample: `_model` with a `stem` cell, then flatten, fc1, fc2, softmax. */
const mnist = {
  _model: {
    inputs: ['image'],
    outputs: ['metric'],
    nodes: { stem: cell('stem'), flatten: op('Flatten'), fc1: op('Dense', { units: 1024 }), fc2: op('Dense', { units: 10 }), softmax: op('Softmax') },
    edges: [edge('_inputs', 'stem', 0, 0), edge('stem', 'flatten', 0), edge('flatten', 'fc1'), edge('fc1', 'fc2'), edge('fc2', 'softmax'), edge('softmax', '_outputs', null, 0)],
  },
  stem: {
    inputs: null,
    outputs: null,
    nodes: { conv1: op('Conv2D'), pool1: op('MaxPool2D', { pool_size: 2 }), conv2: op('Conv2D'), pool2: op('MaxPool2D') },
    edges: [edge('_inputs', 'conv1'), edge('conv1', 'pool1'), edge('pool1', 'conv2'), edge('conv2', 'pool2'), edge('pool2', '_outputs')],
  },
  _evaluator: { type: 'FunctionalEvaluator' },
};

describe('irToGraph', () => {
  it('draws operations as nodes and expands a cell in place', () => {
    const graph = irToGraph(mnist)!;
    expect(graph.root).toBe('_model');
    expect(graph.clusters).toEqual([{ id: id('_model', 'stem'), name: 'stem', cellName: 'stem', parent: null }]);
    const inCell = graph.nodes.filter((n) => n.parent === id('_model', 'stem')).map((n) => n.name);
    expect(inCell.sort()).toEqual(['_inputs', '_outputs', 'conv1', 'conv2', 'pool1', 'pool2']);
    expect(graph.nodes.filter((n) => n.parent === null).map((n) => n.name)).toEqual(['_inputs', '_outputs', 'flatten', 'fc1', 'fc2', 'softmax']);
    expect(graph.nodes.find((n) => n.name === 'pool1')!.parameters).toEqual({ pool_size: 2 });
  });

  it('connects edges of a cell node to the cell graph inputs and outputs', () => {
    const { edges } = irToGraph(mnist)!;
    expect(edges).toContainEqual({ from: id('_model', '_inputs'), to: id('_model', 'stem', '_inputs') });
    expect(edges).toContainEqual({ from: id('_model', 'stem', '_outputs'), to: id('_model', 'flatten') });
    expect(edges).toContainEqual({ from: id('_model', 'stem', 'pool2'), to: id('_model', 'stem', '_outputs') });
    expect(edges).toHaveLength(11);
    const ids = new Set(irToGraph(mnist)!.nodes.map((n) => n.id));
    for (const e of edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('treats __proto__ and constructor as ordinary node names', () => {
    const ir = JSON.parse('{"_model":{"inputs":null,"outputs":null,"nodes":{"__proto__":{"operation":{"type":"Conv","parameters":{}}},"constructor":{"operation":{"type":"ReLU","parameters":{}},"label":"toString"}},"edges":[{"head":["__proto__",null],"tail":["constructor",null]}]}}') as unknown;
    const graph = irToGraph(ir)!;
    expect(graph.nodes.map((n) => n.name)).toEqual(['__proto__', 'constructor']);
    expect(graph.nodes[1]!.label).toBe('toString');
    expect(graph.edges).toEqual([{ from: id('_model', '__proto__'), to: id('_model', 'constructor') }]);
  });

  it('does not expand a missing or self-containing cell, and says why', () => {
    const ir = {
      _model: { inputs: null, outputs: null, nodes: { a: cell('loop'), b: cell('nowhere') }, edges: [edge('a', 'b')] },
      loop: { inputs: null, outputs: null, nodes: { again: cell('loop') }, edges: [] },
    };
    const graph = irToGraph(ir)!;
    expect(graph.clusters.map((c) => c.cellName)).toEqual(['loop']);
    const notes = Object.fromEntries(graph.nodes.filter((n) => n.kind === 'cell').map((n) => [n.name, n.note]));
    expect(notes).toEqual({ again: 'cell "loop" contains itself', b: 'cell graph "nowhere" is missing' });
    expect(graph.edges).toEqual([{ from: id('_model', 'a', '_outputs'), to: id('_model', 'b') }]);
  });

  it('stops expanding cells past maxNodes', () => {
    const graph = irToGraph(mnist, { maxNodes: 2 })!;
    expect(graph.clusters).toEqual([]);
    expect(graph.nodes.find((n) => n.name === 'stem')!.note).toMatch(/large/);
  });

  it('reads a document given as JSON text, and refuses what holds no graph', () => {
    expect(irToGraph(JSON.stringify(mnist))!.nodes).toHaveLength(irToGraph(mnist)!.nodes.length);
    expect(irToGraph({ lr: 0.1 })).toBeUndefined();
    expect(irToGraph('not json')).toBeUndefined();
    expect(readIrGraphs(mnist)!.has('_evaluator')).toBe(false);
  });

  it('finds the model of a NAS trial only', () => {
    expect(modelIrOf({ model: mnist, lr: 1 })).toBe(mnist);
    expect(modelIrOf({ model: 'resnet' })).toBeUndefined();
    expect(modelIrOf({ lr: 1 })).toBeUndefined();
  });
});

describe('layoutArchitecture', () => {
  it('places every node inside the drawing and each cell around its nodes', () => {
    const graph = irToGraph(mnist)!;
    const layout = layoutArchitecture(graph);
    expect(layout.nodes).toHaveLength(graph.nodes.length);
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
    const [stem] = layout.clusters;
    for (const n of layout.nodes.filter((m) => m.parent === stem!.id)) {
      expect(Math.abs(n.x - stem!.x)).toBeLessThanOrEqual(stem!.width / 2);
      expect(Math.abs(n.y - stem!.y)).toBeLessThanOrEqual(stem!.height / 2);
    }
    const y = (name: string) => layout.nodes.find((n) => n.name === name)!.y;
    expect(y('fc1')).toBeLessThan(y('fc2'));
    expect(y('pool2')).toBeLessThan(y('flatten'));
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });
});
