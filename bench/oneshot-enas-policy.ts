/**
 * `npx tsc -b && nice -n 19 npx tsx bench/oneshot-enas-policy.ts | tee bench/oneshot-enas-policy.log`:
 * does the ENAS controller pick architectures that are good under the shared weights it trained?
 * For a few controller settings and seeds, a small NAS-Bench-201 supernet (4 channels, one cell per
 * stage) is searched on the shapes dataset; at the end the pick's validation accuracy (inherited
 * weights) is compared with that of uniformly drawn architectures under the same weights: the mean
 * of those, and the pick's percentile among them (50 % is what a uniform pick scores on average).
 */
import { NasBench201Space, type Sample, createRng } from '@archspace/mutables';
import { Enas, type EnasOptions, type OneShotBatch, type OneShotContext, type OneShotStrategy, makeShapesDataset, oneShot, useTfBackend } from '@archspace/tfjs';

/** Uniform architectures scored against each pick. */
const RANDOM_ARCHITECTURES = 40;

/** Wraps {@link Enas}: after the search, scores its pick and uniform draws with the same weights. */
class ScoredEnas implements OneShotStrategy {
  readonly name = 'Enas';
  readonly inner: Enas;
  pick = 0;
  random: number[] = [];

  constructor(
    options: EnasOptions,
    readonly space: NasBench201Space,
    readonly seed: number,
  ) {
    this.inner = new Enas(options);
  }

  prepare(context: OneShotContext): void {
    this.inner.prepare(context);
  }

  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    return this.inner.step(context, train, validation);
  }

  result(context: OneShotContext): Sample {
    const sample = this.inner.result(context);
    this.pick = context.validationAccuracy(sample);
    const rng = createRng(this.seed + 1000);
    this.random = Array.from({ length: RANDOM_ARCHITECTURES }, () => context.validationAccuracy(this.space.random(rng)));
    return sample;
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** The controller's learning rate and the baseline's decay, around the defaults. */
const SETTINGS: readonly EnasOptions[] = [0.02, 0.05].flatMap((controllerLearningRate) => [0.9, 0.99].map((baselineDecay) => ({ controllerLearningRate, baselineDecay })));
const SEEDS = [0, 1, 2, 3, 4, 5];

await useTfBackend('cpu');
const data = makeShapesDataset({ numClasses: 4, imageSize: 8, trainSize: 256, validationSize: 128, seed: 1 });
console.log(`# Enas on NAS-Bench-201 (C=4, 1 cell per stage), shapes 8x8, 4 classes, 256/128 images, 4 epochs of batch 32, seeds ${SEEDS.join(', ')}`);
console.log('# setting | pick accuracy | mean of 40 uniform architectures | pick percentile among them | seconds');
for (const options of SETTINGS) {
  const picks: number[] = [];
  const means: number[] = [];
  const percentiles: number[] = [];
  const started = performance.now();
  for (const seed of SEEDS) {
    const space = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 4 });
    const strategy = new ScoredEnas(options, space, seed);
    await oneShot(space, { strategy, data, epochs: 4, batchSize: 32, seed });
    picks.push(strategy.pick);
    means.push(strategy.random.reduce((a, b) => a + b, 0) / strategy.random.length);
    percentiles.push(strategy.random.filter((a) => a < strategy.pick).length / strategy.random.length + strategy.random.filter((a) => a === strategy.pick).length / (2 * strategy.random.length));
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${JSON.stringify(options)} | ${(100 * mean(picks)).toFixed(1)} % | ${(100 * mean(means)).toFixed(1)} % | ${(100 * mean(percentiles)).toFixed(0)} % (${percentiles.map((p) => (100 * p).toFixed(0)).join(', ')}) | ${seconds.toFixed(0)}`,
  );
}
