import { existsSync, readFileSync } from 'node:fs';
import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { enumerateNasBench101, hashNasBench101 } from './index.js';

// Test vectors live in shared/ beside the repository root (../shared/data/nasbench101 from it).
const graphsFile = new URL('../../../../../shared/data/nasbench101/generated_graphs_upto5V.json', import.meta.url);
const haveGraphs = existsSync(graphsFile);

function countByVertices(cells: Map<string, { matrix: readonly (readonly number[])[] }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { matrix } of cells.values()) counts[matrix.length] = (counts[matrix.length] ?? 0) + 1;
  return counts;
}

describe('enumerateNasBench101', () => {
  it.skipIf(!haveGraphs)(
    `equals generated_graphs_upto5V.json for at most 5 vertices, representatives included${haveGraphs ? '' : ` (skipped: ${graphsFile.pathname} is absent)`}`,
    () => {
      const expected = JSON.parse(readFileSync(graphsFile, 'utf8')) as Record<string, [number[][], number[]]>;
      const cells = enumerateNasBench101({ maxVertices: 5 });
      expect(cells.size).toBe(Object.keys(expected).length);
      expect(new Set(cells.keys())).toEqual(new Set(Object.keys(expected)));
      for (const [hash, cell] of cells) {
        const [matrix, labels] = expected[hash]!;
        expect({ matrix: cell.matrix, labels: cell.labels }).toEqual({ matrix, labels });
      }
    },
  );

  it('has the published number of cells up to each vertex count', () => {
    expect(enumerateNasBench101({ maxVertices: 2 }).size).toBe(1);
    expect(enumerateNasBench101({ maxVertices: 3 }).size).toBe(7);
    expect(enumerateNasBench101({ maxVertices: 4 }).size).toBe(91);
    expect(enumerateNasBench101({ maxVertices: 5 }).size).toBe(2532);
  });

  it('has the published number of cells with exactly V vertices, up to 6', () => {
    const cells = enumerateNasBench101({ maxVertices: 6 });
    expect(cells.size).toBe(64542);
    expect(countByVertices(cells)).toEqual({ 2: 1, 3: 6, 4: 84, 5: 2441, 6: 62010 });
  });

  it('keys every cell by its own hash and iterates in order of discovery', () => {
    const cells = [...enumerateNasBench101({ maxVertices: 4 })];
    for (const [hash, { matrix, labels }] of cells) expect(hashNasBench101(matrix, labels)).toBe(hash);
    const sizes = cells.map(([, { matrix }]) => matrix.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(cells[0]![1]).toEqual({ matrix: [[0, 1], [0, 0]], labels: [-1, -2] });
  });

  it('respects the edge limit and the number of ops', () => {
    const sparse = enumerateNasBench101({ maxVertices: 5, maxEdges: 4 });
    for (const { matrix } of sparse.values()) expect(matrix.flat().reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    // One op: unlabelled DAGs. Three vertices give the chain with and without the skip edge.
    expect(enumerateNasBench101({ maxVertices: 3, numOps: 1 }).size).toBe(3);
  });

  it('returns frozen matrices', () => {
    const [cell] = enumerateNasBench101({ maxVertices: 3 }).values();
    expect(Object.isFrozen(cell!.matrix)).toBe(true);
    expect(Object.isFrozen(cell!.matrix[0])).toBe(true);
  });

  it('rejects out-of-range options', () => {
    expect(() => enumerateNasBench101({ maxVertices: 1 })).toThrow(SearchSpaceError);
    expect(() => enumerateNasBench101({ maxVertices: 9 })).toThrow(SearchSpaceError);
    expect(() => enumerateNasBench101({ maxEdges: -1 })).toThrow(/nasbench101-enumerate-option/);
    expect(() => enumerateNasBench101({ numOps: 0 })).toThrow(SearchSpaceError);
    expect(() => enumerateNasBench101({ numOps: 64 })).toThrow(/labellings/);
  });
});
