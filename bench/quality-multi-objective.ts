/**
 * `npx tsx bench/quality-multi-objective.ts [names…] [--queries=100|200]`: multi-objective search on NAS-Bench-201
 * CIFAR-10, maximising the 12-epoch validation signal and minimising `flops_c10_M` (given as `costs`:
 * known before training, as `modelCosts` gives them), at 100 and 200
 * queries on the tuning seeds 0–299 and the held-out seeds 1000–1299. A run is scored by the
 * hypervolume of its Pareto front (by the search objectives), re-scored on (200-epoch test accuracy,
 * FLOPs) with reference point (10 %, the table's largest FLOPs), over the hypervolume of the whole
 * table's front in that plane; and by the same ratio in the search plane (signal, FLOPs). Mean ±
 * standard error; the goals (issue 15) are held on the held-out seeds.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { LocalSearch, NSGA2, Random, type Strategy, TPE, search } from '@archspace/strategies';
import { report } from './harness.js';
import { accuracyFlopsVolume, meanAndError, nasBench201, SEED_RANGES } from './nasbench201-quality.js';

/** Goals on the held-out seeds: re-scored ratio and search-plane ratio, by queries. */
const GOALS: Record<number, { rescored: number; search: number }> = { 100: { rescored: 0.995, search: 0.99 }, 200: { rescored: 0.997, search: 0.995 } };

const STRATEGIES: Record<string, () => Strategy> = {
  Random: () => new Random(),
  NSGA2: () => new NSGA2(),
  TPE: () => new TPE(),
  LocalSearch: () => new LocalSearch({ canonicalKey: nasBench201CanonicalKey }),
};

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  const records = bench.records;
  const { reference, volume } = accuracyFlopsVolume(bench);
  const tableRescored = volume(records.map((r) => [r.test200.cifar10, r.flopsM.cifar10]));
  const tableSearch = volume(records.map((r) => [r.signal, r.flopsM.cifar10]));
  const args = process.argv.slice(2);
  // `--queries=N` runs one budget (two processes can then share the work); both by default.
  const budgets = args.filter((a) => a.startsWith('--queries=')).map((a) => Number(a.slice('--queries='.length)));
  const only = args.filter((a) => !a.startsWith('--'));
  console.log(`NAS-Bench-201 CIFAR-10, signal ↑ and flops_c10_M ↓; reference (10, ${reference[1]!.toFixed(2)}); hypervolume ratios to the whole table's front`);
  for (const [name, make] of Object.entries(STRATEGIES)) {
    if (only.length > 0 && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
    for (const queries of budgets.length > 0 ? budgets : [100, 200]) {
      const cells: string[] = [];
      let heldOut = { rescored: 0, search: 0 };
      let repeated = 0;
      for (const [range, [first, end]] of Object.entries(SEED_RANGES)) {
        const rescored: number[] = [];
        const searchPlane: number[] = [];
        for (let seed = first; seed < end; seed++) {
          // FLOPs are known before training: they come as costs (strategies that read them order their
          // proposals by them; the others see the same outcomes as if the evaluator reported them).
          const result = await search(
            space,
            (sample) => ({ signal: bench.query(sample).signal }),
            make(),
            { maxTrials: queries },
            {
              seed,
              progress: false,
              objectives: [{ name: 'signal', direction: 'maximize' }, { name: 'flops', direction: 'minimize' }],
              costs: (sample) => ({ flops: bench.query(sample).flopsM.cifar10 }),
            },
          );
          repeated += result.trials.length - new Set(result.trials.map((t) => bench.query(t.sample).arch)).size;
          const front = result.paretoFront!.map((t) => bench.query(t.sample));
          rescored.push(volume(front.map((r) => [r.test200.cifar10, r.flopsM.cifar10])) / tableRescored);
          searchPlane.push(volume(front.map((r) => [r.signal, r.flopsM.cifar10])) / tableSearch);
        }
        cells.push(`${range} ${meanAndError(rescored, 4)} (search plane ${meanAndError(searchPlane, 4)})`);
        heldOut = { rescored: rescored.reduce((a, b) => a + b, 0) / rescored.length, search: searchPlane.reduce((a, b) => a + b, 0) / searchPlane.length };
      }
      console.log(`${name}, ${queries} queries: ${cells.join('; ')}; repeated queries ${repeated}`);
      // Random is the baseline; the goals are for the strategies that search.
      if (name === 'Random') continue;
      const goal = GOALS[queries]!;
      report(`${name} at ${queries} queries, held-out, re-scored`, heldOut.rescored, { bound: '≥', value: goal.rescored, unit: '', digits: 4 });
      report(`${name} at ${queries} queries, held-out, search plane`, heldOut.search, { bound: '≥', value: goal.search, unit: '', digits: 4 });
    }
  }
}
