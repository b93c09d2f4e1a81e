/**
 * NAS-Bench-201 as an evaluator: every one of the 15,625 cells with its accuracies, parameters and
 * FLOPs (the `nb201.csv` table of `../shared/data/nasbench201`). Searches follow the benchmark's
 * protocol: the search signal is the 12-epoch CIFAR-10 validation accuracy; what is reported is the
 * 200-epoch test accuracy on CIFAR-10, CIFAR-100 and ImageNet16-120.
 */
import { readFileSync } from 'node:fs';
import { type Sample, nasBench201ArchString, NASBENCH201_EDGES } from '@archspace/mutables';
import { parse } from 'csv-parse/sync';
import { NotInBenchmarkError } from './not-in-benchmark.js';

/** One architecture of the table. Accuracies are percentages. */
export interface NasBench201Record {
  readonly index: number;
  readonly arch: string;
  /** Smallest index of the architecture's isomorphism class. */
  readonly isoId: number;
  /** The search signal: CIFAR-10 validation accuracy after the 12-epoch schedule. */
  readonly signal: number;
  readonly validation12: { readonly cifar10: number; readonly cifar100: number; readonly imagenet16: number };
  readonly test200: { readonly cifar10: number; readonly cifar100: number; readonly imagenet16: number };
  /** CIFAR-10 (trained on train only) validation accuracy after 200 epochs. */
  readonly validation200: number;
  /** Parameters in millions, per dataset's network. */
  readonly paramsM: { readonly cifar10: number; readonly cifar100: number; readonly imagenet16: number };
  /** Mega FLOPs, per dataset's network. */
  readonly flopsM: { readonly cifar10: number; readonly cifar100: number; readonly imagenet16: number };
  /** Simulated cost of one query in seconds: 12 epochs, proportional to the CIFAR-10 FLOPs. */
  readonly costSeconds: number;
}

/** Seconds of simulated training per CIFAR-10 MFLOP for the 12-epoch schedule. */
const SECONDS_PER_MFLOP = 0.5;

/** The benchmark's keys for the six edges, with or without the hub's `cell/` prefix. */
function archOf(query: string | Sample): string {
  if (typeof query === 'string') return query;
  const prefixed = Object.hasOwn(query, 'cell/0_1');
  const sample: Sample = {};
  for (const edge of NASBENCH201_EDGES) sample[`cell/${edge}`] = query[prefixed ? `cell/${edge}` : edge];
  return nasBench201ArchString(sample);
}

/**
 * The NAS-Bench-201 table, queried by arch string or by a sample of the NAS-Bench-201 space (keys
 * `cell/0_1` … or `0_1` …).
 *
 * @example
 * ```ts
 * const bench = NasBench201Benchmark.fromCsv('../shared/data/nasbench201/nb201.csv');
 * const evaluate = (sample) => bench.query(sample).signal;
 * bench.query('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|').test200.cifar10;
 * ```
 */
export class NasBench201Benchmark {
  readonly #byArch: ReadonlyMap<string, NasBench201Record>;

  private constructor(readonly records: readonly NasBench201Record[]) {
    this.#byArch = new Map(records.map((r) => [r.arch, r]));
  }

  /** Reads the table from `nb201.csv`. */
  static fromCsv(path: string): NasBench201Benchmark {
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, cast: true }) as Record<string, number | string>[];
    const num = (row: Record<string, number | string>, column: string): number => {
      const value = row[column];
      if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${path}: column "${column}" of row ${String(row['index'])} is not a number`);
      return value;
    };
    return new NasBench201Benchmark(
      rows.map((row) => ({
        index: num(row, 'index'),
        arch: String(row['arch']),
        isoId: num(row, 'iso_id'),
        signal: num(row, 'c10v_valid_12'),
        validation12: { cifar10: num(row, 'c10v_valid_12'), cifar100: num(row, 'c100_valid_12'), imagenet16: num(row, 'in16_valid_12') },
        test200: { cifar10: num(row, 'c10_test_200'), cifar100: num(row, 'c100_test_200'), imagenet16: num(row, 'in16_test_200') },
        validation200: num(row, 'c10v_valid_200'),
        paramsM: { cifar10: num(row, 'params_c10_M'), cifar100: num(row, 'params_c100_M'), imagenet16: num(row, 'params_in16_M') },
        flopsM: { cifar10: num(row, 'flops_c10_M'), cifar100: num(row, 'flops_c100_M'), imagenet16: num(row, 'flops_in16_M') },
        costSeconds: num(row, 'flops_c10_M') * SECONDS_PER_MFLOP,
      })),
    );
  }

  /** The number of architectures (15,625). */
  get size(): number {
    return this.records.length;
  }

  /** The record of an arch string or a sample; throws {@link NotInBenchmarkError} when absent. */
  query(query: string | Sample): NasBench201Record {
    const arch = archOf(query);
    const record = this.#byArch.get(arch);
    if (!record) {
      throw new NotInBenchmarkError({ code: 'not-in-benchmark', path: ['arch'], expected: 'a NAS-Bench-201 arch string of the five benchmark ops', received: arch });
    }
    return record;
  }
}
