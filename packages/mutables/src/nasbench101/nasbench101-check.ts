/**
 * Validity of a NAS-Bench-101 cell, as the benchmark's `api.is_valid` decides it: the matrix must be
 * square, 0/1 and upper-triangular with one op per vertex; the input must reach the output; and the
 * *pruned* cell must have at most `maxVertices` vertices, at most `maxEdges` edges, `'input'` first,
 * `'output'` last and only NAS-Bench-101 ops in between.
 *
 * NNI's `NasBench101Cell` counts edges on the cell as sampled, before pruning; pass
 * `{ countEdges: 'original' }` for that rule.
 *
 * @example
 * ```ts
 * const check = checkNasBench101Cell(matrix, ops);
 * if (!check.valid) console.log(check.reason); // e.g. "Expected at most 9 edges, got 10"
 * ```
 */
import { ConstraintViolation, SampleValidationError } from '@archspace/ir';
import { NASBENCH101_INPUT, NASBENCH101_OPS, NASBENCH101_OUTPUT } from './nasbench101-ops.js';
import type { NasBench101Matrix } from './nasbench101-ops.js';
import { pruneNasBench101 } from './nasbench101-prune.js';
import type { PrunedNasBench101Cell } from './nasbench101-prune.js';
import { firstRaggedRow, squareCellError } from './nasbench101-square-cell.js';

/** The limits of the NAS-Bench-101 search space: 7 vertices (input and output included) and 9 edges. */
export const NASBENCH101_LIMITS = { maxVertices: 7, maxEdges: 9 } as const;

/** Which limits `checkNasBench101Cell` applies. */
export interface NasBench101CheckOptions {
  /** Most vertices the pruned cell may have, input and output included. Default 7. */
  readonly maxVertices?: number;
  /** Most edges allowed. Default 9. */
  readonly maxEdges?: number;
  /**
   * Whether edges are counted on the pruned cell (`'pruned'`, the benchmark's `is_valid`, the
   * default) or on the cell as given, before pruning (`'original'`, NNI's `NasBench101Cell`, which
   * also checks this before connectivity).
   */
  readonly countEdges?: 'pruned' | 'original';
  /** The allowed interior ops. Default `NASBENCH101_OPS`. */
  readonly ops?: readonly string[];
}

/** The verdict of `checkNasBench101Cell`: the pruned cell when valid, otherwise the reason. */
export type NasBench101CellCheck =
  | { readonly valid: true; readonly pruned: PrunedNasBench101Cell<string> }
  | { readonly valid: false; readonly reason: string; readonly error: SampleValidationError };

function countOnes(matrix: NasBench101Matrix): number {
  let edges = 0;
  for (const row of matrix) for (const entry of row) edges += entry;
  return edges;
}

function tooManyEdges(edges: number, maxEdges: number, where: string): ConstraintViolation {
  return new ConstraintViolation({
    code: 'nasbench101-too-many-edges',
    path: ['matrix'],
    expected: `at most ${maxEdges} edges`,
    received: edges,
    message: `Expected at most ${maxEdges} edges${where}, got ${edges}`,
  });
}

/**
 * The first structural problem of a cell (shape, entries, triangularity), or undefined. Rows are
 * checked in order, each for its shape and then its entries; the op count is checked last.
 */
function structuralError(matrix: unknown, ops: unknown): SampleValidationError | undefined {
  if (!Array.isArray(matrix)) {
    return new SampleValidationError({ code: 'nasbench101-matrix-not-square', path: ['matrix'], expected: 'a square 0/1 matrix', received: matrix });
  }
  if (!Array.isArray(ops) || ops.some((op) => typeof op !== 'string')) {
    return new SampleValidationError({ code: 'nasbench101-ops', path: ['ops'], expected: 'a list of op names', received: ops });
  }
  const n = matrix.length;
  const ragged = firstRaggedRow(matrix);
  for (let x = 0; x < ragged; x++) {
    const row = matrix[x] as unknown[];
    for (let y = 0; y < n; y++) {
      const entry: unknown = row[y];
      if (entry !== 0 && entry !== 1) {
        return new SampleValidationError({ code: 'nasbench101-matrix-entry', path: ['matrix', x, y], expected: '0 or 1', received: entry });
      }
      if (entry === 1 && y <= x) {
        return new SampleValidationError({
          code: 'nasbench101-matrix-not-upper-triangular',
          path: ['matrix', x, y],
          expected: 'edges only from a lower to a higher vertex (a strictly upper-triangular matrix)',
          received: entry,
        });
      }
    }
  }
  return squareCellError(matrix, ops, ragged);
}

function invalid(error: SampleValidationError): NasBench101CellCheck {
  return { valid: false, reason: error.message, error };
}

/**
 * Decides whether a cell is a valid NAS-Bench-101 cell and prunes it. Never throws for bad input:
 * malformed cells give a `SampleValidationError`, cells that break a limit or whose input does not
 * reach the output give a `ConstraintViolation`. Messages follow NNI: "Expected at most … edges",
 * "Expected at most … vertices", "Non-extraneous graph is less than 2 vertices…".
 *
 * @example
 * ```ts
 * checkNasBench101Cell([[0, 1], [0, 0]], ['input', 'output']).valid; // true
 * checkNasBench101Cell([[0, 0], [0, 0]], ['input', 'output']);       // invalid: "…less than 2 vertices…"
 * ```
 */
export function checkNasBench101Cell(
  matrix: NasBench101Matrix,
  ops: readonly string[],
  options: NasBench101CheckOptions = {},
): NasBench101CellCheck {
  const maxVertices = options.maxVertices ?? NASBENCH101_LIMITS.maxVertices;
  const maxEdges = options.maxEdges ?? NASBENCH101_LIMITS.maxEdges;
  const allowed: readonly string[] = options.ops ?? NASBENCH101_OPS;
  const structural = structuralError(matrix, ops);
  if (structural) return invalid(structural);
  if (options.countEdges === 'original') {
    const edges = countOnes(matrix);
    if (edges > maxEdges) return invalid(tooManyEdges(edges, maxEdges, ''));
  }
  const pruned = pruneNasBench101(matrix, ops);
  if (!pruned.valid) {
    return invalid(
      new ConstraintViolation({
        code: 'nasbench101-disconnected',
        path: ['matrix'],
        message: `Non-extraneous graph is less than 2 vertices: the input does not reach the output (${matrix.length - pruned.kept.length} of ${matrix.length} vertices are extraneous)`,
      }),
    );
  }
  const vertices = pruned.ops.length;
  if (vertices > maxVertices) {
    return invalid(
      new ConstraintViolation({
        code: 'nasbench101-too-many-vertices',
        path: ['matrix'],
        expected: `at most ${maxVertices} vertices`,
        received: vertices,
        message: `Expected at most ${maxVertices} vertices after pruning, got ${vertices}`,
      }),
    );
  }
  if (options.countEdges !== 'original') {
    const edges = countOnes(pruned.matrix);
    if (edges > maxEdges) return invalid(tooManyEdges(edges, maxEdges, ' after pruning'));
  }
  for (let i = 0; i < vertices; i++) {
    const op = pruned.ops[i]!;
    const expected = i === 0 ? NASBENCH101_INPUT : i === vertices - 1 ? NASBENCH101_OUTPUT : undefined;
    const ok = expected !== undefined ? op === expected : allowed.includes(op);
    if (!ok) {
      return invalid(
        new SampleValidationError({
          code: 'nasbench101-unsupported-op',
          path: ['ops', pruned.kept[i]!],
          expected: expected !== undefined ? `"${expected}"` : `one of ${allowed.join(', ')}`,
          received: op,
        }),
      );
    }
  }
  return { valid: true, pruned };
}

/**
 * Like `checkNasBench101Cell`, but returns the pruned cell directly and throws the error when the
 * cell is invalid.
 *
 * @throws ConstraintViolation when a limit is exceeded or the input does not reach the output.
 * @throws SampleValidationError when the matrix or ops are malformed.
 * @example
 * ```ts
 * const { matrix, ops } = assertNasBench101Cell(sampleMatrix, sampleOps, { countEdges: 'original' });
 * ```
 */
export function assertNasBench101Cell(
  matrix: NasBench101Matrix,
  ops: readonly string[],
  options: NasBench101CheckOptions = {},
): PrunedNasBench101Cell<string> {
  const check = checkNasBench101Cell(matrix, ops, options);
  if (!check.valid) throw check.error;
  return check.pruned;
}
