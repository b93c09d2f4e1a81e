/**
 * `nice -n 19 npx tsx bench/quality-local-search-restarts.ts MODE | tee -a bench/quality-local-search-restarts.log`
 * (MODE: tune, held-out, tune-balanced, held-out-balanced): LocalSearch's `restartDistance` on NAS-Bench-201 CIFAR-10 (100 and 200 queries; mean CIFAR-10
 * test accuracy of the best-signal architecture ± its standard error). Runs that stall near 94.2
 * have climbed into the basin of another cell about four edges from the best one, and a kick of two
 * or three edges from the best sample mostly falls back into it; a restart from the best sample
 * evaluated far from every local optimum found starts the next climb in another basin for free, and
 * more initial samples give it more places to start from. `tune` runs the candidates on the tuning
 * seeds 0–299; `held-out` runs the best mean at 100 queries there on seeds 1000–1299, which chose
 * nothing. A second round, `tune-balanced` and `held-out-balanced`, adds a balanced start (every op of each edge
 * equally often among the initial samples); the log keeps both rounds in the order they ran.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { LocalSearch, type LocalSearchOptions } from '@archspace/strategies';
import { bestTestAccuracies, meanAndError, nasBench201, SEED_RANGES, shownOptions } from './nasbench201-quality.js';

const canonicalKey = nasBench201CanonicalKey;

/** The first round: the bench's setting before, 30 random initial samples, and restarts 3 or 4 decisions away. */
const CANDIDATES: readonly LocalSearchOptions[] = [
  { canonicalKey },
  { initialSamples: 30, canonicalKey },
  ...[20, 30, 40].flatMap((initialSamples) => [3, 4].map((restartDistance) => ({ initialSamples, restartDistance, canonicalKey }))),
];

/** The second round: balanced starts of 20 to 40 samples, restarts 3 or 4 decisions away. */
const BALANCED: readonly LocalSearchOptions[] = [20, 30, 40].flatMap((initialSamples) =>
  [3, 4].map((restartDistance) => ({ initialSamples, restartDistance, balancedStart: true, canonicalKey })),
);

/** The best of the second round at 100 queries on the tuning seeds (94.284; the bench's LocalSearch setting). */
const CHOSEN_BALANCED: LocalSearchOptions = { initialSamples: 30, restartDistance: 4, balancedStart: true, canonicalKey };

/** The best mean at 100 queries on the tuning seeds (and at 200): 40 initial samples, restarts 4 decisions from every local optimum. */
const CHOSEN: LocalSearchOptions = { initialSamples: 40, restartDistance: 4, canonicalKey };

const data = nasBench201();
if (data !== undefined) {
  const mode = process.argv[2] ?? 'tune';
  const modes = new Map([['tune', CANDIDATES], ['held-out', [CHOSEN]], ['tune-balanced', BALANCED], ['held-out-balanced', [CHOSEN_BALANCED]]]);
  const settings = modes.get(mode);
  if (settings === undefined) throw new Error(`mode must be tune, held-out, tune-balanced or held-out-balanced, got ${mode}`);
  const range = mode.startsWith('tune') ? 'tuning' : 'held-out';
  const [first, end] = SEED_RANGES[range];
  console.log(`# ${mode}: ${range} seeds ${first}–${end - 1}`);
  for (const queries of [100, 200]) {
    for (const options of settings) {
      const tests = await bestTestAccuracies(data, () => new LocalSearch(options), queries, [first, end]);
      console.log(`${queries} queries, ${shownOptions(options)}: ${meanAndError(tests, 3)}`);
    }
  }
}
