/**
 * `npx tsx bench/quality-rea-defaults.ts`: RegularizedEvolution with its defaults (population and
 * tournament fitted to the 100-query budget) against random search and the quality bench's REA
 * settings on NAS-Bench-201, 100 queries, held-out seeds 1000–1299 (never used to choose the rule);
 * mean CIFAR-10 test accuracy of the best-signal architecture ± its standard error.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Categorical, MutableDict } from '@archspace/mutables';
import { NasBench201Benchmark, Random, RegularizedEvolution, type Strategy, search } from '@archspace/strategies';

const table = fileURLToPath(new URL('../../shared/data/nasbench201/nb201.csv', import.meta.url));
if (!existsSync(table)) {
  console.log(`skipped: ${table} is absent`);
} else {
  const bench = NasBench201Benchmark.fromCsv(table);
  const ops = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
  const space = new MutableDict(Object.fromEntries(['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'].map((e) => [e, new Categorical(ops, { label: e })])));
  const entries: [string, () => Strategy][] = [
    ['Random', () => new Random()],
    ['RegularizedEvolution, defaults', () => new RegularizedEvolution()],
    ['RegularizedEvolution, quality-bench settings', () => new RegularizedEvolution({ populationSize: 20, sampleSize: 10, mutationProb: 1 / 6, alwaysMutate: true })],
  ];
  for (const [name, make] of entries) {
    const tests: number[] = [];
    for (let seed = 1000; seed < 1300; seed++) {
      const result = await search(space, (s) => bench.query(s).signal, make(), { maxTrials: 100 }, { seed, progress: false });
      tests.push(bench.query(result.best!.sample).test200.cifar10);
    }
    const mean = tests.reduce((a, b) => a + b, 0) / tests.length;
    const sd = Math.sqrt(tests.reduce((a, b) => a + (b - mean) ** 2, 0) / tests.length);
    console.log(`${name}: ${mean.toFixed(2)} ± ${(sd / Math.sqrt(tests.length)).toFixed(2)} (standard error, ${tests.length} seeds)`);
  }
}
