/**
 * `npx tsx bench/quality-rea-defaults.ts`: RegularizedEvolution with its defaults (population and
 * tournament fitted to the 100-query budget) against random search and the quality bench's REA
 * settings on NAS-Bench-201, 100 queries, held-out seeds 1000–1299 (never used to choose the rule);
 * mean CIFAR-10 test accuracy of the best-signal architecture ± its standard error.
 */
import { Random, RegularizedEvolution, type Strategy, search } from '@archspace/strategies';
import { meanAndError, nasBench201 } from './nasbench201-quality.js';

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
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
    console.log(`${name}: ${meanAndError(tests)} (standard error, ${tests.length} seeds)`);
  }
}
