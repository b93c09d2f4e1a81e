import { existsSync, readFileSync } from 'node:fs';
import { ConstraintViolation, SampleValidationError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { hashNasBench101, hashNasBench101Cell, nasBench101Labels, nasBench101Ops, pruneNasBench101 } from './index.js';

// Test vectors live in shared/ beside the repository root (../shared/data/nasbench101 from it).
const dataDir = new URL('../../../../../shared/data/nasbench101/', import.meta.url);
const graphsFile = new URL('generated_graphs_upto5V.json', dataDir);
const sampleFile = new URL('nb101_sample500_naslib.csv', dataDir);
const haveGraphs = existsSync(graphsFile);
const haveSample = existsSync(sampleFile);
const absent = (file: URL) => ` (skipped: ${file.pathname} is absent)`;

/** The Inception-like cell of the NAS-Bench-101 README. */
const README_CELL = {
  matrix: [
    [0, 1, 1, 1, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
  ],
  ops: ['input', 'conv1x1-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'maxpool3x3', 'output'],
};

function square(rowMajor: string): number[][] {
  const n = Math.round(Math.sqrt(rowMajor.length));
  return Array.from({ length: n }, (_, x) => Array.from({ length: n }, (_, y) => Number(rowMajor[x * n + y])));
}

describe('hashNasBench101', () => {
  it('hashes the README example cell to 28cfc7874f6d200472e1a9dcd8650aa0', () => {
    expect(hashNasBench101Cell(README_CELL.matrix, README_CELL.ops)).toBe('28cfc7874f6d200472e1a9dcd8650aa0');
    expect(hashNasBench101(README_CELL.matrix, nasBench101Labels(README_CELL.ops))).toBe('28cfc7874f6d200472e1a9dcd8650aa0');
  });

  it.skipIf(!haveGraphs)(`agrees with every vector of generated_graphs_upto5V.json${haveGraphs ? '' : absent(graphsFile)}`, () => {
    const graphs = JSON.parse(readFileSync(graphsFile, 'utf8')) as Record<string, [number[][], number[]]>;
    const entries = Object.entries(graphs);
    expect(entries).toHaveLength(2532);
    for (const [hash, [matrix, labels]] of entries) {
      expect(hashNasBench101(matrix, labels)).toBe(hash);
      expect(hashNasBench101Cell(matrix, nasBench101Ops(labels))).toBe(hash);
    }
  });

  it.skipIf(!haveSample)(`agrees with every row of nb101_sample500_naslib.csv, pruned and original${haveSample ? '' : absent(sampleFile)}`, () => {
    const [header, ...rows] = readFileSync(sampleFile, 'utf8').trim().split('\n');
    const columns = header!.split(',');
    const col = (name: string) => columns.indexOf(name);
    expect(rows).toHaveLength(500);
    for (const row of rows) {
      const fields = row.split(',');
      const hash = fields[col('hash')]!;
      const prunedMatrix = square(fields[col('adjacency_pruned_rowmajor')]!);
      const prunedOps = fields[col('ops_pruned')]!.split('|');
      const originalMatrix = square(fields[col('adjacency_orig_rowmajor')]!);
      const originalOps = fields[col('ops_orig')]!.split('|');
      expect(hashNasBench101Cell(prunedMatrix, prunedOps)).toBe(hash);
      expect(hashNasBench101(prunedMatrix, nasBench101Labels(prunedOps))).toBe(hash);
      expect(hashNasBench101Cell(originalMatrix, originalOps)).toBe(hash);
      const pruned = pruneNasBench101(originalMatrix, originalOps);
      expect(pruned.valid).toBe(true);
      expect(pruned.matrix).toEqual(prunedMatrix);
      expect(pruned.ops).toEqual(prunedOps);
      expect(prunedOps).toHaveLength(Number(fields[col('num_vertices')]));
      expect(prunedMatrix.flat().reduce((a, b) => a + b, 0)).toBe(Number(fields[col('num_edges')]));
    }
  });

  it('hashes the smallest cell from the Python tuple and list texts', async () => {
    const { createHash } = await import('node:crypto');
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    // Written out by hand from the algorithm: initial tuples, 2 rounds, then the list repr.
    let input = md5('(1, 0, -1)');
    let output = md5('(0, 1, -2)');
    for (let round = 0; round < 2; round++) [input, output] = [md5(`|${output}|${input}`), md5(`${input}||${output}`)];
    const expected = md5(`['${[input, output].sort().join("', '")}']`);
    expect(hashNasBench101([[0, 1], [0, 0]], [-1, -2])).toBe(expected);
  });

  it('does not prune in the low-level form, and prunes in the convenience form', () => {
    const matrix = [[0, 1, 1], [0, 0, 0], [0, 0, 0]];
    const small = hashNasBench101([[0, 1], [0, 0]], [-1, -2]);
    expect(hashNasBench101Cell(matrix, ['input', 'maxpool3x3', 'output'])).toBe(small);
    expect(hashNasBench101(matrix, [-1, 2, -2])).not.toBe(small);
  });

  it('rejects cells it cannot hash', () => {
    expect(() => hashNasBench101Cell([[0, 0], [0, 0]], ['input', 'output'])).toThrow(ConstraintViolation);
    expect(() => hashNasBench101Cell([[0, 1, 0], [0, 0, 1], [0, 0, 0]], ['input', 'conv5x5', 'output'])).toThrow(SampleValidationError);
    expect(() => hashNasBench101([[0, 1], [0, 0]], [-1])).toThrow(/nasbench101-ops-length/);
    expect(() => hashNasBench101([[0, 0.5], [0, 0]], [-1, -2])).toThrow(/nasbench101-matrix-entry/);
  });
});
