/**
 * The vocabulary of a NAS-Bench-101 cell: its operation names, the integer labels the graph hash
 * uses for them, and the shapes that carry a cell around (an adjacency matrix plus one op per
 * vertex). Vertex 0 is always the input and the last vertex the output.
 *
 * @example
 * ```ts
 * nasBench101Labels(['input', 'conv1x1-bn-relu', 'maxpool3x3', 'output']); // [-1, 1, 2, -2]
 * ```
 */
import { SampleValidationError } from '@archspace/ir';

/**
 * The interior operations of NAS-Bench-101, in the order that gives their hash labels
 * (`conv3x3-bn-relu` = 0, `conv1x1-bn-relu` = 1, `maxpool3x3` = 2), as in the benchmark's config.
 */
export const NASBENCH101_OPS = ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'] as const;

/** One interior operation of a NAS-Bench-101 cell. */
export type NasBench101Op = (typeof NASBENCH101_OPS)[number];

/** The op name of vertex 0 of every cell. */
export const NASBENCH101_INPUT = 'input';

/** The op name of the last vertex of every cell. */
export const NASBENCH101_OUTPUT = 'output';

/** The hash label of the input vertex. */
export const NASBENCH101_INPUT_LABEL = -1;

/** The hash label of the output vertex. */
export const NASBENCH101_OUTPUT_LABEL = -2;

/**
 * An adjacency matrix as cells are written: `matrix[x][y] === 1` means an edge from vertex `x` to
 * vertex `y`. A well-formed one is square, 0/1 and strictly upper-triangular (so every edge goes
 * from a lower to a higher vertex and the graph is a DAG in topological order).
 */
export type NasBench101Matrix = readonly (readonly number[])[];

/** A cell given by its adjacency matrix and one op name per vertex (`'input'` first, `'output'` last). */
export interface NasBench101Spec {
  readonly matrix: number[][];
  readonly ops: string[];
}

/**
 * Turns op names into the integer labels the official hash uses. As in the benchmark's
 * `hash_spec`, the first vertex is labelled -1 and the last -2 whatever their names; every interior
 * op must be one of `NASBENCH101_OPS`.
 *
 * @throws SampleValidationError when an interior op is not a NAS-Bench-101 op.
 * @example
 * ```ts
 * nasBench101Labels(['input', 'conv3x3-bn-relu', 'output']); // [-1, 0, -2]
 * ```
 */
export function nasBench101Labels(ops: readonly string[]): number[] {
  const labels: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    if (i === 0) labels.push(NASBENCH101_INPUT_LABEL);
    else if (i === ops.length - 1) labels.push(NASBENCH101_OUTPUT_LABEL);
    else {
      const op = ops[i];
      const label = (NASBENCH101_OPS as readonly unknown[]).indexOf(op);
      if (label < 0) {
        throw new SampleValidationError({
          code: 'nasbench101-unsupported-op',
          path: [i],
          expected: `one of ${NASBENCH101_OPS.join(', ')}`,
          received: op,
        });
      }
      labels.push(label);
    }
  }
  return labels;
}

/**
 * Turns integer labels back into op names: -1 is `'input'`, -2 is `'output'`, 0/1/2 index
 * `NASBENCH101_OPS`.
 *
 * @throws SampleValidationError when a label is none of these.
 * @example
 * ```ts
 * nasBench101Ops([-1, 2, -2]); // ['input', 'maxpool3x3', 'output']
 * ```
 */
export function nasBench101Ops(labels: readonly number[]): string[] {
  return labels.map((label, i) => {
    if (label === NASBENCH101_INPUT_LABEL) return NASBENCH101_INPUT;
    if (label === NASBENCH101_OUTPUT_LABEL) return NASBENCH101_OUTPUT;
    const op = NASBENCH101_OPS[label];
    if (op === undefined) {
      throw new SampleValidationError({
        code: 'nasbench101-unsupported-label',
        path: [i],
        expected: `-1, -2 or an index below ${NASBENCH101_OPS.length}`,
        received: label,
      });
    }
    return op;
  });
}
