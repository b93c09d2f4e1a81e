/**
 * `npx tsx bench/quality-pareto-local-search.ts | tee bench/quality-pareto-local-search.log`: settings
 * of `LocalSearch` over two objectives (Pareto local search) on NAS-Bench-201 — signal ↑, FLOPs ↓ —
 * on the tuning seeds 0–299 only, at 100 and 200 queries: the mean hypervolume ratio re-scored on
 * test accuracy (as `quality-multi-objective.ts` scores it) ± its standard error. The held-out seeds
 * are for `quality-multi-objective.ts`.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { LocalSearch, type LocalSearchOptions, search } from '@archspace/strategies';
import { accuracyFlopsVolume, meanAndError, nasBench201 } from './nasbench201-quality.js';

const CANDIDATES: readonly LocalSearchOptions[] = [
  { initialSamples: 5 },
  { initialSamples: 10 },
  { initialSamples: 20 },
  { initialSamples: 30 },
  { initialSamples: 10, kickSizes: [2] },
  { initialSamples: 20, kickSizes: [2] },
];

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  const { volume } = accuracyFlopsVolume(bench);
  const table = volume(bench.records.map((r) => [r.test200.cifar10, r.flopsM.cifar10]));
  console.log('# tuning seeds 0–299; hypervolume ratio re-scored on test accuracy');
  for (const queries of [100, 200]) {
    for (const options of CANDIDATES) {
      const ratios: number[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const result = await search(
          space,
          (sample) => ({ signal: bench.query(sample).signal, flops: bench.query(sample).flopsM.cifar10 }),
          new LocalSearch({ ...options, canonicalKey: nasBench201CanonicalKey }),
          { maxTrials: queries },
          { seed, progress: false, objectives: [{ name: 'signal', direction: 'maximize' }, { name: 'flops', direction: 'minimize' }] },
        );
        ratios.push(volume(result.paretoFront!.map((t) => [bench.query(t.sample).test200.cifar10, bench.query(t.sample).flopsM.cifar10])) / table);
      }
      console.log(`${queries} queries, ${JSON.stringify(options)}: ${meanAndError(ratios, 4)}`);
    }
  }
}
