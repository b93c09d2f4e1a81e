/**
 * Model-wide lookups across graphs, node views (pseudo-node flags, `is`, `cell`, `toString`), the
 * JSON form, and the status and JSON errors of the model's lifecycle methods.
 */
import { describe, expect, it } from 'vitest';
import { ArchspaceError, GraphError, IrFormatError, ModelStatusError } from './errors.js';
import { dumpModel } from './ir-json.js';
import { createModel, Model, modelRecordOf } from './model.js';
import { Operation } from './operation.js';
import { thrownBy } from './test-support/test-lookups.js';

/** x -> conv -> y in the root; "c" holds "inner" (python name body.inner) and is used by "cell". */
function sample(): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] })
    .addGraph('c')
    .edit((e) => {
      const conv = e.addNode('_model', 'conv', Operation.new('Conv2d', { k: 3 }));
      e.addNode('_model', 'cell', Operation.cell('c'));
      e.addNode('c', 'inner', Operation.new('ReLU'), { pythonName: 'body.inner' });
      e.addEdge([e.inputNode('_model'), 0], [conv, null]);
      e.addEdge([conv, null], [e.outputNode('_model'), 0]);
    });
}

const thrown = (fn: () => unknown): ArchspaceError => thrownBy(ArchspaceError, fn);

describe('lookups across graphs', () => {
  it('find nodes of later graphs by id and python name', () => {
    const m = sample();
    const inner = m.graph('c')!.getNodeByName('inner')!;
    expect(m.getNodeById(inner.id)).toBe(inner);
    expect(m.getNodeByPythonName('body.inner')).toBe(inner);
    expect(m.getNodeById(12345)).toBeUndefined();
  });

  it('hand out the same graph views each time', () => {
    const m = sample();
    expect(m.graphs).toBe(m.graphs);
    expect(m.rootGraph).toBe(m.rootGraph);
    expect(m.history).toBe(m.history);
  });
});

describe('node views', () => {
  it('only the pseudo-nodes are input, output and pseudo', () => {
    const m = sample();
    const conv = m.getNodeByName('conv')!;
    expect([conv.isInput, conv.isOutput, conv.isPseudo]).toEqual([false, false, false]);
    const out = m.rootGraph.outputNode;
    expect([out.isInput, out.isOutput, out.isPseudo]).toEqual([false, true, true]);
    const inp = m.rootGraph.inputNode;
    expect([inp.isInput, inp.isOutput, inp.isPseudo]).toEqual([true, false, true]);
  });

  it('is() needs the same id in the same graph', () => {
    const conv = sample().getNodeByName('conv')!;
    expect(conv.is({ graphName: '_model', id: conv.id })).toBe(true);
    expect(conv.is({ graphName: 'c', id: conv.id })).toBe(false);
    expect(conv.is({ graphName: '_model', id: conv.id + 1 })).toBe(false);
  });

  it('prints as "name: Type(params)"', () => {
    expect(sample().getNodeByName('conv')!.toString()).toBe('conv: Conv2d(k=3)');
  });

  it('cell refuses a node that is not a cell, and a cell whose graph is gone', () => {
    const m = sample();
    const notCell = thrown(() => m.getNodeByName('conv')!.cell);
    expect(notCell.code).toBe('not-a-cell');
    expect(notCell.path).toEqual(['_model', 'nodes', 'conv']);
    expect(m.getNodeByName('cell')!.cell.name).toBe('c');
    const record = modelRecordOf(m);
    const broken = createModel({ ...record, graphs: record.graphs.filter((g) => g.name !== 'c') });
    const gone = thrown(() => broken.getNodeByName('cell')!.cell);
    expect(gone).toBeInstanceOf(GraphError);
    expect(gone.code).toBe('unknown-graph');
    expect(gone.path).toEqual(['_model', 'nodes', 'cell', 'operation', 'cellName']);
    expect(gone.received).toBe('c');
  });
});

describe('the model as JSON and through its lifecycle', () => {
  it('JSON.stringify writes the JSON IR', () => {
    const m = sample();
    expect(JSON.parse(JSON.stringify(m))).toEqual(JSON.parse(JSON.stringify(dumpModel(m))));
  });

  it('refuses non-JSON evaluators and metrics at their key', () => {
    const create = thrown(() => Model.create({ evaluator: { f: Number.NaN } as never }));
    expect(create).toBeInstanceOf(IrFormatError);
    expect(create.path).toEqual(['evaluator', 'f']);
    expect(thrown(() => sample().withEvaluator([Symbol('s')] as never)).path).toEqual(['evaluator', 0]);
    const training = sample().withStatus('frozen').withStatus('training');
    expect(thrown(() => training.withMetric({ m: Infinity })).path).toEqual(['metric', 'm']);
    expect(thrown(() => training.withIntermediateMetric([undefined] as never)).path).toEqual(['intermediateMetrics', 0]);
  });

  it('names the status a change needs', () => {
    const frozen = sample().withStatus('frozen');
    const edit = thrown(() => frozen.addGraph('d'));
    expect(edit).toBeInstanceOf(ModelStatusError);
    expect(edit.code).toBe('model-not-mutating');
    expect(edit.path).toEqual(['status']);
    const metric = thrown(() => frozen.withMetric(1));
    expect(metric.code).toBe('wrong-status');
    expect(metric.path).toEqual(['status']);
    expect(metric.expected).toBe('"training" or "trained"');
    expect(metric.received).toBe('frozen');
    expect(metric.message).toContain('(it must be "training" or "trained")');
  });
});
