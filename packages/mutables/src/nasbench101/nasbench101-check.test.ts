import { ConstraintViolation, SampleValidationError } from '@archspace/ir';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { NASBENCH101_LIMITS, NASBENCH101_OPS, assertNasBench101Cell, checkNasBench101Cell } from './index.js';

/** The matrix NNI's NasBench101Cell builds: `input{i}` lists the sources of vertex i. */
function fromInputs(inputs: number[][]): { matrix: number[][]; ops: string[] } {
  const n = inputs.length + 1;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  inputs.forEach((sources, i) => {
    for (const k of sources) matrix[k]![i + 1] = 1;
  });
  const ops = ['input', ...Array.from({ length: n - 2 }, (_, i) => NASBENCH101_OPS[i % 3]!), 'output'];
  return { matrix, ops };
}

describe('checkNasBench101Cell', () => {
  // nni-behaviour §1.8, worked examples (in=10, out=16, max_num_edges=9); NNI counts edges before pruning.
  const worked: { inputs: number[][]; valid: boolean; pruned?: number[][] }[] = [
    { inputs: [[0]], valid: true, pruned: [[0, 1], [0, 0]] },
    { inputs: [[0], [0]], valid: true, pruned: [[0, 1], [0, 0]] },
    { inputs: [[], [1]], valid: false },
    { inputs: [[0], [1]], valid: true, pruned: [[0, 1, 0], [0, 0, 1], [0, 0, 0]] },
    { inputs: [[0], [0, 1], [1, 2]], valid: true },
    { inputs: [[0], [0], [0, 1, 2]], valid: true },
    { inputs: [[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0], [0]], valid: false },
  ];
  for (const { inputs, valid, pruned } of worked) {
    it(`NNI worked example ${JSON.stringify(inputs)} is ${valid ? 'valid' : 'invalid'}`, () => {
      const { matrix, ops } = fromInputs(inputs);
      const check = checkNasBench101Cell(matrix, ops, { countEdges: 'original' });
      expect(check.valid).toBe(valid);
      if (check.valid) expect(check.pruned.matrix).toEqual(pruned ?? matrix);
    });
  }

  it('says why the NNI examples are invalid', () => {
    const disconnected = checkNasBench101Cell(fromInputs([[], [1]]).matrix, fromInputs([[], [1]]).ops);
    expect(disconnected.valid).toBe(false);
    if (!disconnected.valid) {
      expect(disconnected.reason).toContain('less than');
      expect(disconnected.error).toBeInstanceOf(ConstraintViolation);
      expect(disconnected.error.code).toBe('nasbench101-disconnected');
    }
    const dense = fromInputs([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0], [0]]);
    const tooMany = checkNasBench101Cell(dense.matrix, dense.ops, { countEdges: 'original' });
    expect(tooMany.valid).toBe(false);
    if (!tooMany.valid) {
      expect(tooMany.reason).toContain('at most 9 edges');
      expect(tooMany.reason).toContain('12');
      expect(tooMany.error.code).toBe('nasbench101-too-many-edges');
    }
  });

  it('counts edges after pruning by default, as the benchmark does', () => {
    // The 12-edge example prunes to input → output, which the benchmark's is_valid accepts.
    const dense = fromInputs([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0], [0]]);
    const check = checkNasBench101Cell(dense.matrix, dense.ops);
    expect(check.valid).toBe(true);
    if (check.valid) expect(check.pruned).toMatchObject({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'], kept: [0, 6] });
    // A connected 10-edge cell stays invalid.
    const ten = fromInputs([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3]]);
    const verdict = checkNasBench101Cell(ten.matrix, ten.ops);
    expect(verdict.valid).toBe(false);
    if (!verdict.valid) expect(verdict.reason).toMatch(/at most 9 edges after pruning, got 10/);
  });

  it('limits the pruned vertex count', () => {
    const chain = fromInputs([[0], [1], [2], [3], [4], [5], [6]]); // 8 vertices in a chain
    const check = checkNasBench101Cell(chain.matrix, chain.ops);
    expect(check.valid).toBe(false);
    if (!check.valid) {
      expect(check.reason).toMatch(/at most 7 vertices/);
      expect(check.error.code).toBe('nasbench101-too-many-vertices');
    }
    expect(checkNasBench101Cell(chain.matrix, chain.ops, { maxVertices: 8 }).valid).toBe(true);
    // Extra vertices that dangle do not count.
    const dangling = fromInputs([[0], [1], [2], [3], [4], [0], [0]]);
    expect(checkNasBench101Cell(dangling.matrix, dangling.ops).valid).toBe(true);
  });

  it('checks the ops of the pruned cell only', () => {
    const matrix = [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]];
    expect(checkNasBench101Cell(matrix, ['input', 'maxpool3x3', 'conv7x7', 'output']).valid).toBe(true);
    const bad = checkNasBench101Cell(matrix, ['input', 'conv7x7', 'maxpool3x3', 'output']);
    expect(bad.valid).toBe(false);
    if (!bad.valid) {
      expect(bad.error.code).toBe('nasbench101-unsupported-op');
      expect(bad.error.path).toEqual(['ops', 1]);
      expect(bad.error).not.toBeInstanceOf(ConstraintViolation);
    }
    expect(checkNasBench101Cell(matrix, ['in', 'maxpool3x3', 'x', 'output']).valid).toBe(false);
    expect(checkNasBench101Cell(matrix, ['input', 'maxpool3x3', 'x', 'out']).valid).toBe(false);
    expect(checkNasBench101Cell(matrix, ['input', 'conv7x7', 'x', 'output'], { ops: ['conv7x7'] }).valid).toBe(true);
  });

  it('rejects malformed matrices and ops with a SampleValidationError', () => {
    const cases: [unknown, unknown, string][] = [
      [[[0, 1], [0]], ['input', 'output'], 'nasbench101-matrix-not-square'],
      [[[0, 2], [0, 0]], ['input', 'output'], 'nasbench101-matrix-entry'],
      [[[0, 1], [1, 0]], ['input', 'output'], 'nasbench101-matrix-not-upper-triangular'],
      [[[1, 1], [0, 0]], ['input', 'output'], 'nasbench101-matrix-not-upper-triangular'],
      [[[0, 1], [0, 0]], ['input'], 'nasbench101-ops-length'],
      [[[0, 1], [0, 0]], ['input', 3], 'nasbench101-ops'],
      ['matrix', ['input', 'output'], 'nasbench101-matrix-not-square'],
    ];
    for (const [matrix, ops, code] of cases) {
      const check = checkNasBench101Cell(matrix as number[][], ops as string[]);
      expect(check.valid).toBe(false);
      if (!check.valid) {
        expect(check.error.code).toBe(code);
        expect(check.error).toBeInstanceOf(SampleValidationError);
        expect(check.error).not.toBeInstanceOf(ConstraintViolation);
      }
    }
  });

  it('assertNasBench101Cell returns the pruned cell or throws', () => {
    const pruned = assertNasBench101Cell([[0, 1, 1], [0, 0, 0], [0, 0, 0]], ['input', 'maxpool3x3', 'output']);
    expect(pruned).toEqual({ valid: true, matrix: [[0, 1], [0, 0]], ops: ['input', 'output'], kept: [0, 2] });
    expect(() => assertNasBench101Cell([[0, 0], [0, 0]], ['input', 'output'])).toThrow(ConstraintViolation);
    expect(() => assertNasBench101Cell([[0, 0], [0, 0]], ['input', 'output'])).toThrow(/less than 2 vertices/);
    expect(NASBENCH101_LIMITS).toEqual({ maxVertices: 7, maxEdges: 9 });
  });

  it('behaves like NNI under random sampling (max 5 vertices, 7 edges)', () => {
    // NNI samples num_nodes with prior ∝ 2^n, each op, and each input{i} as any subset of range(i).
    const random = seedrandom('nasbench101');
    let successes = 0;
    const failures: string[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const weights = [2, 3, 4, 5].map((n) => 2 ** n);
      let draw = random() * weights.reduce((a, b) => a + b, 0);
      let numNodes = 2;
      for (const w of weights) {
        if ((draw -= w) < 0) break;
        numNodes++;
      }
      numNodes = Math.min(numNodes, 5);
      const inputs = Array.from({ length: numNodes - 1 }, (_, i) => [...Array(i + 1).keys()].filter(() => random() < 0.5));
      const { matrix, ops } = fromInputs(inputs);
      const check = checkNasBench101Cell(matrix, ops, { maxVertices: 5, maxEdges: 7, countEdges: 'original' });
      if (check.valid) successes++;
      else failures.push(check.reason);
    }
    expect(successes).toBeGreaterThan(0);
    expect(successes).toBeLessThan(30);
    for (const reason of failures) expect(reason).toMatch(/at most|less than/);
  });
});
