import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { Cell, looseEnds } from './cell.js';
import { nn } from './index.js';
import { Module } from './module.js';
import type { Tensor } from './tensor.js';
import { trace } from './trace.js';

const ops = () => [new nn.Conv2d(8, 8, 3, { padding: 1 }), new nn.MaxPool2d(3, { stride: 1, padding: 1 })];

class TwoInputs extends Module {
  constructor(readonly cell: Cell) {
    super();
  }
  forward(a: Tensor, b: Tensor) {
    return this.cell.call([a, b]);
  }
}

describe('Cell', () => {
  it('has the reference size and labels (CellSimple: 2 ops, 4 nodes, 2 ops per node, 2 predecessors)', () => {
    const cell = new Cell(ops(), 4, { numOpsPerNode: 2, numPredecessors: 2, label: 'cell' });
    expect(Object.keys(cell.simplify())).toHaveLength(16);
    expect(Object.keys(cell.simplify()).slice(0, 4)).toEqual(['cell/input_2_0', 'cell/input_2_1', 'cell/input_3_0', 'cell/input_3_1']);
    expect(cell.size).toBe(3_686_400);
    expect(new Cell(ops(), 4, { label: 'small' }).size).toBe(384);
  });

  it('concatenates every node with merge "all"', () => {
    const space = new TwoInputs(new Cell(ops(), 3, { numPredecessors: 2, label: 'all' }));
    const frozen = space.freeze(space.random(createRng(0)));
    expect(trace(frozen, [[null, 8, 4, 4], [null, 8, 4, 4]]).outputShapes).toEqual([[null, 24, 4, 4]]);
  });

  it('concatenates only the loose ends once frozen with merge "loose_end"', () => {
    const space = new TwoInputs(new Cell(ops(), 3, { numPredecessors: 2, merge: 'loose_end', label: 'le' }));
    const sample = { 'le/input_2_0': [0], 'le/op_2_0': 0, 'le/input_3_0': [2], 'le/op_3_0': 1, 'le/input_4_0': [2], 'le/op_4_0': 0 };
    const frozen = space.freeze(sample) as TwoInputs;
    expect(frozen.cell.outputNodeIndices).toEqual([3, 4]);
    expect(trace(frozen, [[null, 8, 4, 4], [null, 8, 4, 4]]).outputShapes).toEqual([[null, 16, 4, 4]]);
    expect(looseEnds(2, 3, [0, 2, 2])).toEqual([3, 4]);
    expect(space.cell.outputNodeIndices).toEqual([2, 3, 4]);
  });

  it('re-creates factory candidates with the chosen input index', () => {
    const seen: (number | null)[] = [];
    const cell = new Cell(
      [
        (_node: number, _op: number, input: number | null) => {
          seen.push(input);
          return new nn.Conv2d(8, 8, 3, { padding: 1, stride: 1 });
        },
      ],
      2,
      { numPredecessors: 2, label: 'f' },
    );
    expect(seen).toEqual([null, null]);
    cell.freeze({ 'f/input_2_0': [1], 'f/op_2_0': 0, 'f/input_3_0': [2], 'f/op_3_0': 0 });
    expect(seen.slice(2)).toEqual([1, 2]);
  });

  it('refuses the wrong number of predecessors', () => {
    const space = new TwoInputs(new Cell(ops(), 2, { numPredecessors: 3, label: 'w' }));
    expect(() => trace(space, [[null, 8, 4, 4], [null, 8, 4, 4]])).toThrow(/3 predecessors/);
  });
});

class Post extends Module {
  conv = new nn.Conv2d(16, 8, 1);
  forward(output: Tensor, inputs: Tensor[]) {
    expect(inputs).toHaveLength(2);
    return this.conv.call(output);
  }
}

describe('Cell pre- and postprocessors', () => {
  it('aligns predecessors with a preprocessor and reshapes the output with a postprocessor', () => {
    const cell = new Cell([new nn.Conv2d(8, 8, 1)], 2, {
      numPredecessors: 2,
      label: 'pp',
      preprocessor: (inputs) => inputs,
      postprocessor: new Post(),
      concatDim: 1,
    });
    const frozen = cell.freeze({ 'pp/input_2_0': [0], 'pp/op_2_0': 0, 'pp/input_3_0': [1], 'pp/op_3_0': 0 });
    const traced = trace(new TwoInputs(frozen as Cell), [[null, 8, 4, 4], [null, 8, 4, 4]]);
    expect(traced.outputShapes).toEqual([[null, 8, 4, 4]]);
    expect(traced.root.nodes.map((n) => n.type)).toEqual(['ChosenInputs', 'Conv2d', 'ChosenInputs', 'Conv2d', 'concat', 'Conv2d']);
  });
});
