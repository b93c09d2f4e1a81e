/**
 * `npx tsx bench/quality-pareto-local-search.ts | tee bench/quality-pareto-local-search.log`: settings
 * of `LocalSearch` over two objectives (Pareto local search) on NAS-Bench-201 — signal ↑, FLOPs ↓ —
 * on the tuning seeds 0–299 only, at 100 and 200 queries: the mean hypervolume ratio re-scored on
 * test accuracy (as `quality-multi-objective.ts` scores it) ± its standard error, and the same ratio
 * in the search plane. Candidates: which archive member to explore (`explore`), the reference margin
 * of the contributions, the initial samples and the kick sizes. The held-out seeds
 * are for `quality-multi-objective.ts`.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { LocalSearch, type LocalSearchOptions, search } from '@archspace/strategies';
import { accuracyFlopsVolume, meanAndError, nasBench201 } from './nasbench201-quality.js';

const CANDIDATES: readonly LocalSearchOptions[] = [
  { explore: 'uniform' },
  { explore: 'uniform', initialSamples: 20 },
  { explore: 'contribution', referenceMargin: 0 },
  { explore: 'contribution', referenceMargin: 0.1 },
  { explore: 'contribution', referenceMargin: 0.5 },
  { explore: 'contribution', referenceMargin: 1 },
  { explore: 'contribution', referenceMargin: 2 },
  { explore: 'contribution', referenceMargin: 4 },
  { explore: 'contribution', referenceMargin: 1, initialSamples: 5 },
  { explore: 'contribution', referenceMargin: 1, initialSamples: 20 },
  { explore: 'contribution', referenceMargin: 1, kickSizes: [2] },
];

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  const { volume } = accuracyFlopsVolume(bench);
  const table = volume(bench.records.map((r) => [r.test200.cifar10, r.flopsM.cifar10]));
  const tableSearch = volume(bench.records.map((r) => [r.signal, r.flopsM.cifar10]));
  console.log('# tuning seeds 0–299; hypervolume ratio re-scored on test accuracy (and in the search plane)');
  for (const queries of [100, 200]) {
    for (const options of CANDIDATES) {
      const ratios: number[] = [];
      const searchPlane: number[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const result = await search(
          space,
          (sample) => ({ signal: bench.query(sample).signal, flops: bench.query(sample).flopsM.cifar10 }),
          // As measured for the log: before the explore decay (`quality-pareto-model.ts`) existed.
          new LocalSearch({ exploreDecay: 0, ...options, canonicalKey: nasBench201CanonicalKey }),
          { maxTrials: queries },
          { seed, progress: false, objectives: [{ name: 'signal', direction: 'maximize' }, { name: 'flops', direction: 'minimize' }] },
        );
        const front = result.paretoFront!.map((t) => bench.query(t.sample));
        ratios.push(volume(front.map((r) => [r.test200.cifar10, r.flopsM.cifar10])) / table);
        searchPlane.push(volume(front.map((r) => [r.signal, r.flopsM.cifar10])) / tableSearch);
      }
      console.log(`${queries} queries, ${JSON.stringify(options)}: ${meanAndError(ratios, 4)} (search plane ${meanAndError(searchPlane, 4)})`);
    }
  }
}
