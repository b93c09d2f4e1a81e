import { describe, expect, it } from 'vitest';
import { InvalidMutation, IrFormatError, ModelStatusError } from './errors.js';
import type { ModelEditor } from './model-editor.js';
import { Model } from './model.js';
import type { Node } from './node.js';
import { Operation } from './operation.js';
import { nodeNamed, thrownBy } from './test-support/test-lookups.js';

/** x -> conv -> relu -> y */
function chain(): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] }).edit((e) => {
    const conv = e.addNode('_model', 'conv', Operation.new('Conv2d', { out_channels: 16 }), { label: 'op', pythonName: 'features.conv' });
    const relu = e.addNode('_model', 'relu', Operation.new('ReLU'), { label: 'act' });
    e.addEdge([e.inputNode('_model'), 0], [conv, null]);
    e.addEdge([conv, null], [relu, null]);
    e.addEdge([relu, null], [e.outputNode('_model'), 0]);
  });
}

const node = nodeNamed;

const refusal = (fn: () => unknown): InvalidMutation => thrownBy(InvalidMutation, fn);

describe('Model.create and lookups', () => {
  it('starts mutating with an empty root graph', () => {
    const m = Model.create();
    expect(m.status).toBe('mutating');
    expect(m.graphs.map((g) => g.name)).toEqual(['_model']);
    expect(m.rootGraph.nodes.map((n) => n.name)).toEqual(['_inputs', '_outputs']);
    expect(m.rootGraph.inputNames).toBeNull();
    expect(m.rootGraph.inputNode.isInput).toBe(true);
    expect(m.rootGraph.outputNode.isPseudo).toBe(true);
    expect(m.rootGraph.inputNode.operation.type).toBe('_inputs');
    expect(m.history).toEqual([]);
    expect(m.metric).toBeUndefined();
    expect(m.evaluator).toBeUndefined();
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('finds nodes by name, id, label, type and python name', () => {
    const m = chain();
    const conv = node(m, 'conv');
    expect(m.getNodeById(conv.id)!.name).toBe('conv');
    expect(m.getNodeByPythonName('features.conv')!.name).toBe('conv');
    expect(m.getNodesByLabel('act').map((n) => n.name)).toEqual(['relu']);
    expect(m.getNodesByType('Conv2d').map((n) => n.name)).toEqual(['conv']);
    expect(m.getNodesByType('_inputs')).toEqual([]);
    expect(m.getNodeByName('missing')).toBeUndefined();
    expect([...m.nodes()].map((n) => n.name)).toEqual(['_inputs', '_outputs', 'conv', 'relu']);
    expect(m.rootGraph.nodeCount).toBe(4);
    expect(m.rootGraph.edgeCount).toBe(3);
  });

  it('follows edges: predecessors, successors, incoming and outgoing edges', () => {
    const m = chain();
    const conv = node(m, 'conv');
    expect(conv.predecessors.map((n) => n.name)).toEqual(['_inputs']);
    expect(conv.successors.map((n) => n.name)).toEqual(['relu']);
    const [into] = conv.incomingEdges;
    expect(into!.head.name).toBe('_inputs');
    expect(into!.headSlot).toBe(0);
    expect(into!.tailSlot).toBeNull();
    expect(conv.outgoingEdges.map((e) => e.toString())).toEqual(['conv -> relu']);
    expect(m.rootGraph.edges.map(String)).toEqual(['_inputs[0] -> conv', 'conv -> relu', 'relu -> _outputs[0]']);
  });

  it('lists predecessors once each, sorted by id, with multi-edges', () => {
    const m = chain().edit((e) => {
      const conv = e.node('_model', 'conv')!;
      const cat = e.addNode('_model', 'cat', Operation.new('aten::cat'));
      e.addEdge([conv, null], [cat, 1]);
      e.addEdge([e.inputNode('_model'), 0], [cat, 2]);
      e.addEdge([conv, null], [cat, 0]);
    });
    const cat = node(m, 'cat');
    expect(cat.predecessors.map((n) => n.name)).toEqual(['_inputs', 'conv']);
    expect(cat.incomingEdges.map((e) => e.tailSlot)).toEqual([1, 2, 0]);
    expect(node(m, 'conv').successors.map((n) => n.name)).toEqual(['relu', 'cat']);
  });
});

describe('mutations', () => {
  it('addNode refuses duplicate and reserved names', () => {
    const m = chain();
    expect(refusal(() => m.addNode('_model', 'conv', Operation.new('X'))).code).toBe('duplicate-node');
    expect(refusal(() => m.addNode('_model', '_inputs', Operation.new('X'))).code).toBe('invalid-node-name');
    expect(refusal(() => m.addNode('_model', '', Operation.new('X'))).code).toBe('invalid-node-name');
    expect(refusal(() => m.addNode('nope', 'a', Operation.new('X'))).code).toBe('unknown-graph');
    expect(refusal(() => m.addNode('_model', 'a', { type: 'X' } as unknown as Operation)).code).toBe('invalid-operation');
  });

  it('addEdge refuses a cycle and names the nodes on it', () => {
    const m = chain();
    const error = refusal(() => m.addEdge([node(m, 'relu'), null], [node(m, 'conv'), 0]));
    expect(error.code).toBe('cycle');
    expect(error.received).toEqual(['relu', 'conv']);
    expect(error.message).toContain('"relu" -> "conv" -> "relu"');
    const self = refusal(() => m.addEdge([node(m, 'relu'), null], [node(m, 'relu'), 0]));
    expect(self.received).toEqual(['relu']);
  });

  it('addEdge names every node of a longer cycle, in order', () => {
    let m = chain();
    m = m.addNode('_model', 'bn', Operation.new('BatchNorm'));
    m = m.edit((e) => {
      const relu = e.node('_model', 'relu')!;
      const bn = e.node('_model', 'bn')!;
      e.addEdge([relu, null], [bn, null]);
    });
    const error = refusal(() => m.addEdge([node(m, 'bn'), null], [node(m, 'conv'), 1]));
    expect(error.received).toEqual(['bn', 'conv', 'relu']);
  });

  it('addEdge refuses edges out of _outputs, into _inputs, across graphs and bad slots', () => {
    const m = chain().addGraph('cell', { inputs: ['a'], outputs: ['b'] });
    const g = m.rootGraph;
    expect(refusal(() => m.addEdge([g.outputNode, 0], [node(m, 'conv'), 0])).code).toBe('edge-from-outputs');
    expect(refusal(() => m.addEdge([node(m, 'conv'), 0], [g.inputNode, 0])).code).toBe('edge-into-inputs');
    expect(refusal(() => m.addEdge([m.graph('cell')!.inputNode, 0], [node(m, 'conv'), 0])).code).toBe('cross-graph-edge');
    expect(refusal(() => m.addEdge([g.inputNode, 1], [node(m, 'relu'), 1])).code).toBe('invalid-slot');
    expect(refusal(() => m.addEdge([node(m, 'conv'), -1], [node(m, 'relu'), 1])).code).toBe('invalid-slot');
    expect(refusal(() => m.addEdge([node(m, 'conv'), 0], [node(m, 'relu'), -2])).code).toBe('invalid-slot');
    expect(refusal(() => m.addEdge([node(m, 'conv'), 0], [g.outputNode, 1])).code).toBe('invalid-slot');
  });

  it('refuses an input slot fed twice, but an edit may move an edge through it', () => {
    const m = chain();
    const error = refusal(() => m.addEdge([m.rootGraph.inputNode, 0], [node(m, 'relu'), null]));
    expect(error.code).toBe('ambiguous-input');
    expect(error.message).toContain('"relu"');
    const moved = m.edit((e) => {
      e.addEdge([e.inputNode('_model'), 0], [node(m, 'relu'), null]);
      e.removeEdge(node(m, 'relu').incomingEdges[0]!);
    });
    expect(node(moved, 'relu').predecessors.map((n) => n.name)).toEqual(['_inputs']);
    moved.lint();
    const cat = m.addNode('_model', 'cat', Operation.new('aten::cat')).edit((e) => {
      e.addEdge([e.node('_model', 'conv')!, null], [e.node('_model', 'cat')!, 0]);
    });
    const taken = refusal(() => cat.addEdge([cat.rootGraph.inputNode, 0], [node(cat, 'cat'), 0]));
    expect(taken.code).toBe('slot-taken');
    const unordered = m.addNode('_model', 'sum', Operation.new('Sum')).edit((e) => {
      const sum = e.node('_model', 'sum')!;
      e.addEdge([e.node('_model', 'conv')!, null], [sum, -1]);
      e.addEdge([e.node('_model', 'relu')!, null], [sum, -1]);
    });
    expect(node(unordered, 'sum').predecessors).toHaveLength(2);
  });

  it('removeEdge and removeNode', () => {
    const m = chain();
    const relu = node(m, 'relu');
    expect(refusal(() => m.removeNode(relu)).code).toBe('node-has-edges');
    expect(refusal(() => m.removeNode(m.rootGraph.inputNode, { removeEdges: true })).code).toBe('pseudo-node');
    const without = m.edit((e) => {
      for (const edge of [...relu.incomingEdges, ...relu.outgoingEdges]) e.removeEdge(edge);
      e.removeNode(relu);
    });
    expect(without.getNodeByName('relu')).toBeUndefined();
    expect(without.rootGraph.edgeCount).toBe(1);
    const at = m.removeNode(relu, { removeEdges: true });
    expect(at.rootGraph.edges.map(String)).toEqual(['_inputs[0] -> conv']);
    expect(refusal(() => at.removeNode(relu)).code).toBe('unknown-node');
    expect(refusal(() => at.removeEdge(relu.incomingEdges[0]!)).code).toBe('unknown-edge');
    at.lint();
  });

  it('insertNodeOnEdge keeps the outer slots and uses single slots inside', () => {
    const m = chain();
    const edge = m.rootGraph.edges[0]!;
    const next = m.insertNodeOnEdge(edge, 'bn', Operation.new('BatchNorm2d'), { label: 'norm' });
    expect(next.rootGraph.edges.map(String)).toEqual(['conv -> relu', 'relu -> _outputs[0]', '_inputs[0] -> bn', 'bn -> conv']);
    expect(node(next, 'bn').label).toBe('norm');
    expect(next.rootGraph.topologicalOrder().map((n) => n.name)).toEqual(['_inputs', 'bn', 'conv', 'relu', '_outputs']);
    next.lint();
  });

  it('updateOperation takes an operation or an immer recipe', () => {
    const m = chain();
    const conv = node(m, 'conv');
    const a = m.updateOperation(conv, Operation.new('Conv2d', { out_channels: 32 }));
    expect(node(a, 'conv').operation.parameters).toEqual({ out_channels: 32 });
    const b = m.updateOperation(conv, (op) => {
      op.parameters['kernel_size'] = 3;
    });
    expect(node(b, 'conv').operation.parameters).toEqual({ out_channels: 16, kernel_size: 3 });
    expect(node(m, 'conv').operation.parameters).toEqual({ out_channels: 16 });
    expect(refusal(() => m.updateOperation(m.rootGraph.outputNode, Operation.new('X'))).code).toBe('pseudo-node');
  });

  it('updateLabel and updatePythonName set and clear', () => {
    const m = chain();
    const conv = node(m, 'conv');
    const labelled = m.updateLabel(conv, 'other');
    expect(labelled.getNodesByLabel('other').map((n) => n.name)).toEqual(['conv']);
    expect(labelled.getNodesByLabel('op')).toEqual([]);
    expect(node(m.updateLabel(conv, undefined), 'conv').label).toBeUndefined();
    expect(node(m.updatePythonName(conv, 'a.b'), 'conv').pythonName).toBe('a.b');
    expect(refusal(() => m.updateLabel(conv, 3 as unknown as string)).code).toBe('invalid-value');
    expect(refusal(() => m.updateLabel(m.rootGraph.inputNode, 'x')).code).toBe('pseudo-node');
  });

  it('specializeCell copies the cell graph with fresh ids and re-points the node', () => {
    let m = Model.create({ inputs: ['x'], outputs: ['y'] }).addGraph('block', { inputs: ['i'], outputs: ['o'] });
    m = m.edit((e) => {
      const conv = e.addNode('block', 'conv', Operation.new('Conv2d', { k: 3 }));
      e.addEdge([e.inputNode('block'), 0], [conv, null]);
      e.addEdge([conv, null], [e.outputNode('block'), 0]);
      const a = e.addNode('_model', 'a', Operation.cell('block'));
      const b = e.addNode('_model', 'b', Operation.cell('block'));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([a, null], [b, null]);
      e.addEdge([b, null], [e.outputNode('_model'), 0]);
    });
    expect(node(m, 'a').cell.name).toBe('block');
    const s = m.specializeCell(node(m, 'a'));
    expect(node(s, 'a').operation.cellName).toBe('block_a');
    expect(node(s, 'b').operation.cellName).toBe('block');
    const copy = s.graph('block_a')!;
    expect(copy.inputNames).toEqual(['i']);
    expect(copy.edges.map(String)).toEqual(s.graph('block')!.edges.map(String));
    const ids = new Set(s.graph('block')!.nodes.map((n) => n.id));
    expect(copy.nodes.some((n) => ids.has(n.id))).toBe(false);
    const changed = s.updateOperation(copy.getNodeByName('conv')!, Operation.new('Conv2d', { k: 5 }));
    expect(changed.graph('block')!.getNodeByName('conv')!.operation.parameters['k']).toBe(3);
    expect(changed.graph('block_a')!.getNodeByName('conv')!.operation.parameters['k']).toBe(5);
    s.lint();
    const again = s.updateOperation(node(s, 'b'), Operation.cell('block')).specializeCell(node(s, 'b'));
    expect(again.graph('block_b')).toBeDefined();
    expect(refusal(() => m.specializeCell(m.rootGraph.inputNode)).code).toBe('not-a-cell');
    expect(() => node(m, 'a').cell.name).not.toThrow();
    expect(() => m.rootGraph.inputNode.cell).toThrow(/not a cell/);
  });

  it('cells must name an existing graph other than the root, and may not contain themselves', () => {
    const m = Model.create().addGraph('c');
    expect(refusal(() => m.addNode('_model', 'x', Operation.cell('missing'))).code).toBe('unknown-graph');
    expect(refusal(() => m.addNode('_model', 'x', Operation.cell('_model'))).code).toBe('recursive-cell');
    expect(refusal(() => m.addNode('c', 'x', Operation.cell('c'))).code).toBe('recursive-cell');
    const two = m.addGraph('d').addNode('c', 'x', Operation.cell('d'));
    expect(refusal(() => two.addNode('d', 'y', Operation.cell('c'))).message).toContain('"d" -> "c" -> "d"');
    // A cell may be named before its graph exists, within one edit.
    const later = m.edit((e) => {
      e.addNode('_model', 'x', Operation.cell('e'));
      e.addGraph('e');
    });
    later.lint();
  });

  it('addGraph and removeGraph', () => {
    const m = Model.create().addGraph('c');
    expect(refusal(() => m.addGraph('c')).code).toBe('duplicate-graph');
    expect(refusal(() => m.addGraph('_evaluator')).code).toBe('invalid-graph-name');
    expect(refusal(() => m.removeGraph('_model')).code).toBe('remove-root-graph');
    const used = m.addNode('_model', 'x', Operation.cell('c'));
    expect(refusal(() => used.removeGraph('c')).message).toContain('"_model/x"');
    expect(m.removeGraph('c').graphs.map((g) => g.name)).toEqual(['_model']);
  });

  it('an edit that throws makes no model, and its editor dies with it', () => {
    const m = chain();
    const before = JSON.stringify(m);
    let leaked: ModelEditor | undefined;
    expect(() =>
      m.edit((e) => {
        leaked = e;
        e.addNode('_model', 'extra', Operation.new('X'));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(JSON.stringify(m)).toBe(before);
    expect(refusal(() => leaked!.addNode('_model', 'late', Operation.new('X'))).code).toBe('editor-closed');
    const after = m.edit((e) => {
      leaked = e;
    });
    expect(after).toBe(m);
    expect(refusal(() => leaked!.addNode('_model', 'late', Operation.new('X'))).code).toBe('editor-closed');
  });

  it('nodes from a parent model refer to the same nodes in its forks', () => {
    const m = chain();
    const conv = node(m, 'conv');
    const child = m.fork().updateLabel(conv, 'x');
    expect(child.getNodeById(conv.id)!.label).toBe('x');
    expect(conv.is(node(child, 'conv'))).toBe(true);
    expect(conv.is(node(child, 'relu'))).toBe(false);
  });
});

describe('lifecycle', () => {
  it('fork keeps graphs, history and evaluator and resets status and metrics', () => {
    const trained = chain()
      .withEvaluator({ type: 'classification' })
      .withStatus('frozen')
      .withStatus('training')
      .withIntermediateMetric(0.5)
      .withMetric({ default: 0.9, loss: 0.1 })
      .withStatus('trained');
    expect(trained.intermediateMetrics).toEqual([0.5]);
    expect(trained.metric).toEqual({ default: 0.9, loss: 0.1 });
    const child = trained.fork();
    expect(child.status).toBe('mutating');
    expect(child.metric).toBeUndefined();
    expect(child.intermediateMetrics).toEqual([]);
    expect(child.evaluator).toEqual({ type: 'classification' });
    expect(child.equals(trained)).toBe(true);
    expect(trained.status).toBe('trained');
    expect(trained.metric).toEqual({ default: 0.9, loss: 0.1 });
  });

  it('refuses structural changes unless mutating, pointing to fork()', () => {
    const frozen = chain().withStatus('frozen');
    for (const attempt of [
      () => frozen.addNode('_model', 'x', Operation.new('X')),
      () => frozen.updateLabel(node(frozen, 'conv'), 'y'),
      () => frozen.withEvaluator({}),
    ]) {
      try {
        attempt();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ModelStatusError);
        expect((error as ModelStatusError).code).toBe('model-not-mutating');
        expect((error as Error).message).toContain('fork()');
      }
    }
  });

  it('refuses illegal transitions and metrics at the wrong time', () => {
    const m = chain();
    expect(() => m.withStatus('training')).toThrow(/from "mutating" it may only move to "frozen"/);
    expect(() => m.withMetric(1)).toThrow(ModelStatusError);
    expect(() => m.withStatus('frozen').withIntermediateMetric(1)).toThrow(ModelStatusError);
    const training = m.withStatus('frozen').withStatus('training');
    expect(() => training.withMetric(Number.NaN)).toThrow(IrFormatError);
    expect(training.withStatus('failed').status).toBe('failed');
    expect(() => training.withStatus('failed').withStatus('trained')).toThrow(/final/);
  });

  it('evaluators and metrics are frozen JSON copies', () => {
    const evaluator = { type: 'x', args: { lr: 0.1 } };
    const m = Model.create({ evaluator });
    evaluator.args.lr = 1;
    expect(m.evaluator).toEqual({ type: 'x', args: { lr: 0.1 } });
    expect(Object.isFrozen(m.evaluator)).toBe(true);
    expect(() => Model.create({ evaluator: { f: () => 1 } as never })).toThrow(IrFormatError);
    expect(m.withEvaluator(undefined).evaluator).toBeUndefined();
  });
});

describe('printing', () => {
  it('prints a table of nodes with their inputs', () => {
    const text = chain().toString();
    expect(text).toContain('Model(status=mutating)');
    expect(text).toContain('graph _model (inputs: x; outputs: y; 4 nodes, 3 edges)');
    expect(text).toMatch(/id\s+name\s+type\s+label\s+parameters\s+inputs/);
    expect(text).toMatch(/conv\s+Conv2d\s+op\s+\{"out_channels":16\}\s+_inputs\[0\]/);
    expect(text).toMatch(/_outputs\s+_outputs\s+0=relu/);
  });
});
