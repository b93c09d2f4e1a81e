/**
 * `npx tsx bench/oneshot-ranking.ts [--quick]`: how well one-shot search ranks architectures, on real
 * data (Fashion-MNIST, Debian's `dataset-fashion-mnist`).
 *
 * - Space: NAS-Bench-201 with 4 channels, one cell per stage, grayscale input, ten classes.
 * - Data: the first 3,000 training images train (both the supernet and every standalone network);
 *   the next 1,000 training images are the one-shot searches' validation split; the first 1,000 test
 *   images score every standalone network. Nothing a search sees scores the standalone networks.
 * - Standalone: 30 distinct random architectures, each trained from scratch (Adam, cosine schedule,
 *   the same seed and recipe for all) on the WASM backend; their test accuracy is the ground truth.
 * - Kendall τ (tau-b) between the 30 standalone accuracies and the accuracies the same 30 inherit from
 *   the trained SPOS (RandomOneShot) supernet, on the search's validation split.
 * - Each one-shot strategy searches once; its architecture is trained standalone with the same recipe,
 *   and its percentile among the 30 is 100 × (those below + half of those equal) / 30.
 *
 * Prints every figure with the wall time of each search beside the total time of the 30 standalone
 * trainings, and writes the same to `oneshot-ranking.log` (not with `--quick`, a smoke run).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NasBench201Space, type Sample, createRng } from '@archspace/mutables';
import {
  type ImageSet,
  type OneShotData,
  type OneShotStrategy,
  ClassificationEvaluator,
  Darts,
  Enas,
  GumbelDarts,
  Proxyless,
  RandomOneShot,
  fashionMnist,
  fashionMnistMissing,
  loadIdxImageSet,
  oneShot,
  useTfBackend,
} from '@archspace/tfjs';

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK
  ? { train: 256, searchValidation: 128, test: 128, architectures: 5, standaloneEpochs: 1, searchEpochs: 1 }
  : { train: 3000, searchValidation: 1000, test: 1000, architectures: 30, standaloneEpochs: 4, searchEpochs: 4 };
const BATCH = 64;
const CHANNELS = 4;
const IMAGE = 28;

const lines: string[] = [];
const print = (line: string): void => {
  lines.push(line);
  console.log(line);
};

/** Kendall's tau-b of two equally long lists (ties counted as in the statistics literature). */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
}

/** Images `from … to − 1` of `set`. */
function slice(set: ImageSet, from: number, to: number): ImageSet {
  const pixels = IMAGE * IMAGE;
  return { images: set.images.subarray(from * pixels, to * pixels), labels: set.labels.subarray(from, to), count: to - from };
}

/** The one-shot strategies of the study, each made fresh for its search. */
const STRATEGIES: readonly { name: string; make: () => OneShotStrategy }[] = [
  { name: 'DARTS', make: () => new Darts() },
  { name: 'DARTS, second order', make: () => new Darts({ order: 2 }) },
  { name: 'GDAS', make: () => new GumbelDarts() },
  { name: 'ENAS', make: () => new Enas() },
  { name: 'SPOS + evolution', make: () => new RandomOneShot({ population: 10, generations: 3 }) },
  { name: 'Proxyless', make: () => new Proxyless() },
];

async function main(): Promise<void> {
  const missing = fashionMnistMissing();
  if (missing !== undefined) throw new Error(missing);
  await useTfBackend('wasm');
  const files = fashionMnist({ trainLimit: SIZES.train, validationLimit: SIZES.test });
  const trainAll = loadIdxImageSet({ ...files.train, limit: SIZES.train + SIZES.searchValidation });
  const data: OneShotData = { train: slice(trainAll, 0, SIZES.train), validation: slice(trainAll, SIZES.train, SIZES.train + SIZES.searchValidation), imageSize: IMAGE, channels: 1 };
  const space = NasBench201Space.create({ channels: CHANNELS, cellsPerStage: 1, numClasses: 10, inputChannels: 1 });
  const evaluator = new ClassificationEvaluator({ epochs: SIZES.standaloneEpochs, batchSize: BATCH, dataset: files, seed: 0, backend: 'wasm' });
  const standalone = async (sample: Sample): Promise<number> => evaluator.evaluate(space.freeze(sample));

  print(`Fashion-MNIST: ${SIZES.train} training images, ${SIZES.searchValidation} search-validation images (training images ${SIZES.train}–${SIZES.train + SIZES.searchValidation - 1}), ${SIZES.test} test images`);
  print(`NAS-Bench-201 space, ${CHANNELS} channels, one cell per stage; standalone: ${SIZES.standaloneEpochs} epochs, Adam, batch ${BATCH}; searches: ${SIZES.searchEpochs} epochs, batch ${BATCH}; WASM backend`);

  const rng = createRng(2026);
  const seen = new Set<string>();
  const architectures: Sample[] = [];
  while (architectures.length < SIZES.architectures) {
    const sample = space.random(rng);
    const key = JSON.stringify(sample);
    if (!seen.has(key)) {
      seen.add(key);
      architectures.push(sample);
    }
  }
  let started = performance.now();
  const accuracies: number[] = [];
  for (const sample of architectures) accuracies.push(await standalone(sample));
  const standaloneSeconds = (performance.now() - started) / 1000;
  const sorted = [...accuracies].sort((a, b) => a - b);
  print(`${SIZES.architectures} standalone trainings: ${standaloneSeconds.toFixed(0)} s; test accuracy ${(100 * sorted[0]!).toFixed(1)}–${(100 * sorted.at(-1)!).toFixed(1)} %, median ${(100 * sorted[sorted.length >> 1]!).toFixed(1)} %`);

  const percentile = (accuracy: number) => (100 * (accuracies.filter((a) => a < accuracy).length + 0.5 * accuracies.filter((a) => a === accuracy).length)) / accuracies.length;
  for (const { name, make } of STRATEGIES) {
    let inherited: number[] | undefined;
    started = performance.now();
    const result = await oneShot(space, {
      strategy: make(),
      data,
      epochs: SIZES.searchEpochs,
      batchSize: BATCH,
      seed: 0,
      backend: 'wasm',
      onTrained: name.startsWith('SPOS') ? (score) => void (inherited = architectures.map(score)) : undefined,
    });
    const searchSeconds = (performance.now() - started) / 1000;
    const accuracy = await standalone(result.sample);
    print(`${name}: search ${searchSeconds.toFixed(0)} s (the ${SIZES.architectures} standalone trainings: ${standaloneSeconds.toFixed(0)} s); its architecture trains to ${(100 * accuracy).toFixed(1)} %, percentile ${percentile(accuracy).toFixed(0)} among the ${SIZES.architectures}`);
    if (inherited !== undefined) print(`Kendall τ (tau-b), standalone test accuracy against accuracy inherited from the SPOS supernet, ${SIZES.architectures} architectures: ${kendallTauB(accuracies, inherited).toFixed(3)}`);
  }
  if (!QUICK) writeFileSync(fileURLToPath(new URL('./oneshot-ranking.log', import.meta.url)), `${lines.join('\n')}\n`);
}

await main();
