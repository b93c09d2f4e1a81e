/**
 * `nice -n 19 npx tsx bench/quality-rea-canonical.ts [tune|held-out] | tee -a bench/quality-rea-canonical.log`:
 * RegularizedEvolution on NAS-Bench-201 CIFAR-10 with the NAS-Bench-201 canonical key (one proposal
 * per network, as LocalSearch) — does it lift the settings `quality-tuning-rea-rl.ts` chose? `tune`
 * runs a few settings near the chosen one at 100 queries on tuning seeds 0–299; `held-out` runs the
 * best of them (and the chosen one without the key) on seeds 1000–1299, at 100 and 200 queries.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { RegularizedEvolution, type RegularizedEvolutionOptions } from '@archspace/strategies';
import { bestTestAccuracies, meanAndError, nasBench201, SEED_RANGES, shownOptions } from './nasbench201-quality.js';

const canonicalKey = nasBench201CanonicalKey;
const one = { mutationProb: 0, alwaysMutate: true } as const;

/** The settings compared: the bench's (population 40, tournament 30, one decision per child) with and without the key, and neighbours of it with the key. */
const CANDIDATES: readonly RegularizedEvolutionOptions[] = [
  { populationSize: 40, sampleSize: 30, ...one },
  { populationSize: 40, sampleSize: 30, ...one, canonicalKey },
  { populationSize: 30, sampleSize: 20, ...one, canonicalKey },
  { populationSize: 30, sampleSize: 30, ...one, canonicalKey },
  { populationSize: 50, sampleSize: 40, ...one, canonicalKey },
  { populationSize: 20, sampleSize: 10, ...one, canonicalKey },
  { ...one, canonicalKey },
  { populationSize: 30, sampleSize: 30, ...one },
  { populationSize: 25, sampleSize: 20, ...one, canonicalKey },
  { populationSize: 25, sampleSize: 25, ...one, canonicalKey },
  { populationSize: 35, sampleSize: 30, ...one, canonicalKey },
  { populationSize: 35, sampleSize: 35, ...one, canonicalKey },
];

/** The held-out settings: the bench's, and the best mean of `tune` (population 35, tournament 30, with the key). */
const HELD_OUT: readonly RegularizedEvolutionOptions[] = [{ populationSize: 40, sampleSize: 30, ...one }, { populationSize: 35, sampleSize: 30, ...one, canonicalKey }];

const data = nasBench201();
if (data !== undefined) {
  const mode = process.argv[2] ?? 'tune';
  if (mode !== 'tune' && mode !== 'held-out') throw new Error(`mode must be tune or held-out, got ${mode}`);
  const [first, end] = SEED_RANGES[mode === 'tune' ? 'tuning' : 'held-out'];
  console.log(`# ${mode === 'tune' ? 'tuning' : 'held-out'} seeds ${first}–${end - 1}`);
  for (const queries of mode === 'tune' ? [100] : [100, 200]) {
    for (const options of mode === 'tune' ? CANDIDATES : HELD_OUT) {
      const tests = await bestTestAccuracies(data, () => new RegularizedEvolution(options), queries, [first, end]);
      console.log(`${queries} queries, ${shownOptions(options)}: ${meanAndError(tests, 3)}`);
    }
  }
}
