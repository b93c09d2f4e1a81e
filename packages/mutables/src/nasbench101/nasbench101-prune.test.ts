import { SampleValidationError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { pruneNasBench101 } from './index.js';

describe('pruneNasBench101', () => {
  it('keeps a cell whose every vertex is on an input → output path', () => {
    const matrix = [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]];
    const ops = ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'output'];
    expect(pruneNasBench101(matrix, ops)).toEqual({ valid: true, matrix, ops, kept: [0, 1, 2, 3] });
  });

  it('removes a vertex the input does not reach and one that does not reach the output', () => {
    // 0 → 2 → 4, 1 → 2 (1 unreachable from the input), 2 → 3 (3 a dead end)
    const matrix = [
      [0, 0, 1, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    const pruned = pruneNasBench101(matrix, ['input', 'a', 'b', 'c', 'output']);
    expect(pruned).toEqual({ valid: true, matrix: [[0, 1, 0], [0, 0, 1], [0, 0, 0]], ops: ['input', 'b', 'output'], kept: [0, 2, 4] });
  });

  it('marks a cell whose output the input cannot reach as invalid', () => {
    const pruned = pruneNasBench101([[0, 1, 0], [0, 0, 0], [0, 0, 0]], ['input', 'maxpool3x3', 'output']);
    expect(pruned.valid).toBe(false);
    expect(pruned.kept).toEqual([]);
    expect(pruneNasBench101([[0]], ['input']).valid).toBe(false);
  });

  it('works on integer labels and leaves its inputs alone', () => {
    const matrix = [[0, 1, 1], [0, 0, 0], [0, 0, 0]];
    const labels = [-1, 2, -2];
    expect(pruneNasBench101(matrix, labels)).toMatchObject({ valid: true, matrix: [[0, 1], [0, 0]], ops: [-1, -2] });
    expect(matrix).toEqual([[0, 1, 1], [0, 0, 0], [0, 0, 0]]);
    expect(labels).toEqual([-1, 2, -2]);
  });

  it('rejects a matrix that is not square or ops of the wrong length', () => {
    expect(() => pruneNasBench101([[0, 1], [0]], ['input', 'output'])).toThrow(SampleValidationError);
    expect(() => pruneNasBench101([[0, 1], [0, 0]], ['input'])).toThrow(/nasbench101-ops-length/);
  });
});
