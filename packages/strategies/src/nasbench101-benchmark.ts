/**
 * A small NAS-Bench-101 table as an evaluator: the 500 scored cells of
 * `../shared/data/nasbench101/nb101_sample500_naslib.csv` (292 distinct cells), looked up by the
 * official graph hash — a test of the hash path more than a search benchmark.
 */
import { readFileSync } from 'node:fs';
import { hashNasBench101Cell, type NasBench101Matrix } from '@archspace/mutables';
import { parse } from 'csv-parse/sync';
import { NotInBenchmarkError } from './not-in-benchmark.js';

/** One cell of the table. */
export interface NasBench101Record {
  /** The official hash of the pruned cell. */
  readonly hash: string;
  readonly numVertices: number;
  readonly numEdges: number;
  /** The 108-epoch validation accuracies (%) of the repeats the table holds. */
  readonly validationAccuracies: readonly number[];
  /** Their mean. */
  readonly meanValidationAccuracy: number;
}

/**
 * The NAS-Bench-101 sample table.
 *
 * @example
 * ```ts
 * const bench = NasBench101Benchmark.fromCsv('../shared/data/nasbench101/nb101_sample500_naslib.csv');
 * bench.queryCell(matrix, ops).meanValidationAccuracy;
 * ```
 */
export class NasBench101Benchmark {
  readonly #byHash: ReadonlyMap<string, NasBench101Record>;

  private constructor(records: readonly NasBench101Record[]) {
    this.#byHash = new Map(records.map((r) => [r.hash, r]));
  }

  /** Reads the table; rows with the same hash are the repeats of one cell. */
  static fromCsv(path: string): NasBench101Benchmark {
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const groups = new Map<string, { vertices: number; edges: number; accuracies: number[] }>();
    for (const row of rows) {
      const hash = row['hash']!;
      const group = groups.get(hash) ?? { vertices: Number(row['num_vertices']), edges: Number(row['num_edges']), accuracies: [] };
      group.accuracies.push(Number(row['val_acc_108']));
      groups.set(hash, group);
    }
    return new NasBench101Benchmark(
      [...groups].map(([hash, g]) => ({
        hash,
        numVertices: g.vertices,
        numEdges: g.edges,
        validationAccuracies: g.accuracies,
        meanValidationAccuracy: g.accuracies.reduce((a, b) => a + b, 0) / g.accuracies.length,
      })),
    );
  }

  /** The number of distinct cells. */
  get size(): number {
    return this.#byHash.size;
  }

  /** The record of a hash; throws {@link NotInBenchmarkError} when the table does not hold it. */
  queryHash(hash: string): NasBench101Record {
    const record = this.#byHash.get(hash);
    if (!record) {
      throw new NotInBenchmarkError({
        code: 'not-in-benchmark',
        path: ['hash'],
        message: `NAS-Bench-101 cell ${hash} is not among the ${this.size} cells of this table`,
      });
    }
    return record;
  }

  /** The record of a cell (pruned and hashed first); throws when absent or invalid. */
  queryCell(matrix: NasBench101Matrix, ops: readonly string[]): NasBench101Record {
    return this.queryHash(hashNasBench101Cell(matrix, ops));
  }
}
