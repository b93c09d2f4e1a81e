/**
 * `npx tsx bench/quality-model-candidates-toy.ts | tee bench/quality-model-candidates-toy.log`: what
 * Pareto local search's `modelCandidates` cost where local moves alone already find nearly the whole
 * front — the toy of `pareto-local-search-model-candidates.test.ts` (6 decisions of 5 values, an
 * additive score, a known cost), 20 seeds of 100 trials: the mean hypervolume left unfound, out of
 * the whole space's, for 0, 30, 100 and 300 candidates. The gain they bring is measured on
 * NAS-Bench-201 (`quality-pareto-model.ts`).
 */
import { Categorical, MutableDict, type Sample } from '@archspace/mutables';
import { hypervolume, LocalSearch, search } from '@archspace/strategies';

const space = new MutableDict(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4], { label: `d${i}` })])));
const values = (s: Sample) => Object.values(s) as number[];
const cost = (s: Sample) => values(s).reduce((a, x, i) => a + x * (1 + (i % 3)), 0);
const score = (s: Sample) => values(s).reduce((a, x, i) => a + Math.sqrt(x) * (1 + ((i * 7) % 4)) - (x === 0 ? 2 : 0), 0);
const objectives = [{ name: 'accuracy', direction: 'maximize' as const }, { name: 'cost', direction: 'minimize' as const }];
const volume = (samples: readonly Sample[]) => hypervolume(samples.map((s) => [score(s), cost(s)]), [0, 60], ['maximize', 'minimize']);

const best = volume([...space.grid()]);
for (const modelCandidates of [0, 30, 100, 300]) {
  let left = 0;
  for (let seed = 0; seed < 20; seed++) {
    const result = await search(space, (s) => ({ accuracy: score(s) }), new LocalSearch({ modelCandidates }), { maxTrials: 100 }, {
      seed,
      progress: false,
      objectives,
      costs: (s) => ({ cost: Object.keys(s).length > 0 ? cost(s) : 0 }),
    });
    left += best - volume(result.trials.map((t) => t.sample));
  }
  console.log(`modelCandidates ${modelCandidates}: ${(left / 20).toFixed(1)} of ${best.toFixed(1)} left unfound (20 seeds, 100 trials)`);
}
