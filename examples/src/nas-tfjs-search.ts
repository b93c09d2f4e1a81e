/**
 * A real neural architecture search: regularized evolution over the NAS-Bench-201 cell space (at a
 * small width: 8 channels, one cell per stage), where every sampled architecture is compiled to
 * TensorFlow.js and trained for real on the procedurally drawn shapes dataset. Prints every trial,
 * then the best architecture and the worst one with their validation accuracies.
 *
 * Run: `node examples/dist/nas-tfjs-search.js` after `npm run build` (about a minute and a half on two
 * cores with the WASM backend).
 */
import { NasBench201Space, nasBench201ArchString } from '@archspace/mutables';
import { RegularizedEvolution, search } from '@archspace/strategies';
import { ClassificationEvaluator, type TfBackendChoice, useTfBackend } from '@archspace/tfjs';

/** Options of {@link main}; the defaults are the demo's. */
export interface NasTfjsSearchOptions {
  /** Architectures trained (default 20). */
  readonly trials?: number;
  /** Regularized evolution's population (default 6) and tournament size (default 3). */
  readonly populationSize?: number;
  readonly sampleSize?: number;
  /** Training epochs per architecture (default 2) over `trainSize` images (default 1280). */
  readonly epochs?: number;
  readonly trainSize?: number;
  /** Validation images scoring each architecture (default 400). */
  readonly validationSize?: number;
  /** Image height and width (default 16). */
  readonly imageSize?: number;
  /** Width of the network's first stage (default 8). */
  readonly channels?: number;
  /** Seed of the search, the dataset and every training (default 0). */
  readonly seed?: number;
  /** TensorFlow.js backend (default `'auto'`: WASM). */
  readonly backend?: TfBackendChoice;
}

/** One trained architecture. */
export interface ScoredArchitecture {
  /** The benchmark's arch string, e.g. `|nor_conv_3x3~0|+|none~0|skip_connect~1|+|…|`. */
  readonly arch: string;
  /** Validation accuracy after training. */
  readonly accuracy: number;
}

/** What the search found. */
export interface NasTfjsSearchResult {
  readonly best: ScoredArchitecture;
  readonly worst: ScoredArchitecture;
  readonly trials: readonly ScoredArchitecture[];
  readonly seconds: number;
  readonly backend: string;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Searches, printing progress, and returns the best and worst architectures. */
export async function main(print: (line: string) => void = console.log, options: NasTfjsSearchOptions = {}): Promise<NasTfjsSearchResult> {
  const started = performance.now();
  const trials = options.trials ?? 20;
  const seed = options.seed ?? 0;
  const numClasses = 6;
  const space = NasBench201Space.create({ channels: options.channels ?? 8, cellsPerStage: 1, numClasses });
  const dataset = { numClasses, imageSize: options.imageSize ?? 16, trainSize: options.trainSize ?? 1280, validationSize: options.validationSize ?? 400, seed };
  const evaluator = new ClassificationEvaluator({
    epochs: options.epochs ?? 2,
    batchSize: 32,
    dataset,
    seed,
    ...(options.backend ? { backend: options.backend } : {}),
  });
  const backend = await useTfBackend(options.backend);
  const strategy = new RegularizedEvolution({ populationSize: options.populationSize ?? 6, sampleSize: options.sampleSize ?? 3, mutationProb: 1 / 6 });
  print(`NAS-Bench-201 cell space (${space.size} architectures), ${options.channels ?? 8} channels, one cell per stage`);
  print(`regularized evolution (population ${strategy.options.populationSize}, tournament ${strategy.options.sampleSize}), ${trials} trainings on TensorFlow.js (${backend})`);
  print(`each: ${evaluator.options.epochs} epochs over ${dataset.trainSize} drawn shapes (${numClasses} classes), scored on ${dataset.validationSize} more`);

  const scored: ScoredArchitecture[] = [];
  const result = await search(
    space,
    async (sample, trial) => {
      const t0 = performance.now();
      const accuracy = await evaluator.evaluate(space.freeze(sample), trial);
      const arch = nasBench201ArchString(sample);
      scored.push({ arch, accuracy });
      const best = Math.max(...scored.map((s) => s.accuracy));
      print(`trial ${String(trial.id + 1).padStart(2)}/${trials}  ${percent(accuracy).padStart(7)}  ${arch}  (${((performance.now() - t0) / 1000).toFixed(1)} s, best so far ${percent(best)})`);
      return accuracy;
    },
    strategy,
    { maxTrials: trials },
    { seed, progress: false },
  );

  const best = scored.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const worst = scored.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
  const failed = result.trials.filter((t) => t.outcome.status !== 'succeeded').length;
  const seconds = (performance.now() - started) / 1000;
  print(`best architecture:  ${best.arch}  validation accuracy ${percent(best.accuracy)}`);
  print(`worst architecture: ${worst.arch}  validation accuracy ${percent(worst.accuracy)}`);
  print(`best beats worst by ${(100 * (best.accuracy - worst.accuracy)).toFixed(1)} points (chance is ${percent(1 / numClasses)}); ${scored.length} trained, ${failed} failed, ${seconds.toFixed(1)} s`);
  return { best, worst, trials: scored, seconds, backend };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
