/**
 * The main job: a real neural architecture search run as an experiment with the embedded defaults.
 * Regularized evolution searches the NAS-Bench-201 cell space (small: 8 channels, one cell per stage);
 * every architecture is a trial process that receives the frozen architecture (IR JSON) and a traced
 * `ClassificationEvaluator`, compiles it to TensorFlow.js and trains it for real on procedurally drawn
 * shapes, reporting validation accuracy per epoch. Results go to SQLite under
 * `~/archspace-experiments/<id>/`; the REST API is served on a free local port. Prints a live progress
 * line, then the best and the worst architectures with their accuracies.
 *
 * Run: `npm run main` (or, after a build, `node examples/dist/nas-experiment.js`).
 */
import { fileURLToPath } from 'node:url';
import { type LaunchedExperiment, showProgress, startNasExperiment } from '@archspace/experiment';
import { NasBench201Space, nasBench201ArchString } from '@archspace/mutables';
import { RegularizedEvolution } from '@archspace/strategies';
import { ClassificationEvaluator } from '@archspace/tfjs';

/** Options of {@link main}; the defaults are the demo's. */
export interface NasExperimentOptions {
  readonly trials?: number;
  readonly concurrency?: number;
  readonly epochs?: number;
  readonly trainSize?: number;
  readonly validationSize?: number;
  readonly seed?: number;
  readonly experimentWorkingDirectory?: string;
}

/** One trained architecture. */
export interface ScoredArchitecture {
  readonly arch: string;
  readonly accuracy: number;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Runs the search and prints the best and worst architectures. */
export async function main(
  print: (line: string) => void = console.log,
  options: NasExperimentOptions = {},
): Promise<{ experiment: LaunchedExperiment; best: ScoredArchitecture; worst: ScoredArchitecture; trials: ScoredArchitecture[] }> {
  const numClasses = 6;
  const seed = options.seed ?? 0;
  const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses });
  const evaluator = new ClassificationEvaluator({
    epochs: options.epochs ?? 2,
    batchSize: 32,
    dataset: { numClasses, imageSize: 16, trainSize: options.trainSize ?? 1280, validationSize: options.validationSize ?? 400, seed },
    seed,
  });
  const strategy = new RegularizedEvolution({ populationSize: 6, sampleSize: 3, mutationProb: 1 / 6, alwaysMutate: true });
  const trials = options.trials ?? 20;
  print(`NAS-Bench-201 cell space: ${space.size} architectures (8 channels, one cell per stage), ${numClasses}-class shapes at 16×16`);
  print(`regularized evolution (population 6, tournament 3): ${trials} trainings as trial processes, ${options.concurrency ?? 2} at a time`);
  const experiment = await startNasExperiment({
    space,
    inputShapes: [evaluator.inputShape],
    evaluator,
    strategy,
    imports: ['@archspace/tfjs'],
    config: {
      experimentName: 'nas-tfjs',
      trialCodeDirectory: fileURLToPath(new URL('..', import.meta.url)),
      trialConcurrency: options.concurrency ?? 2,
      maxTrialNumber: trials,
      maxTrialDuration: '10m',
      seed,
      ...(options.experimentWorkingDirectory ? { experimentWorkingDirectory: options.experimentWorkingDirectory } : {}),
    },
  });
  print(`experiment ${experiment.id} in ${experiment.dir}; REST API ${experiment.server?.url}/api/v1/nni`);
  print(`dashboard (while it runs): ${experiment.server?.url}/#token=${experiment.token}`);
  const stop = showProgress(experiment.manager);
  const status = await experiment.done;
  stop();
  const finals = new Map(experiment.manager.store.finalMetrics().map((m) => [m.trialJobId, Number(JSON.parse(m.data))]));
  const scored = experiment.manager.store
    .listTrials({ status: 'SUCCEEDED' })
    .map((t) => ({ arch: nasBench201ArchString(t.sample), accuracy: finals.get(t.trialJobId)! }));
  if (scored.length === 0) throw new Error(`no architecture trained successfully (experiment ${status}); see ${experiment.dir}/trials/*/stderr`);
  const best = scored.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const worst = scored.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
  print(`experiment ended: ${status}; ${scored.length} of ${trials} architectures trained`);
  print(`best  ${best.arch}  validation accuracy ${percent(best.accuracy)}`);
  print(`worst ${worst.arch}  validation accuracy ${percent(worst.accuracy)}`);
  print(`the best beats the worst by ${(100 * (best.accuracy - worst.accuracy)).toFixed(1)} points`);
  await experiment.close();
  return { experiment, best, worst, trials: scored };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
