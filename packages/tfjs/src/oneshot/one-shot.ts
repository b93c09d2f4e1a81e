/**
 * oneShot: search a model space by training one weight-sharing supernet instead of every sampled
 * architecture, with any one-shot strategy, on an image dataset; the result is an ordinary sample.
 */
import { type Module, type Sample, createRng } from '@archspace/mutables';
import type { Scalar } from '@tensorflow/tfjs-core';
import { type TfBackendChoice, assertTfjsEnabled, useTfBackend } from '../backend.js';
import { type ImageSet, imageBatch } from '../data/shapes-dataset.js';
import { FusedAdamOptimizer } from '../evaluator/fused-adam.js';
import { tf } from '../tf.js';
import { checkLabels, checkOneShotData } from './one-shot-data.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext, OneShotStrategy } from './one-shot-strategy.js';
import { type PathSetting, Supernet } from './supernet.js';
import { unsupportedPrimitive } from './supernet-graph.js';

/** Square images and their labels, split for training and validation (a `ShapesDataset` fits). */
export interface OneShotData {
  readonly train: ImageSet;
  readonly validation: ImageSet;
  readonly imageSize: number;
  readonly channels: number;
}

/** Progress after one epoch. */
export interface OneShotEpoch {
  /** 1-based. */
  readonly epoch: number;
  /** The mean training loss of the epoch's steps. */
  readonly loss: number;
  readonly steps: number;
}

/** Options of {@link oneShot}. */
export interface OneShotOptions {
  readonly strategy: OneShotStrategy;
  readonly data: OneShotData;
  /** Passes over the training split (default 1). */
  readonly epochs?: number;
  /** Images per step (default 32). */
  readonly batchSize?: number;
  /** At most this many steps per epoch (default: the whole training split). */
  readonly stepsPerEpoch?: number;
  /** Images of the validation split that score an architecture (default: all of them). */
  readonly evaluationSize?: number;
  /** Learning rate of the shared weights' Adam (default 0.005). */
  readonly learningRate?: number;
  /** Seed of the weights, the batch order and the strategy's draws (default 0). */
  readonly seed?: number;
  /** The TensorFlow.js backend (default: the one active; `'cpu'` repeats seeded runs exactly). */
  readonly backend?: TfBackendChoice;
  /** Called after every epoch. */
  readonly onEpoch?: (progress: OneShotEpoch) => void;
  /**
   * Called once the supernet is trained and the strategy has chosen, before the supernet is freed,
   * with a function giving any sample's validation accuracy with the weights it inherits (the proxy a
   * ranking study compares with standalone training). The function works only until the call returns.
   */
  readonly onTrained?: (inheritedAccuracy: (sample: Sample) => number) => void | Promise<void>;
}

/** What {@link oneShot} found. */
export interface OneShotResult {
  /** The architecture found: a sample that validates in the space (freeze it and train it). */
  readonly sample: Sample;
  /** The strategy's name. */
  readonly strategy: string;
  /** Progress of every epoch. */
  readonly history: readonly OneShotEpoch[];
}

function count(value: number | undefined, fallback: number, name: string, max = 1_000_000): number {
  const v = value === undefined ? fallback : value; // null is a value, and not a count
  if (!Number.isInteger(v) || v < 1 || v > max) throw new OneShotError({ code: 'invalid-option', path: [name], expected: `an integer from 1 to ${max}`, received: value });
  return v;
}

function learningRateOf(value: number | undefined): number {
  const v = value === undefined ? 0.005 : value;
  if (!Number.isFinite(v) || v <= 0) throw new OneShotError({ code: 'invalid-option', path: ['learningRate'], expected: 'a finite number > 0', received: value });
  return v;
}

/** Refuses decisions of the space that the supernet does not search (they would stay undecided). */
function checkCovered(space: Module, supernet: Supernet, strategy: string): void {
  const searched = new Set(supernet.choices.map((c) => c.label));
  for (const [label, decision] of Object.entries(space.simplify())) {
    if (!searched.has(label)) throw unsupportedPrimitive(decision.constructor.name, label, strategy);
  }
}

function nonFinite(what: string, value: number, epoch: number, step: number): OneShotError {
  return new OneShotError({
    code: 'non-finite-loss',
    path: ['epoch', epoch, 'step', step],
    message: `the ${what} became ${value} at epoch ${epoch}, step ${step}: the search stops without a sample (check the data for NaN or infinite values, or lower the learning rate)`,
  });
}

/**
 * Searches `space` with a one-shot `strategy`: compiles the supernet, trains it for `epochs` on the
 * training split, and returns the architecture the strategy picks. The sample validates in `space`.
 *
 * @throws {OneShotError} `'unsupported-primitive'` naming the primitive and the strategy when the space
 * holds something the supernet cannot search; `'non-finite-loss'` naming the epoch and step when the
 * loss becomes NaN or infinite; `'invalid-option'` for options out of range; `'invalid-data'` (the path names
 * the split and field) for sizes that disagree with the arrays or a label the network cannot output.
 *
 * @example
 * ```ts
 * const space = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 4 });
 * const data = makeShapesDataset({ numClasses: 4, imageSize: 8, trainSize: 64, validationSize: 32 });
 * const { sample } = await oneShot(space, { strategy: new Darts(), data, epochs: 1, batchSize: 16 });
 * space.freeze(sample); // an ordinary architecture
 * ```
 */
export async function oneShot(space: Module, options: OneShotOptions): Promise<OneShotResult> {
  assertTfjsEnabled('oneShot');
  if (options.backend !== undefined) await useTfBackend(options.backend);
  const { strategy, data } = options;
  const epochs = count(options.epochs, 1, 'epochs', 100_000);
  const batchSize = count(options.batchSize, 32, 'batchSize', 65_536);
  const learningRate = learningRateOf(options.learningRate);
  checkOneShotData(data);
  const stepsPerEpoch = Math.min(Math.ceil(data.train.count / batchSize), count(options.stepsPerEpoch, Number.MAX_SAFE_INTEGER, 'stepsPerEpoch', Number.MAX_SAFE_INTEGER));
  const evaluationSize = Math.min(data.validation.count, count(options.evaluationSize, data.validation.count, 'evaluationSize', Number.MAX_SAFE_INTEGER));
  const seed = options.seed ?? 0;
  const rng = createRng(seed);
  const supernet = Supernet.compile(space, { inputShapes: [[null, data.channels, data.imageSize, data.imageSize]], seed, strategy: strategy.name });
  const classes = supernet.graph.shapes[supernet.graph.outputs[0]!.step]?.[0]?.[1] ?? 0;
  try {
    checkLabels(data, classes);
  } catch (error) {
    supernet.dispose();
    throw error;
  }
  const weightOptimizer = new FusedAdamOptimizer(learningRate, 0.9, 0.999);
  const batchOf = (set: ImageSet, indices: ArrayLike<number>): OneShotBatch => {
    const { x, y } = imageBatch(set, indices, data.imageSize, data.channels);
    const oneHot = tf.tidy(() => tf.cast(tf.oneHot(y, classes), 'float32'));
    y.dispose();
    return { x, y: oneHot };
  };
  const lossOf = (batch: OneShotBatch, path: PathSetting): Scalar => tf.losses.softmaxCrossEntropy(batch.y, supernet.forward(batch.x, path, true)) as Scalar;
  const variables = supernet.trainableVariables;
  let stepIndex = 0;
  const context: OneShotContext = {
    supernet,
    rng,
    weightOptimizer,
    loss: lossOf,
    trainWeights: (batch, path) => tf.tidy(() => {
      const cost = weightOptimizer.minimize(() => lossOf(batch, path), true, variables);
      return cost!.dataSync()[0]!;
    }),
    validationAccuracy: (sample) => validationAccuracy(supernet, sample, data, evaluationSize, batchSize),
    totalSteps: epochs * stepsPerEpoch,
    get stepIndex() {
      return stepIndex;
    },
  };
  const history: OneShotEpoch[] = [];
  try {
    checkCovered(space, supernet, strategy.name);
    strategy.prepare(context);
    const validationOrder = rng.shuffle(Array.from({ length: data.validation.count }, (_, i) => i));
    let validationAt = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = rng.shuffle(Array.from({ length: data.train.count }, (_, i) => i));
      let total = 0;
      for (let step = 1; step <= stepsPerEpoch; step++) {
        const trainIndices = order.slice((step - 1) * batchSize, step * batchSize);
        const validationIndices = Array.from({ length: Math.min(batchSize, data.validation.count) }, () => validationOrder[validationAt++ % validationOrder.length]!);
        const train = batchOf(data.train, trainIndices);
        const validation = batchOf(data.validation, validationIndices);
        let loss: number;
        try {
          loss = strategy.step(context, train, validation);
        } finally {
          tf.dispose([train.x, train.y, validation.x, validation.y]);
        }
        if (!Number.isFinite(loss)) throw nonFinite('training loss', loss, epoch, step);
        total += loss;
        stepIndex++;
      }
      const progress: OneShotEpoch = { epoch, loss: total / stepsPerEpoch, steps: stepsPerEpoch };
      history.push(progress);
      options.onEpoch?.(progress);
    }
    const sample = strategy.result(context);
    space.validate(sample);
    if (options.onTrained !== undefined) {
      let open = true;
      try {
        await options.onTrained((other) => {
          if (!open) throw new OneShotError({ code: 'invalid-option', path: ['onTrained'], expected: 'inheritedAccuracy called while onTrained runs', received: 'a call after it returned', message: 'the supernet is freed once onTrained returns: score samples inside the callback' });
          space.validate(other);
          return context.validationAccuracy(other);
        });
      } finally {
        open = false;
      }
    }
    return { sample, strategy: strategy.name, history };
  } finally {
    strategy.dispose();
    weightOptimizer.dispose();
    supernet.dispose();
  }
}

/** The accuracy of `sample` on the first `size` validation images, with batch statistics in batch norms. */
function validationAccuracy(supernet: Supernet, sample: Sample, data: OneShotData, size: number, batchSize: number): number {
  let correct = 0;
  for (let start = 0; start < size; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, size - start) }, (_, i) => start + i);
    const { x, y } = imageBatch(data.validation, indices, data.imageSize, data.channels);
    const hits = tf.tidy(() => tf.sum(tf.equal(tf.argMax(supernet.forward(x, { sample }, true), 1), y)).dataSync()[0]!);
    tf.dispose([x, y]);
    correct += hits;
  }
  return correct / size;
}
