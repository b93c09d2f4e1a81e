/**
 * `npx tsx bench/quality-multi-fidelity.ts [--seeds N]`: Hyperband and BOHB against Random and TPE on
 * a task whose fidelity is real — training epochs of the TensorFlow.js evaluator (see
 * `multi-fidelity-task.ts`). Every strategy gets the same total of training epochs, what 20
 * full-budget trainings cost; Random and TPE train every trial at the full 9 epochs, Hyperband and
 * BOHB spend 1, 3 or 9. A run scores the validation accuracy at 9 epochs of the best configuration
 * it found at the largest budget it evaluated. Prints mean ± standard error over seeds, the paired
 * difference from Random, what each strategy evaluated and its wall time, and writes the same to
 * `quality-multi-fidelity.log`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BOHB, Hyperband, Random, type Strategy, TPE } from '@archspace/strategies';
import { useTfBackend } from '@archspace/tfjs';
import { type EpochBudgetResult, epochBudgetSearch } from './epoch-budget-search.js';
import { TASK_DATASET, trainConfig, tuningSpace } from './multi-fidelity-task.js';
import { meanAndError } from './nasbench201-quality.js';

const MIN_EPOCHS = 1;
const MAX_EPOCHS = 9;
const ETA = 3;
/** The budget of every search, in full-budget trainings: 180 epochs. */
const FULL_TRIALS = 20;
const TOTAL_EPOCHS = FULL_TRIALS * MAX_EPOCHS;

const seedsFlag = process.argv.indexOf('--seeds');
const SEEDS = seedsFlag >= 0 ? Number(process.argv[seedsFlag + 1]) : 8;

/** The strategies compared, and the trial count a full-budget one is told. */
const STRATEGIES: readonly { strategy: Strategy; maxTrials?: number }[] = [
  { strategy: new Random(), maxTrials: FULL_TRIALS },
  { strategy: new TPE(), maxTrials: FULL_TRIALS },
  { strategy: new Hyperband({ minBudget: MIN_EPOCHS, maxBudget: MAX_EPOCHS, eta: ETA }) },
  { strategy: new BOHB({ minBudget: MIN_EPOCHS, maxBudget: MAX_EPOCHS, eta: ETA }) },
];

const lines: string[] = [];
const print = (line: string): void => {
  lines.push(line);
  console.log(line);
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const percent = (xs: readonly number[]): number[] => xs.map((x) => 100 * x);

const started = performance.now();
const backend = await useTfBackend();
const d = TASK_DATASET;
print(`# task: tune a conv net (lr log-uniform 1e-3–0.3, width 4/8/16, depth 1/2/3, kernel 3/5, batch 16/32/64) on shapes`);
print(`#   ${d.numClasses} classes, ${d.imageSize}×${d.imageSize}×${d.channels}, ${d.trainSize} train / ${d.validationSize} validation images, Adam + cosine, TensorFlow.js ${backend}`);
print(`# budget: ${TOTAL_EPOCHS} training epochs per search (${FULL_TRIALS} trainings at ${MAX_EPOCHS} epochs); Hyperband/BOHB: budgets ${MIN_EPOCHS}–${MAX_EPOCHS}, eta ${ETA}`);
print(`# score: validation accuracy (%) at ${MAX_EPOCHS} epochs of the best configuration at the largest budget evaluated; ${SEEDS} seeds (0–${SEEDS - 1})`);

const results = new Map<string, EpochBudgetResult[]>(STRATEGIES.map(({ strategy }) => [strategy.name, []]));
for (let seed = 0; seed < SEEDS; seed++) {
  const scores: string[] = [];
  for (const { strategy, maxTrials } of STRATEGIES) {
    const result = await epochBudgetSearch(tuningSpace, strategy, trainConfig, { totalEpochs: TOTAL_EPOCHS, maxEpochs: MAX_EPOCHS, seed, ...(maxTrials !== undefined ? { maxTrials } : {}) });
    results.get(strategy.name)!.push(result);
    scores.push(`${strategy.name} ${(100 * result.score).toFixed(1)}${result.retrained ? ' (retrained)' : ''}`);
    console.error(`seed ${seed} ${strategy.name}: ${(100 * result.score).toFixed(1)} % in ${result.seconds.toFixed(0)} s (${result.evaluations} evaluations, ${result.epochs} epochs)`);
  }
  print(`seed ${seed}: ${scores.join(', ')}`);
}

const random = results.get('Random')!.map((r) => r.score);
print('');
print('| strategy | best val. acc. % | vs Random (paired) | evaluations | at 9 epochs | configs | epochs spent | wall s / run |');
print('|---|---|---|---|---|---|---|---|');
for (const [name, runs] of results) {
  const scores = runs.map((r) => r.score);
  const paired = name === 'Random' ? '—' : meanAndError(percent(scores.map((s, i) => s - random[i]!)), 1);
  const columns = [
    name,
    meanAndError(percent(scores), 1),
    paired,
    mean(runs.map((r) => r.evaluations)).toFixed(1),
    mean(runs.map((r) => r.fullEvaluations)).toFixed(1),
    mean(runs.map((r) => r.configurations)).toFixed(1),
    mean(runs.map((r) => r.epochs)).toFixed(0),
    mean(runs.map((r) => r.seconds)).toFixed(1),
  ];
  print(`| ${columns.join(' | ')} |`);
}
print('');
print(`whole run: ${((performance.now() - started) / 1000 / 60).toFixed(1)} min on ${backend}`);
writeFileSync(fileURLToPath(new URL('./quality-multi-fidelity.log', import.meta.url)), `${lines.join('\n')}\n`);
