/**
 * `npx tsx bench/quality-local-search.ts [tune|held-out]`: the settings of `LocalSearch` on
 * NAS-Bench-201 (100 and 200 queries; mean CIFAR-10 test accuracy of the best-signal architecture ±
 * its standard error). `tune` runs every candidate setting on the tuning seeds 0–299; `held-out` runs
 * the chosen one (the class defaults, with the NAS-Bench-201 canonical key) on seeds 1000–1299,
 * which chose nothing. The log of both is `quality-local-search.log` beside this file.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { LocalSearch, type LocalSearchOptions } from '@archspace/strategies';
import { bestTestAccuracies, meanAndError, nasBench201, SEED_RANGES, shownOptions } from './nasbench201-quality.js';

const canonicalKey = nasBench201CanonicalKey;

const CANDIDATES: readonly LocalSearchOptions[] = [
  { initialSamples: 10, kickSizes: [2, 3] },
  { initialSamples: 10, kickSizes: [2, 3], canonicalKey },
  { initialSamples: 10, kickSizes: [2], canonicalKey },
  { initialSamples: 10, kickSizes: [3], canonicalKey },
  { initialSamples: 20, kickSizes: [2, 3], canonicalKey },
  { initialSamples: 20, kickSizes: [2], canonicalKey },
  { initialSamples: 5, kickSizes: [2, 3], canonicalKey },
  { initialSamples: 15, kickSizes: [2, 3], canonicalKey },
];

const data = nasBench201();
if (data !== undefined) {
  const mode = process.argv[2] ?? 'tune';
  if (mode !== 'tune' && mode !== 'held-out') throw new Error(`mode must be tune or held-out, got ${mode}`);
  const [first, end] = SEED_RANGES[mode === 'tune' ? 'tuning' : 'held-out'];
  const settings = mode === 'tune' ? CANDIDATES : [{ canonicalKey }];
  console.log(`# ${mode === 'tune' ? 'tuning' : 'held-out'} seeds ${first}–${end - 1}`);
  for (const queries of [100, 200]) {
    for (const options of settings) {
      const tests = await bestTestAccuracies(data, () => new LocalSearch(options), queries, [first, end]);
      console.log(`${queries} queries, ${shownOptions(options)}: ${meanAndError(tests, 3)}`);
    }
  }
}
