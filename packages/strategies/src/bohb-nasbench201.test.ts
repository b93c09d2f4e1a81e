/**
 * BOHB on NAS-Bench-201 (CIFAR-10), under the benchmark's protocol: 100 queries per run, 100 seeded
 * runs, search on the 12-epoch validation accuracy (`record.signal`), report the 200-epoch test
 * accuracy of the trial with the best signal (ties: the first found) as mean ± std.
 *
 * The table has no per-epoch accuracies, so budgets are fractions of the 12-epoch schedule (1/9, 1/3
 * and 1: 1⅓, 4 and 12 epochs) and every budget returns the same value, the 12-epoch signal. This
 * tests the machinery — brackets, promotions, the model on a real table — not multi-fidelity gains:
 * a promoted architecture costs a query and teaches nothing new. Every trial counts as one query,
 * whatever its budget. Settings are BOHB's defaults, chosen before looking at any result; the test
 * column is reported, never tuned on. Published: BOHB 93.61 ± 0.52 (NAS-Bench-201 paper, recalled),
 * random search 93.73 ± 0.36 at 100 queries (exact, from this table).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict } from '@archspace/mutables';
import { BOHB } from './bohb.js';
import { NasBench201Benchmark } from './nasbench201-benchmark.js';
import { search } from './search.js';
import { sharedData } from './test-data.js';

const nb201 = sharedData('nasbench201/nb201.csv');
const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
const QUERIES = 100;
const SEEDS = 100;

describe.skipIf(!nb201.present)('BOHB on NAS-Bench-201 (skipped when ../shared/data/nasbench201 is absent)', () => {
  it(`reports the test accuracy of the best-signal architecture over ${SEEDS} runs of ${QUERIES} queries`, async () => {
    const bench = NasBench201Benchmark.fromCsv(nb201.path);
    const space = new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));
    const tests: number[] = [];
    const budgets = new Set<number | undefined>();
    let unique = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const result = await search(space, (sample) => bench.query(sample).signal, new BOHB({ minBudget: 1 / 9, maxBudget: 1 }), { maxTrials: QUERIES }, { seed, progress: false });
      expect(result.trials).toHaveLength(QUERIES);
      let best: { sample: Record<string, unknown>; signal: number } | undefined;
      for (const trial of result.trials) {
        budgets.add(trial.budget);
        if (trial.outcome.status === 'succeeded' && (best === undefined || trial.outcome.value > best.signal)) best = { sample: trial.sample, signal: trial.outcome.value };
      }
      tests.push(bench.query(best!.sample).test200.cifar10);
      unique += new Set(result.trials.map((t) => JSON.stringify(t.sample))).size / SEEDS;
    }
    const mean = tests.reduce((a, b) => a + b, 0) / tests.length;
    const std = Math.sqrt(tests.reduce((a, b) => a + (b - mean) ** 2, 0) / tests.length);
    console.log(
      `BOHB on NAS-Bench-201, CIFAR-10 test accuracy of the best-signal architecture: ${mean.toFixed(2)} ± ${std.toFixed(2)} ` +
        `(${SEEDS} runs, ${QUERIES} queries, ${unique.toFixed(1)} distinct architectures a run); published BOHB 93.61 ± 0.52, random 93.73 ± 0.36`,
    );
    expect([...budgets].sort()).toEqual([1 / 9, 1 / 3, 1].sort());
    // Sanity bounds only: above random search with 10 queries (92.58), at most the optimum (94.37).
    expect(mean).toBeGreaterThan(92.58);
    expect(mean).toBeLessThanOrEqual(94.37);
  });
});
