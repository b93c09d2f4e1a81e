import { describe, expect, it } from 'vitest';
import { formatPath, IrFormatError } from './errors.js';
import { dumpModel, loadModel } from './ir-json.js';
import { modelsEqual } from './model-equality.js';

/** A small TensorFlow-style MNIST network in the reference's IR: a `stem` cell and a dense head. */
function mnistDocument() {
  return {
    _model: {
      inputs: ['image'],
      outputs: ['metric'],
      nodes: {
        stem: { operation: { type: '_cell', parameters: {}, cell_name: 'stem' } },
        flatten: { operation: { type: 'Flatten', parameters: {} } },
        fc1: { operation: { type: 'Dense', parameters: { units: 1024, activation: 'relu' } } },
        fc2: { operation: { type: 'Dense', parameters: { units: 10 } } },
        softmax: { operation: { type: 'Softmax', parameters: {} } },
      },
      edges: [
        { head: ['_inputs', 0], tail: ['stem', 0] },
        { head: ['stem', 0], tail: ['flatten', null] },
        { head: ['flatten', null], tail: ['fc1', null] },
        { head: ['fc1', null], tail: ['fc2', null] },
        { head: ['fc2', null], tail: ['softmax', null] },
        { head: ['softmax', null], tail: ['_outputs', 0] },
      ],
    },
    stem: {
      nodes: {
        conv1: { operation: { type: 'Conv2D', parameters: { filters: 32, kernel_size: 5, activation: 'relu' } } },
        pool1: { operation: { type: 'MaxPool2D', parameters: { pool_size: 2 } } },
        conv2: { operation: { type: 'Conv2D', parameters: { filters: 64, kernel_size: 5, activation: 'relu' } } },
        pool2: { operation: { type: 'MaxPool2D', parameters: { pool_size: 2 } } },
      },
      edges: [
        { head: ['_inputs', 0], tail: ['conv1', null] },
        { head: ['conv1', null], tail: ['pool1', null] },
        { head: ['pool1', null], tail: ['conv2', null] },
        { head: ['conv2', null], tail: ['pool2', null] },
        { head: ['pool2', null], tail: ['_outputs', 0] },
      ],
    },
  };
}

/** The error `fn` throws, which must be an `IrFormatError`. */
function formatError(fn: () => unknown): IrFormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IrFormatError);
    return error as IrFormatError;
  }
  throw new Error('expected an IrFormatError, but nothing was thrown');
}

describe('loadModel / dumpModel', () => {
  it('round-trips the MNIST sample once missing inputs/outputs are filled with null', () => {
    const doc = mnistDocument();
    const model = loadModel(doc);
    model.lint();
    const expected = { ...doc, stem: { inputs: null, outputs: null, ...doc.stem } };
    expect(dumpModel(model)).toEqual(expected);
    expect(dumpModel(loadModel(JSON.parse(JSON.stringify(expected))))).toEqual(expected);
    // Same keys in the same order: the dump is byte-for-byte the canonical document.
    expect(JSON.stringify(dumpModel(model))).toBe(JSON.stringify(expected));
  });

  it('reads the sample into the expected graphs', () => {
    const model = loadModel(mnistDocument());
    expect(model.status).toBe('mutating');
    expect(model.graphs.map((g) => g.name)).toEqual(['_model', 'stem']);
    const root = model.rootGraph;
    expect(root.inputNames).toEqual(['image']);
    expect(root.hiddenNodes.map((n) => n.name)).toEqual(['stem', 'flatten', 'fc1', 'fc2', 'softmax']);
    expect(root.topologicalOrder().map((n) => n.name)).toEqual(['_inputs', 'stem', 'flatten', 'fc1', 'fc2', 'softmax', '_outputs']);
    const stem = model.getNodeByName('stem')!;
    expect(stem.cell.name).toBe('stem');
    expect(stem.cell.hiddenNodes.map((n) => n.name)).toEqual(['conv1', 'pool1', 'conv2', 'pool2']);
    expect(model.getNodesByType('Conv2D').map((n) => n.name)).toEqual(['conv1', 'conv2']);
    expect(model.getNodeByName('pool1')!.operation.parameters).toEqual({ pool_size: 2 });
    expect(root.getNodeByName('fc1')!.predecessors.map((n) => n.name)).toEqual(['flatten']);
  });

  it('keeps the evaluator, labels, python names and non-empty attributes', () => {
    const doc = {
      _model: {
        inputs: null,
        outputs: ['y'],
        nodes: {
          a: { operation: { type: 'Linear', parameters: { n: 1 }, attributes: { shape: [1, 2] } }, label: 'L', python_name: 'net.a' },
          b: { operation: { type: 'aten::add', parameters: {} } },
        },
        edges: [
          { head: ['_inputs', 0], tail: ['a', null] },
          { head: ['_inputs', 1], tail: ['b', 0] },
          { head: ['a', 0], tail: ['b', 1] },
          { head: ['b', null], tail: ['_outputs', 0] },
        ],
      },
      _evaluator: { type: 'FunctionalEvaluator', function: 'train', arguments: { lr: 0.1 } },
    };
    const model = loadModel(doc);
    expect(model.evaluator).toEqual(doc._evaluator);
    expect(model.getNodeByPythonName('net.a')!.label).toBe('L');
    expect(dumpModel(model)).toEqual(doc);
    expect(modelsEqual(loadModel(dumpModel(model)), model)).toBe(true);
  });

  it('writes empty attributes away (the canonical form omits them)', () => {
    const doc = mnistDocument();
    (doc._model.nodes.flatten.operation as Record<string, unknown>)['attributes'] = {};
    const dumped = dumpModel(loadModel(doc)) as typeof doc;
    expect(dumped._model.nodes.flatten.operation).toEqual({ type: 'Flatten', parameters: {} });
  });

  it('does not freeze or keep the caller’s document', () => {
    const doc = mnistDocument();
    const model = loadModel(doc);
    expect(Object.isFrozen(doc._model.nodes.fc1.operation.parameters)).toBe(false);
    doc._model.nodes.fc1.operation.parameters.units = 5;
    expect(model.getNodeByName('fc1')!.operation.parameters['units']).toBe(1024);
  });
});

describe('loadModel refuses malformed documents, saying where', () => {
  type Doc = ReturnType<typeof mnistDocument>;
  const cases: [string, (doc: Doc) => unknown, string, string][] = [
    ['a missing operation type', (d) => delete (d._model.nodes.flatten.operation as Partial<{ type: string }>).type, '_model/nodes/flatten/operation/type', 'invalid-ir'],
    ['a type that is not a string', (d) => ((d.stem.nodes.conv1.operation as { type: unknown }).type = 3), 'stem/nodes/conv1/operation/type', 'invalid-ir'],
    ['parameters that are not an object', (d) => ((d._model.nodes.fc1.operation as { parameters: unknown }).parameters = [1]), '_model/nodes/fc1/operation/parameters', 'invalid-ir'],
    ['a parameter that is not JSON', (d) => ((d._model.nodes.fc1.operation.parameters as Record<string, unknown>)['f'] = () => 1), '_model/nodes/fc1/operation/parameters/f', 'not-json'],
    ['an unknown node key', (d) => ((d._model.nodes.fc1 as Record<string, unknown>)['colour'] = 'red'), '_model/nodes/fc1/colour', 'unknown-key'],
    ['an unknown operation key', (d) => ((d._model.nodes.fc1.operation as Record<string, unknown>)['kind'] = 1), '_model/nodes/fc1/operation/kind', 'unknown-key'],
    ['an unknown graph key', (d) => ((d._model as Record<string, unknown>)['extra'] = 1), '_model/extra', 'unknown-key'],
    ['a cell naming a missing graph', (d) => (d._model.nodes.stem.operation.cell_name = 'nope'), '_model/nodes/stem/operation/cell_name', 'unknown-graph'],
    ['a cell_name on a plain operation', (d) => ((d._model.nodes.fc1.operation as Record<string, unknown>)['cell_name'] = 'stem'), '_model/nodes/fc1/operation/cell_name', 'invalid-ir'],
    ['a label that is not a string', (d) => ((d._model.nodes.fc1 as Record<string, unknown>)['label'] = 7), '_model/nodes/fc1/label', 'invalid-ir'],
    ['an edge to an unknown node', (d) => (d._model.edges[2]!.tail[0] = 'fc9'), '_model/edges[2]/tail[0]', 'unknown-node'],
    ['a slot that is not an integer', (d) => ((d._model.edges[3]!.head as unknown[])[1] = 'x'), '_model/edges[3]/head[1]', 'invalid-ir'],
    ['an endpoint that is not a pair', (d) => ((d._model.edges[1] as Record<string, unknown>)['head'] = ['stem']), '_model/edges[1]/head', 'invalid-ir'],
    ['an edge into _inputs', (d) => d._model.edges.push({ head: ['fc1', null], tail: ['_inputs', 0] }), '_model/edges[6]', 'edge-into-inputs'],
    ['an input slot beyond the graph inputs', (d) => (d._model.edges[0]!.head[1] = 1), '_model/edges[0]', 'invalid-slot'],
    ['edges that are not an array', (d) => ((d.stem as Record<string, unknown>)['edges'] = {}), 'stem/edges', 'invalid-ir'],
    ['missing nodes', (d) => delete (d.stem as Partial<Doc['stem']>).nodes, 'stem/nodes', 'invalid-ir'],
    ['inputs that are not names', (d) => ((d._model as Record<string, unknown>)['inputs'] = [1]), '_model/inputs[0]', 'invalid-ir'],
    ['a graph that is not an object', (d) => ((d as Record<string, unknown>)['other'] = 3), 'other', 'invalid-ir'],
    ['a node named like a pseudo-node', (d) => ((d._model.nodes as Record<string, unknown>)['_outputs'] = { operation: { type: 'X', parameters: {} } }), '_model/nodes/_outputs', 'invalid-node-name'],
    ['two edges into one input slot', (d) => d._model.edges.push({ head: ['flatten', null], tail: ['fc2', null] }), '_model/nodes/fc2', 'ambiguous-input'],
    ['a cell that contains itself', (d) => ((d.stem.nodes as Record<string, unknown>)['inner'] = { operation: { type: '_cell', parameters: {}, cell_name: 'stem' } }), 'stem', 'recursive-cell'],
    ['a non-JSON evaluator', (d) => ((d as Record<string, unknown>)['_evaluator'] = { f: Symbol('x') }), '_evaluator/f', 'not-json'],
  ];
  for (const [what, corrupt, path, code] of cases) {
    it(`${what}: ${path}`, () => {
      const doc = mnistDocument();
      corrupt(doc);
      const error = formatError(() => loadModel(doc));
      expect(formatPath(error.path)).toBe(path);
      expect(error.code).toBe(code);
      expect(error.message).toContain(path);
    });
  }

  it('a document that is not an object, or lacks the root graph', () => {
    expect(formatError(() => loadModel([1])).expected).toMatch(/object mapping graph names/);
    expect(formatError(() => loadModel(null)).path).toEqual([]);
    const doc: Partial<ReturnType<typeof mnistDocument>> = mnistDocument();
    delete doc._model;
    expect(formatError(() => loadModel(doc)).code).toBe('missing-root-graph');
  });

  it('a cycle, naming its nodes', () => {
    const doc = mnistDocument();
    doc._model.edges.push({ head: ['fc2', 0], tail: ['fc1', 1] });
    doc._model.edges[2]!.tail[1] = 0;
    const error = formatError(() => loadModel(doc));
    expect(error.code).toBe('cycle');
    expect(error.received).toEqual(['fc1', 'fc2']);
    expect(error.message).toContain('"fc1" -> "fc2" -> "fc1"');
  });

  it('an edge from a node to itself', () => {
    const doc = mnistDocument();
    doc._model.edges.push({ head: ['fc1', 0], tail: ['fc1', 1] });
    doc._model.edges[2]!.tail[1] = 0;
    const error = formatError(() => loadModel(doc));
    expect(error.code).toBe('cycle');
    expect(error.received).toEqual(['fc1']);
    expect(error.message).toContain('"fc1" -> "fc1"');
  });
});
