/**
 * `npx tsx bench/quality-constrained-tuning.ts [tune|held-out] [words…]`: strategy settings for the constrained
 * NAS-Bench-201 goal with the FLOPs given as costs (the `pruned` protocol of `quality-constrained.ts`:
 * `flops_c10_M ≤ 50`, infeasible cells pruned without a query; mean CIFAR-10 test accuracy of the
 * best feasible trial ± its standard error, at 100 and 200 trained queries). `tune` runs every
 * candidate on the tuning seeds 0–299; `held-out` runs the chosen one on seeds 1000–1299, which chose
 * nothing; words keep only the candidates whose names contain one. The log of both is
 * `quality-constrained-tuning.log` beside this file (LocalSearch rows before its "cost-guided" section
 * ran without `costOrder`, which is now on by default).
 */
import { nasBench201CanonicalKey, type Sample } from '@archspace/mutables';
import { LocalSearch, RegularizedEvolution, type Strategy, TPE } from '@archspace/strategies';
import { constrainedRuns } from './nasbench201-constrained.js';
import { meanAndError, nasBench201, SEED_RANGES } from './nasbench201-quality.js';

const canonicalKey = nasBench201CanonicalKey;
const evolution = { populationSize: 40, sampleSize: 30, mutationProb: 0, alwaysMutate: true };

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  // Isomorphic cells can differ in FLOPs (a convolution on an edge that does not reach the output
  // counts), so one of them may be pruned and another feasible: this key keeps them apart.
  const keyWithFlops = (s: Sample) => `${canonicalKey(s)}@${bench.query(s).flopsM.cifar10}`;
  /** The chosen setting first: the class defaults with the canonical key. */
  const candidates: Record<string, () => Strategy> = {
    'LocalSearch {canonicalKey} (costOrder by default)': () => new LocalSearch({ canonicalKey }),
    'LocalSearch {canonicalKey, costOrder: false}': () => new LocalSearch({ canonicalKey, costOrder: false }),
    'LocalSearch {initialSamples: 5, canonicalKey}': () => new LocalSearch({ initialSamples: 5, canonicalKey }),
    'LocalSearch {initialSamples: 15, canonicalKey}': () => new LocalSearch({ initialSamples: 15, canonicalKey }),
    'LocalSearch {initialSamples: 20, canonicalKey}': () => new LocalSearch({ initialSamples: 20, canonicalKey }),
    'LocalSearch {initialSamples: 30, canonicalKey}': () => new LocalSearch({ initialSamples: 30, canonicalKey }),
    'LocalSearch {kickSizes: [2], canonicalKey}': () => new LocalSearch({ kickSizes: [2], canonicalKey }),
    'LocalSearch {kickSizes: [3], canonicalKey}': () => new LocalSearch({ kickSizes: [3], canonicalKey }),
    'LocalSearch {initialSamples: 20, kickSizes: [3], canonicalKey}': () => new LocalSearch({ initialSamples: 20, kickSizes: [3], canonicalKey }),
    'LocalSearch {} (no canonical key)': () => new LocalSearch(),
    'LocalSearch {canonicalKey: canonical key and FLOPs}': () => new LocalSearch({ canonicalKey: keyWithFlops }),
    'RegularizedEvolution {40, 30, mutationProb 0, alwaysMutate}': () => new RegularizedEvolution(evolution),
    'RegularizedEvolution {40, 30, mutationProb 0, alwaysMutate, canonicalKey}': () => new RegularizedEvolution({ ...evolution, canonicalKey }),
    'RegularizedEvolution {20, 10, mutationProb 0, alwaysMutate, canonicalKey}': () => new RegularizedEvolution({ ...evolution, populationSize: 20, sampleSize: 10, canonicalKey }),
    'TPE {}': () => new TPE(),
    'TPE {nStartupJobs: 10}': () => new TPE({ nStartupJobs: 10 }),
  };
  const mode = process.argv[2] ?? 'tune';
  const only = process.argv.slice(3);
  if (mode !== 'tune' && mode !== 'held-out') throw new Error(`mode must be tune or held-out, got ${mode}`);
  const seeds = SEED_RANGES[mode === 'tune' ? 'tuning' : 'held-out'];
  console.log(`# ${mode === 'tune' ? 'tuning' : 'held-out'} seeds ${seeds[0]}–${seeds[1] - 1}`);
  const chosen = mode === 'tune' ? Object.entries(candidates) : Object.entries(candidates).slice(0, 1);
  // `tune name…` runs only the candidates whose names contain one of the words.
  const settings = only.length === 0 ? chosen : chosen.filter(([name]) => only.some((word) => name.includes(word)));
  for (const queries of [100, 200]) {
    for (const [name, make] of settings) {
      const runs = await constrainedRuns(bench, space, make, 'pruned', queries, seeds);
      console.log(`${queries} queries, ${name}: ${meanAndError(runs.tests, 3)} (${runs.meanPruned.toFixed(0)} pruned, ${runs.infeasibleBest} infeasible best)`);
    }
  }
}
