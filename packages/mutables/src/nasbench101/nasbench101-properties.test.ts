/** Property tests over random 7-vertex cells: pruning, validity and the hash's invariance. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NASBENCH101_OPS,
  checkNasBench101Cell,
  hashNasBench101,
  hashNasBench101Cell,
  nasBench101Labels,
  pruneNasBench101,
} from './index.js';

/** A random upper-triangular 0/1 matrix on `vertices` vertices, with a random edge density. */
function upperTriangular(vertices: number): fc.Arbitrary<number[][]> {
  const cells = (vertices * (vertices - 1)) / 2;
  return fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: cells, maxLength: cells }))
    .map(([density, draws]) => {
      const matrix = Array.from({ length: vertices }, () => new Array<number>(vertices).fill(0));
      let k = 0;
      for (let x = 0; x < vertices; x++) for (let y = x + 1; y < vertices; y++) matrix[x]![y] = draws[k++]! < density ? 1 : 0;
      return matrix;
    });
}

/** A random cell on 7 vertices: matrix and op names. */
const randomCell = fc
  .tuple(upperTriangular(7), fc.array(fc.constantFrom(...NASBENCH101_OPS), { minLength: 5, maxLength: 5 }))
  .map(([matrix, interior]) => ({ matrix, ops: ['input', ...interior, 'output'] }));

/** A random cell with a random permutation of its interior vertices. */
const cellAndPermutation = randomCell.chain((cell) =>
  fc.shuffledSubarray([1, 2, 3, 4, 5], { minLength: 5, maxLength: 5 }).map((interior) => ({ ...cell, order: [0, ...interior, 6] })),
);

/** Transitive closure by brute force: reach[x][y] when a path x → … → y exists (x = y included). */
function closure(matrix: number[][]): boolean[][] {
  const n = matrix.length;
  const reach = matrix.map((row, x) => row.map((e, y) => e === 1 || x === y));
  for (let k = 0; k < n; k++) for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) if (reach[x]![k] && reach[k]![y]) reach[x]![y] = true;
  return reach;
}

function edgeCount(matrix: number[][]): number {
  return matrix.flat().reduce((a, b) => a + b, 0);
}

/** Renumbers the vertices: new vertex i is old vertex order[i]. */
function permute<T>(matrix: number[][], ops: T[], order: number[]): { matrix: number[][]; ops: T[] } {
  return { matrix: order.map((x) => order.map((y) => matrix[x]![y]!)), ops: order.map((v) => ops[v]!) };
}

/**
 * A topological order of the graph that puts the input first and the output last (Kahn's
 * algorithm, smallest index first); renumbering by it makes the matrix upper-triangular again.
 */
function topologicalOrder(matrix: number[][]): number[] {
  const n = matrix.length;
  const inDegree = matrix[0]!.map((_, y) => matrix.reduce((s, row) => s + row[y]!, 0));
  const order: number[] = [];
  const done = new Set<number>();
  while (order.length < n) {
    const ready = [...Array(n).keys()].filter((v) => !done.has(v) && inDegree[v] === 0);
    const pick = ready.find((v) => v !== n - 1) ?? ready[0]!;
    order.push(pick);
    done.add(pick);
    for (let y = 0; y < n; y++) if (matrix[pick]![y]) inDegree[y]!--;
  }
  return order;
}

describe('NAS-Bench-101 properties (random 7-vertex cells)', () => {
  it('pruning keeps exactly the vertices on an input → output path', () => {
    fc.assert(
      fc.property(randomCell, ({ matrix, ops }) => {
        const reach = closure(matrix);
        const onPath = [0, 1, 2, 3, 4, 5, 6].filter((v) => reach[0]![v] && reach[v]![6]);
        const pruned = pruneNasBench101(matrix, ops);
        if (!reach[0]![6]) {
          expect(pruned.valid).toBe(false);
          return;
        }
        expect(pruned.valid).toBe(true);
        expect(pruned.kept).toEqual(onPath);
        expect(pruned.ops).toEqual(onPath.map((v) => ops[v]));
        expect(pruned.matrix).toEqual(onPath.map((x) => onPath.map((y) => matrix[x]![y])));
      }),
      { numRuns: 300 },
    );
  });

  it('pruning is idempotent', () => {
    fc.assert(
      fc.property(randomCell, ({ matrix, ops }) => {
        const once = pruneNasBench101(matrix, ops);
        if (!once.valid) return;
        expect(pruneNasBench101(once.matrix, once.ops)).toEqual({ ...once, kept: once.kept.map((_, i) => i) });
      }),
      { numRuns: 300 },
    );
  });

  it('validity is decided by the pruned cell', () => {
    fc.assert(
      fc.property(randomCell, ({ matrix, ops }) => {
        const pruned = pruneNasBench101(matrix, ops);
        const check = checkNasBench101Cell(matrix, ops);
        const expected = pruned.valid && pruned.ops.length <= 7 && edgeCount(pruned.matrix) <= 9;
        expect(check.valid).toBe(expected);
        if (check.valid) {
          expect(check.pruned).toEqual(pruned);
        } else if (!pruned.valid) {
          expect(check.reason).toContain('less than');
        } else {
          expect(check.reason).toContain('at most');
        }
        // Counting edges before pruning (NNI) is never more lenient.
        const original = checkNasBench101Cell(matrix, ops, { countEdges: 'original' });
        expect(original.valid).toBe(expected && edgeCount(matrix) <= 9);
      }),
      { numRuns: 300 },
    );
  });

  it('the hash does not depend on the order of the vertices', () => {
    fc.assert(
      fc.property(cellAndPermutation, ({ matrix, ops, order }) => {
        const pruned = pruneNasBench101(matrix, ops);
        if (!pruned.valid) return;
        const hash = hashNasBench101Cell(matrix, ops);
        // Any renumbering of the interior vertices: the low-level hash does not need a triangular matrix.
        const shuffled = permute(matrix, ops, order);
        const shuffledPruned = permute(pruned.matrix, pruned.ops, [0, ...order.filter((v) => pruned.kept.includes(v) && v !== 0 && v !== 6).map((v) => pruned.kept.indexOf(v)), pruned.kept.length - 1]);
        expect(hashNasBench101(shuffledPruned.matrix, nasBench101Labels(shuffledPruned.ops))).toBe(hash);
        // Re-sorted topologically, the shuffled cell is a valid upper-triangular cell again.
        const resorted = permute(shuffled.matrix, shuffled.ops, topologicalOrder(shuffled.matrix));
        expect(resorted.matrix.every((row, x) => row.every((e, y) => e === 0 || y > x))).toBe(true);
        expect(resorted.ops[0]).toBe('input');
        expect(resorted.ops[6]).toBe('output');
        expect(hashNasBench101Cell(resorted.matrix, resorted.ops)).toBe(hash);
      }),
      { numRuns: 300 },
    );
  });

  it('cells that differ in one interior op hash differently when that vertex survives pruning', () => {
    fc.assert(
      fc.property(randomCell, fc.integer({ min: 1, max: 5 }), ({ matrix, ops }, vertex) => {
        const pruned = pruneNasBench101(matrix, ops);
        if (!pruned.valid || !pruned.kept.includes(vertex)) return;
        // Swapping conv3x3 ↔ conv1x1 changes the multiset of labels, so the hash must change.
        const swapped = [...ops];
        swapped[vertex] = ops[vertex] === 'conv3x3-bn-relu' ? 'conv1x1-bn-relu' : 'conv3x3-bn-relu';
        expect(hashNasBench101Cell(matrix, swapped)).not.toBe(hashNasBench101Cell(matrix, ops));
      }),
      { numRuns: 200 },
    );
  });
});
