/**
 * What the search-quality scripts share: the NAS-Bench-201 table from `../shared/data`, its value
 * space (six edges, five operations), the runs they score, and the mean ± standard error they print.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Categorical, MutableDict, nasBench201CanonicalKey, type Sample } from '@archspace/mutables';
import { hypervolume, LocalSearch, type LocalSearchOptions, NasBench201Benchmark, type NasBench201Record, paretoFront, search, type Strategy } from '@archspace/strategies';

const table = fileURLToPath(new URL('../../shared/data/nasbench201/nb201.csv', import.meta.url));
const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];

/** The seed ranges of the quality scripts: settings are chosen on `tuning` only; `held-out` chose nothing. */
export const SEED_RANGES = { tuning: [0, 300], 'held-out': [1000, 1300] } as const;

/**
 * The hypervolume of the Pareto front of `(accuracy ↑, FLOPs ↓)` points, against the reference point
 * (10 %, the table's largest CIFAR-10 FLOPs), as the multi-objective scripts score runs.
 */
export function accuracyFlopsVolume(bench: NasBench201Benchmark): { reference: number[]; volume: (points: number[][]) => number } {
  const directions = ['maximize', 'minimize'] as const;
  const reference = [10, bench.records.reduce((m, r) => Math.max(m, r.flopsM.cifar10), 0)];
  return { reference, volume: (points) => hypervolume(paretoFront(points, (p) => p, [...directions]), reference, [...directions]) };
}

/**
 * How a multi-objective run's front is scored: the hypervolume ratio of its records to the whole
 * table's front, re-scored on (test accuracy, FLOPs) and in the search plane (signal, FLOPs).
 */
export function frontRatios(bench: NasBench201Benchmark): (front: readonly NasBench201Record[]) => { rescored: number; searchPlane: number } {
  const { volume } = accuracyFlopsVolume(bench);
  const test = (records: readonly NasBench201Record[]) => volume(records.map((r) => [r.test200.cifar10, r.flopsM.cifar10]));
  const signal = (records: readonly NasBench201Record[]) => volume(records.map((r) => [r.signal, r.flopsM.cifar10]));
  const table = test(bench.records);
  const tableSearch = signal(bench.records);
  return (front) => ({ rescored: test(front) / table, searchPlane: signal(front) / tableSearch });
}

/** The table and the space, or `undefined` (after saying so) when the table is absent. */
export function nasBench201(): { bench: NasBench201Benchmark; space: MutableDict } | undefined {
  if (!existsSync(table)) {
    console.log(`skipped: ${table} is absent`);
    return undefined;
  }
  const space = new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));
  return { bench: NasBench201Benchmark.fromCsv(table), space };
}

/** `"mean ± standard error"` of `values`, to `digits` decimals. */
export function meanAndError(values: readonly number[], digits = 2): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  // A mean that rounds to zero prints without a sign ("0.0", not "-0.0").
  const shown = Number(mean.toFixed(digits)) === 0 ? (0).toFixed(digits) : mean.toFixed(digits);
  return `${shown} ± ${(sd / Math.sqrt(values.length)).toFixed(digits)}`;
}

/** Options as a quality script prints them: JSON, with a canonical key by its function's name. */
export function shownOptions(options: { readonly canonicalKey?: (sample: Sample) => string }): string {
  const { canonicalKey: key, ...rest } = options;
  return JSON.stringify(key ? { ...rest, canonicalKey: key.name } : rest);
}

/**
 * The 200-epoch CIFAR-10 test accuracy of the best-signal architecture of one run of `make()` per
 * seed of `[first, end)`, `queries` queries each.
 */
export async function bestTestAccuracies(
  { bench, space }: { bench: NasBench201Benchmark; space: MutableDict },
  make: () => Strategy,
  queries: number,
  [first, end]: readonly [number, number],
): Promise<number[]> {
  const tests: number[] = [];
  for (let seed = first; seed < end; seed++) {
    const result = await search(space, (s) => bench.query(s).signal, make(), { maxTrials: queries }, { seed, progress: false });
    tests.push(bench.query(result.best!.sample).test200.cifar10);
  }
  return tests;
}

/** A Pareto local search setting a tuning script compares: LocalSearch's options, and whether the FLOPs are known before training. */
export interface ParetoCandidate {
  readonly options: LocalSearchOptions;
  readonly flopsKnown: boolean;
}

/**
 * The front ratios ({@link frontRatios}) of Pareto local search (with the canonical key and
 * `options`) on signal ↑ and FLOPs ↓, one run of `queries` queries per seed of `[first, end)`; the
 * FLOPs come as `costs` (known before training) when `flopsKnown`, else with the signal.
 */
export async function paretoLocalSearchRatios(
  { bench, space }: { bench: NasBench201Benchmark; space: MutableDict },
  options: LocalSearchOptions,
  flopsKnown: boolean,
  queries: number,
  [first, end]: readonly [number, number],
): Promise<{ rescored: number[]; searchPlane: number[] }> {
  const ratiosOf = frontRatios(bench);
  const objectives = [{ name: 'signal', direction: 'maximize' }, { name: 'flops', direction: 'minimize' }] as const;
  const flops = (sample: Sample) => bench.query(sample).flopsM.cifar10;
  const rescored: number[] = [];
  const searchPlane: number[] = [];
  for (let seed = first; seed < end; seed++) {
    const result = await search(
      space,
      (sample): Record<string, number> => (flopsKnown ? { signal: bench.query(sample).signal } : { signal: bench.query(sample).signal, flops: flops(sample) }),
      new LocalSearch({ ...options, canonicalKey: nasBench201CanonicalKey }),
      { maxTrials: queries },
      { seed, progress: false, objectives: [...objectives], ...(flopsKnown ? { costs: (sample) => ({ flops: flops(sample) }) } : {}) },
    );
    const ratios = ratiosOf(result.paretoFront!.map((t) => bench.query(t.sample)));
    rescored.push(ratios.rescored);
    searchPlane.push(ratios.searchPlane);
  }
  return { rescored, searchPlane };
}
