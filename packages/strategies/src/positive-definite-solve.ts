/**
 * Solves `A x = b` for a symmetric positive-definite `A` (a ridge regression's normal equations) by
 * ml-matrix's Cholesky decomposition. The library is loaded on the first solve, not when the package
 * is imported: it takes about 60 ms to load, and only the searches that fit a model need it.
 */
import { createRequire } from 'node:module';

type MlMatrix = typeof import('ml-matrix');

let library: MlMatrix | undefined;

/** The solution `x` of `a x = b`; `a` is row-major, `n × n`, symmetric and positive definite. */
export function solvePositiveDefinite(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  library ??= createRequire(import.meta.url)('ml-matrix') as MlMatrix;
  const { CholeskyDecomposition, Matrix } = library;
  const decomposition = new CholeskyDecomposition(new Matrix(a.map((row) => [...row])));
  return decomposition.solve(Matrix.columnVector([...b])).to1DArray();
}
