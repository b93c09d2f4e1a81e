import { describe, expect, it } from 'vitest';
import { ConstraintViolation } from '@archspace/ir';
import { createRng } from '../rng.js';
import { nn } from './index.js';
import { NasBench101Cell } from './nasbench101-cell.js';
import { FrozenNasBench101Cell } from './nasbench101-frozen-cell.js';
import { trace } from './trace.js';

function makeCell(options: { maxNumNodes?: number; maxNumEdges?: number } = {}) {
  return new NasBench101Cell(
    { conv: (c: number) => new nn.Conv2d(c, c, 3, { padding: 1 }), pool: () => new nn.MaxPool2d(3, { stride: 1, padding: 1 }) },
    10,
    16,
    (i: number, o: number) => new nn.Conv2d(i, o, 1),
    { label: 'c', ...options },
  );
}

function sampleOf(n: number, inputs: number[][]): Record<string, unknown> {
  const sample: Record<string, unknown> = { 'c/num_nodes': n };
  for (let i = 1; i < n - 1; i++) sample[`c/op${i}`] = 'conv';
  inputs.forEach((sources, i) => (sample[`c/input${i + 1}`] = sources));
  return sample;
}

describe('NasBench101Cell', () => {
  it('has the reference decisions and the num_nodes prior ∝ 2^n', () => {
    const cell = makeCell();
    expect(Object.keys(cell.simplify())).toEqual([
      'c/num_nodes', 'c/op1', 'c/op2', 'c/op3', 'c/op4', 'c/op5', 'c/input1', 'c/input2', 'c/input3', 'c/input4', 'c/input5', 'c/input6',
    ]);
    expect(cell.domain).toMatchObject({ values: [2, 3, 4, 5, 6, 7] });
    const weights = (cell.domain as unknown as { weights: number[] }).weights.map((w) => Number(w.toFixed(4)));
    expect(weights).toEqual([0.0159, 0.0317, 0.0635, 0.127, 0.254, 0.5079]);
  });

  it.each([
    [2, [[0]], true, [10, 16]],
    [3, [[0], [0]], true, [10, 16]],
    [3, [[], [1]], false, null],
    [3, [[0], [1]], true, [10, 16, 16]],
    [4, [[0], [0, 1], [1, 2]], true, [10, 8, 8, 16]],
    [4, [[0], [0], [0, 1, 2]], true, [10, 8, 8, 16]],
    [7, [[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0], [0]], false, null],
  ])('num_nodes %i with inputs %j: valid %s, widths %j', (n, inputs, valid, channels) => {
    const cell = makeCell();
    const sample = sampleOf(n, inputs);
    const error = cell.checkContains(sample);
    expect(error === undefined).toBe(valid);
    if (!valid) {
      expect(error).toBeInstanceOf(ConstraintViolation);
      expect(error!.message).toMatch(/at most|less than/);
      return;
    }
    const frozen = cell.freeze(sample) as FrozenNasBench101Cell;
    expect(frozen.channels).toEqual(channels);
    expect(trace(frozen, [[null, 10, 8, 8]]).outputShapes).toEqual([[null, 16, 8, 8]]);
  });

  it('ignores decisions of vertices beyond num_nodes', () => {
    expect(makeCell().contains({ ...sampleOf(3, [[0], [1]]), 'c/op4': 'junk', 'c/input6': 'junk' })).toBe(true);
  });

  it('draws only valid cells, as the reference strategies retry until they do', () => {
    const cell = makeCell({ maxNumNodes: 5, maxNumEdges: 7 });
    for (let seed = 0; seed < 30; seed++) {
      const sample = cell.random(createRng(seed));
      expect(cell.contains(sample)).toBe(true);
      expect(trace(cell.freeze(sample), [[null, 10, 8, 8]]).outputShapes).toEqual([[null, 16, 8, 8]]);
    }
  });
});
