/**
 * The shape every NAS-Bench-101 algorithm needs before it reads a cell: a square matrix and one op
 * (or label) per vertex. The same errors serve the checks that report them and those that throw.
 */
import { SampleValidationError } from '@archspace/ir';

/**
 * The index of the first row of `matrix` that is not an array of `matrix.length` entries, or
 * `matrix.length` when the matrix is square.
 * @internal
 */
export function firstRaggedRow(matrix: readonly unknown[]): number {
  const n = matrix.length;
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== n) return i;
  }
  return n;
}

/**
 * Why `matrix` is not square or `ops` has not one op per vertex, or `undefined`. Pass `ragged` when
 * {@link firstRaggedRow} is already known.
 * @internal
 */
export function squareCellError(
  matrix: readonly unknown[],
  ops: readonly unknown[],
  ragged: number = firstRaggedRow(matrix),
): SampleValidationError | undefined {
  const n = matrix.length;
  if (ragged < n) {
    return new SampleValidationError({
      code: 'nasbench101-matrix-not-square',
      path: ['matrix', ragged],
      expected: `a row of ${n} entries (the matrix must be square)`,
      received: matrix[ragged],
    });
  }
  if (ops.length !== n) {
    return new SampleValidationError({
      code: 'nasbench101-ops-length',
      path: ['ops'],
      expected: `${n} ops, one per vertex of the matrix`,
      received: ops.length,
    });
  }
  return undefined;
}

/**
 * Throws {@link squareCellError}'s error, if any.
 * @internal
 */
export function assertSquareCell(matrix: readonly unknown[], ops: readonly unknown[]): void {
  const error = squareCellError(matrix, ops);
  if (error) throw error;
}
