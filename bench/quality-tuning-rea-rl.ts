/**
 * `nice -n 19 npx tsx bench/quality-tuning-rea-rl.ts | tee bench/quality-tuning-rea-rl.log`: settings
 * of RegularizedEvolution and PolicyBasedRL on NAS-Bench-201 CIFAR-10 (search signal: 12-epoch
 * validation accuracy; score: 200-epoch test accuracy of the best-signal architecture, mean ±
 * standard error). Each strategy's grid is run at 100 queries on tuning seeds 0–299 and the best mean
 * is chosen; only the chosen settings, the current defaults and the quality bench's settings are then
 * run on held-out seeds 1000–1299 (never used to choose), at 100 and 200 queries.
 */
import { PolicyBasedRL, type PolicyBasedRLOptions, RegularizedEvolution, type RegularizedEvolutionOptions, type Strategy, search } from '@archspace/strategies';
import { meanAndError, nasBench201 } from './nasbench201-quality.js';

/** A named way to make a fresh strategy. */
interface Setting {
  readonly name: string;
  readonly make: () => Strategy;
}

const rea = (options: RegularizedEvolutionOptions): Setting => ({ name: `REA ${JSON.stringify(options)}`, make: () => new RegularizedEvolution(options) });
const rl = (options: PolicyBasedRLOptions): Setting => ({ name: `RL ${JSON.stringify(options)}`, make: () => new PolicyBasedRL(options) });

/** The quality bench's REA settings before this tuning (bench/quality.ts now uses the chosen ones). */
const REA_BENCH = rea({ populationSize: 20, sampleSize: 10, mutationProb: 1 / 6, alwaysMutate: true });
/** Defaults: population and tournament fitted to the budget (20 and 10 at 100 queries), mutation 0.05. */
const REA_DEFAULTS = rea({});
const RL_DEFAULTS = rl({});

/** Mutation settings: `mutationProb: 0` with `alwaysMutate` redraws exactly one decision per child. */
const MUTATIONS: RegularizedEvolutionOptions[] = [
  { mutationProb: 0, alwaysMutate: true },
  { mutationProb: 1 / 12, alwaysMutate: true },
  { mutationProb: 1 / 12 },
  { mutationProb: 1 / 6, alwaysMutate: true },
  { mutationProb: 1 / 6 },
];

function reaGrid(): Setting[] {
  const grid = [REA_DEFAULTS, rea({ mutationProb: 0, alwaysMutate: true })];
  for (const populationSize of [20, 30, 40, 50])
    for (const sampleSize of [10, 20, 30, 40].filter((s) => s <= populationSize))
      for (const mutation of MUTATIONS) for (const crossover of [false, true]) grid.push(rea({ populationSize, sampleSize, ...mutation, ...(crossover ? { crossover } : {}) }));
  return grid;
}

function rlGrid(): Setting[] {
  const grid = [RL_DEFAULTS];
  for (const rankRewards of [false, true])
    for (const learningRate of rankRewards ? [0.1, 0.2, 0.3, 0.4] : [0.05, 0.1, 0.2, 0.3])
      for (const baselineMomentum of [0.8, 0.9, 0.95])
        for (const entropyWeight of rankRewards ? [0, 0.05, 0.1, 0.15] : [0, 0.3, 1])
          for (const samplesPerUpdate of [1, 5]) grid.push(rl({ learningRate, baselineMomentum, entropyWeight, samplesPerUpdate, rankRewards }));
  return grid;
}

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  /** Test accuracies of the best-signal architecture of one run per seed. */
  const tests = async (setting: Setting, queries: number, from: number): Promise<number[]> => {
    const out: number[] = [];
    for (let seed = from; seed < from + 300; seed++) {
      const result = await search(space, (s) => bench.query(s).signal, setting.make(), { maxTrials: queries }, { seed, progress: false });
      out.push(bench.query(result.best!.sample).test200.cifar10);
    }
    return out;
  };
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  /** Runs the grid on the tuning seeds, prints its best rows and the references, returns the best. */
  const tune = async (label: string, grid: readonly Setting[], references: readonly Setting[]): Promise<Setting> => {
    const started = performance.now();
    const rows: { setting: Setting; values: number[] }[] = [];
    for (const setting of grid) rows.push({ setting, values: await tests(setting, 100, 0) });
    rows.sort((a, b) => mean(b.values) - mean(a.values));
    console.log(`# ${label}: ${grid.length} settings, 100 queries, tuning seeds 0–299 (${((performance.now() - started) / 1000).toFixed(0)} s); best 12 and the references`);
    rows.forEach(({ setting, values }, rank) => {
      if (rank < 12 || references.some((r) => r.name === setting.name)) console.log(`${String(rank + 1).padStart(3)}. ${meanAndError(values, 3)}  ${setting.name}`);
    });
    console.log(`chosen: ${rows[0]!.setting.name}`);
    return rows[0]!.setting;
  };

  const reaChosen = await tune('RegularizedEvolution', reaGrid(), [REA_DEFAULTS, REA_BENCH]);
  const rlChosen = await tune('PolicyBasedRL', rlGrid(), [RL_DEFAULTS]);

  console.log('# held-out seeds 1000–1299 (goals at 100 queries: REA ≥ 94.20, RL ≥ 94.00)');
  const heldOut: [string, Setting][] = [
    ['REA chosen', reaChosen],
    ['REA defaults', REA_DEFAULTS],
    ['REA quality-bench settings', REA_BENCH],
    ['RL chosen', rlChosen],
    ['RL defaults', RL_DEFAULTS],
  ];
  for (const queries of [100, 200]) {
    for (const [label, setting] of heldOut) console.log(`${queries} queries, ${label}: ${meanAndError(await tests(setting, queries, 1000), 3)}  ${setting.name}`);
  }
}
