/**
 * Pruning of a NAS-Bench-101 cell, as the benchmark's `ModelSpec` does on construction: a vertex
 * survives only if the input reaches it and it reaches the output. Dangling vertices are silently
 * dropped (they do not make a cell invalid); only a cell whose output the input cannot reach is
 * invalid.
 *
 * @example
 * ```ts
 * // vertex 1 dangles (it reaches nothing), so it is removed
 * pruneNasBench101([[0, 1, 1], [0, 0, 0], [0, 0, 0]], ['input', 'maxpool3x3', 'output']);
 * // → { valid: true, matrix: [[0, 1], [0, 0]], ops: ['input', 'output'], kept: [0, 2] }
 * ```
 */
import type { NasBench101Matrix } from './nasbench101-ops.js';
import { assertSquareCell } from './nasbench101-square-cell.js';

/** A pruned cell: the surviving vertices' matrix and ops, and where each survivor came from. */
export interface PrunedNasBench101Cell<T = string> {
  readonly valid: true;
  /** The matrix restricted to the survivors, which keep their relative order. */
  readonly matrix: number[][];
  /** The survivors' ops (or labels), in the same order. */
  readonly ops: T[];
  /** For each surviving vertex, its index in the original cell. */
  readonly kept: number[];
}

/** The result of pruning a cell whose output the input cannot reach: fewer than 2 vertices survive. */
export interface DisconnectedNasBench101Cell {
  readonly valid: false;
  readonly matrix: null;
  readonly ops: null;
  /** The vertices that would have survived (always fewer than 2). */
  readonly kept: number[];
}

/** What `pruneNasBench101` returns: the pruned cell, or the mark that the cell is disconnected. */
export type NasBench101PruneResult<T = string> = PrunedNasBench101Cell<T> | DisconnectedNasBench101Cell;

/**
 * Removes every vertex that is not both reachable from the input (vertex 0) and able to reach the
 * output (the last vertex), keeping the survivors in their order. Reachability follows the edges
 * `x → y` with `y > x` (the upper triangle), as the benchmark does. The cell is invalid when fewer
 * than 2 vertices survive, which happens exactly when the input does not reach the output.
 *
 * Works with op names or integer labels alike. The inputs are not modified.
 *
 * @throws SampleValidationError when the matrix is not square or `ops` has the wrong length.
 * @example
 * ```ts
 * const pruned = pruneNasBench101(matrix, ops);
 * if (pruned.valid) build(pruned.matrix, pruned.ops);
 * ```
 */
export function pruneNasBench101<T>(matrix: NasBench101Matrix, ops: readonly T[]): NasBench101PruneResult<T> {
  assertSquareCell(matrix, ops);
  const n = matrix.length;
  const fromInput = new Uint8Array(n);
  const toOutput = new Uint8Array(n);
  if (n > 0) {
    fromInput[0] = 1;
    for (let x = 0; x < n; x++) {
      if (!fromInput[x]) continue;
      const row = matrix[x]!;
      for (let y = x + 1; y < n; y++) if (row[y]) fromInput[y] = 1;
    }
    toOutput[n - 1] = 1;
    for (let y = n - 1; y >= 0; y--) {
      if (!toOutput[y]) continue;
      for (let x = 0; x < y; x++) if (matrix[x]![y]) toOutput[x] = 1;
    }
  }
  const kept: number[] = [];
  for (let v = 0; v < n; v++) if (fromInput[v] && toOutput[v]) kept.push(v);
  if (kept.length < 2) return { valid: false, matrix: null, ops: null, kept };
  return {
    valid: true,
    matrix: kept.map((x) => kept.map((y) => matrix[x]![y]!)),
    ops: kept.map((v) => ops[v]!),
    kept,
  };
}
