/**
 * What `loadModel` refuses, with the `IrFormatError` code and path a user needs to find the key, and
 * the exact shape `dumpModel` writes (optional keys are left out, not written as `undefined`).
 */
import { describe, expect, it } from 'vitest';
import { IrFormatError } from './errors.js';
import { dumpModel, loadModel, type GraphIr } from './ir-json.js';
import { Model } from './model.js';
import { Operation } from './operation.js';

/** x -> conv -> y, and a cell graph "c" used by "cell". */
function document(): { [graph: string]: any } {
  return {
    _model: {
      inputs: ['x'],
      outputs: ['y'],
      nodes: {
        conv: { operation: { type: 'Conv2d', parameters: { k: 3 } } },
        cell: { operation: { type: '_cell', parameters: {}, cell_name: 'c' } },
      },
      edges: [
        { head: ['_inputs', 0], tail: ['conv', null] },
        { head: ['conv', null], tail: ['_outputs', 0] },
      ],
    },
    c: { inputs: null, outputs: null, nodes: {}, edges: [] },
  };
}

/** The document with `change` applied to a fresh copy. */
function changed(change: (doc: { [graph: string]: any }) => void): unknown {
  const doc = document();
  change(doc);
  return doc;
}

function formatError(doc: unknown): IrFormatError {
  try {
    loadModel(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(IrFormatError);
    return error as IrFormatError;
  }
  throw new Error('expected an IrFormatError, but the document loaded');
}

function expectRefusal(doc: unknown, code: string, path: readonly (string | number)[]): IrFormatError {
  const e = formatError(doc);
  expect({ code: e.code, path: e.path }).toEqual({ code, path });
  return e;
}

describe('loadModel refuses', () => {
  it('a document without the root graph, saying so of the document', () => {
    const e = expectRefusal({ c: document()['c'] }, 'missing-root-graph', ['_model']);
    expect(e.message).toContain('the document has no root graph "_model"');
  });

  it('unknown keys, listing the allowed ones', () => {
    const e = expectRefusal(changed((d) => (d['c'].extra = 1)), 'unknown-key', ['c', 'extra']);
    expect(e.message).toContain('allowed keys are "inputs", "outputs", "nodes", "edges"');
    expectRefusal(changed((d) => (d['_model'].nodes.conv = { op: 1 })), 'unknown-key', ['_model', 'nodes', 'conv', 'op']);
    expectRefusal(changed((d) => (d['_model'].nodes.conv.operation = { kind: 'X' })), 'unknown-key', ['_model', 'nodes', 'conv', 'operation', 'kind']);
    expectRefusal(changed((d) => (d['_model'].edges[1] = { from: 1 })), 'unknown-key', ['_model', 'edges', 1, 'from']);
    expectRefusal(changed((d) => (d['_model'].edges[1].extra = 1)), 'unknown-key', ['_model', 'edges', 1, 'extra']);
  });

  it('io names that are not null or an array', () => {
    expectRefusal(changed((d) => (d['_model'].inputs = 'x')), 'invalid-ir', ['_model', 'inputs']);
    expectRefusal(changed((d) => (d['_model'].outputs = 5)), 'invalid-ir', ['_model', 'outputs']);
    expectRefusal(changed((d) => (d['_model'].outputs = ['y', 2])), 'invalid-ir', ['_model', 'outputs', 1]);
  });

  it('a node, operation or attributes that are not objects', () => {
    expectRefusal(changed((d) => (d['_model'].nodes.conv = 5)), 'invalid-ir', ['_model', 'nodes', 'conv']);
    expectRefusal(changed((d) => (d['_model'].nodes.conv.operation = 'Conv2d')), 'invalid-ir', ['_model', 'nodes', 'conv', 'operation']);
    expectRefusal(changed((d) => (d['_model'].nodes.conv.operation.attributes = [1])), 'invalid-ir', ['_model', 'nodes', 'conv', 'operation', 'attributes']);
  });

  it('an empty type, as a format error at the type', () => {
    expectRefusal(changed((d) => (d['_model'].nodes.conv.operation.type = '')), 'invalid-ir', ['_model', 'nodes', 'conv', 'operation', 'type']);
  });

  it('a cell naming no graph of the document, listing the graphs', () => {
    const e = expectRefusal(changed((d) => (d['_model'].nodes.cell.operation.cell_name = 'd')), 'unknown-graph', ['_model', 'nodes', 'cell', 'operation', 'cell_name']);
    expect(e.expected).toBe('the name of a graph of the document ("_model", "c")');
  });

  it('a python name that is not a string', () => {
    expectRefusal(changed((d) => (d['_model'].nodes.conv.python_name = 1)), 'invalid-ir', ['_model', 'nodes', 'conv', 'python_name']);
  });

  it('an edge or endpoint of the wrong shape', () => {
    expectRefusal(changed((d) => (d['_model'].edges[0] = 5)), 'invalid-ir', ['_model', 'edges', 0]);
    expectRefusal(changed((d) => (d['_model'].edges[1].head = [5, null])), 'invalid-ir', ['_model', 'edges', 1, 'head', 0]);
  });

  it('a cycle, found by lint over the whole graph rather than edge by edge', () => {
    const e = expectRefusal(
      changed((d) => {
        d['_model'].nodes.relu = { operation: { type: 'ReLU', parameters: {} } };
        d['_model'].edges.push({ head: ['conv', null], tail: ['relu', null] }, { head: ['relu', null], tail: ['conv', 1] });
        d['_model'].edges[0].tail[1] = 0;
      }),
      'cycle',
      ['_model', 'edges'],
    );
    expect(e.received).toEqual(['conv', 'relu']);
  });
});

describe('loadModel and errors that are not about the format', () => {
  it('lets an error thrown by a getter of the document through unchanged', () => {
    const boom = new RangeError('boom');
    const parameters = {
      get k(): number {
        throw boom;
      },
    };
    expect(() => loadModel(changed((d) => (d['_model'].nodes.conv.operation.parameters = parameters)))).toThrow(boom);
    let reads = 0;
    const inputs = ['x'];
    Object.defineProperty(inputs, 0, {
      get(): string {
        reads++;
        if (reads > 1) throw boom; // the loader reads it once, the editor again
        return 'x';
      },
    });
    expect(() => loadModel(changed((d) => (d['_model'].inputs = inputs)))).toThrow(boom);
  });
});

describe('dumpModel', () => {
  it('writes optional keys only when they have a value', () => {
    const m = Model.create().edit((e) => {
      e.addNode('_model', 'plain', Operation.new('P'));
      e.addNode('_model', 'full', Operation.new('F', { a: 1 }, { attributes: { note: 'n' } }), { label: 'l', pythonName: 'p.q' });
    });
    const nodes = (dumpModel(m)['_model'] as GraphIr).nodes;
    expect(Object.keys(nodes['plain']!)).toEqual(['operation']);
    expect(Object.keys(nodes['plain']!.operation)).toEqual(['type', 'parameters']);
    expect(Object.keys(nodes['full']!).sort()).toEqual(['label', 'operation', 'python_name']);
    expect(Object.keys(nodes['full']!.operation).sort()).toEqual(['attributes', 'parameters', 'type']);
    const cells = (dumpModel(loadModel(document()))['_model'] as GraphIr).nodes;
    expect(Object.keys(cells['cell']!.operation).sort()).toEqual(['cell_name', 'parameters', 'type']);
  });
});
