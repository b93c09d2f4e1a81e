/**
 * ClassificationEvaluator: trains an architecture for real on the procedural shapes dataset (or on
 * IDX files such as Fashion-MNIST) and scores it by validation accuracy. Its constructor takes plain
 * JSON only, so a serializer can record it and re-create it in a trial process.
 */
import { type Module, type Sample, createRng } from '@archspace/mutables';
import type { Optimizer, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { ArchspaceError } from '@archspace/ir';
import { type TfBackend, type TfBackendChoice, assertTfjsEnabled, useTfBackend } from '../backend.js';
import { type CompileSource, compileModel } from '../compile/compile-model.js';
import type { ImageClassificationDataset } from '../data/image-dataset.js';
import { type IdxDatasetOptions, checkIdxDatasetOptions, loadIdxDataset } from '../data/idx-classification.js';
import { type ImageSet, type ShapesDatasetOptions, imageBatch, makeShapesDataset, resolveShapesOptions } from '../data/shapes-dataset.js';
import { tf } from '../tf.js';
import { FusedAdamOptimizer } from './fused-adam.js';

/** Options of {@link ClassificationEvaluator}: plain JSON. */
export interface ClassificationEvaluatorOptions {
  /** Training epochs (default 3); a trial's `budget` overrides it (fractions train part of an epoch). */
  readonly epochs?: number;
  /** Images per training step (default 32). */
  readonly batchSize?: number;
  /** At most this many steps per epoch (default: the whole training split). */
  readonly batchesPerEpoch?: number;
  /** Peak learning rate (default 0.005 for Adam, 0.05 for SGD). */
  readonly learningRate?: number;
  /** `'adam'` (default) or `'sgd'` (Nesterov momentum 0.9, as NAS-Bench-201 trains). */
  readonly optimizer?: 'adam' | 'sgd';
  /**
   * Adam's ε, added to √v̂ in the update's denominator: default 1e-8, PyTorch's (TensorFlow.js's own
   * default is 1e-7). It matters where a gradient is tiny, e.g. a bias that batch norm cancels.
   */
  readonly adamEpsilon?: number;
  /** `'cosine'` (default: anneal to 0 over the run, as NAS-Bench-201) or `'constant'`. */
  readonly schedule?: 'cosine' | 'constant';
  /**
   * The dataset: the options of the procedural shapes to draw (see `makeShapesDataset`, the default),
   * or IDX files to read, marked `format: 'idx'` (see `loadIdxDataset`, `fashionMnist`).
   */
  readonly dataset?: ShapesDatasetOptions | (IdxDatasetOptions & { readonly format: 'idx' });
  /** Seed of the weight initialisation, the batch order and dropout (default 0). */
  readonly seed?: number;
  /** TensorFlow.js backend (default: `getDefaultTfBackend()`, `'auto'` unless set). */
  readonly backend?: TfBackendChoice;
}

/** What an evaluation may be given: the fields of the search loop's `TrialContext` it uses. */
export interface EvaluationContext {
  /** Receives the validation accuracy after every epoch; may throw to stop the trial early. */
  report?(value: number): void;
  /** Epochs to train instead of `epochs` (multi-fidelity strategies set it). */
  readonly budget?: number | undefined;
}

/** What one evaluation did, beside its accuracy. */
export interface EvaluationRecord {
  /** Validation accuracy after each epoch (the last one possibly partial). */
  readonly accuracies: readonly number[];
  /** Training steps run. */
  readonly steps: number;
  /** The TensorFlow.js backend that trained. */
  readonly backend: TfBackend;
  /** Wall-clock milliseconds, compile included. */
  readonly milliseconds: number;
}

function positive(name: string, value: number, integer: boolean): number {
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ArchspaceError({ code: 'invalid-option', path: [name], expected: integer ? 'a positive integer' : 'a positive number', received: value });
  }
  return value;
}

/**
 * Trains an architecture with TensorFlow.js and returns its validation accuracy. The same seed on the
 * CPU backend gives the same accuracy, bit for bit (initial weights, batch order and dropout masks
 * are all seeded); WASM runs repeat too.
 *
 * @example
 * ```ts
 * const evaluator = new ClassificationEvaluator({ epochs: 3, dataset: { trainSize: 2000 }, seed: 0 });
 * await evaluator.evaluate(space.freeze(sample), { report: (acc) => console.log(acc) }); // 0.74…
 * await search(space, evaluator.forSpace(space), new RegularizedEvolution(), { maxTrials: 20 });
 * ```
 */
export class ClassificationEvaluator {
  /** The options as given (plain JSON). */
  readonly options: ClassificationEvaluatorOptions;
  #data: ImageClassificationDataset | undefined;
  #last: EvaluationRecord | undefined;

  constructor(options: ClassificationEvaluatorOptions = {}) {
    positive('epochs', options.epochs ?? 3, false);
    positive('batchSize', options.batchSize ?? 32, true);
    if (options.batchesPerEpoch !== undefined) positive('batchesPerEpoch', options.batchesPerEpoch, true);
    if (options.learningRate !== undefined) positive('learningRate', options.learningRate, false);
    if (options.adamEpsilon !== undefined) positive('adamEpsilon', options.adamEpsilon, false);
    if (isIdxDataset(options.dataset)) checkIdxDatasetOptions(options.dataset);
    else resolveShapesOptions(options.dataset);
    this.options = structuredClone(options);
  }

  /** The dataset, drawn (or read from its IDX files) on first use and kept. */
  get dataset(): ImageClassificationDataset {
    const options = this.options.dataset;
    this.#data ??= isIdxDataset(options) ? loadIdxDataset(options) : makeShapesDataset(options);
    return this.#data;
  }

  /**
   * The input shape the networks receive, PyTorch's way: `[null, channels, size, size]` (IDX datasets
   * are read to learn it).
   */
  get inputShape(): [null, number, number, number] {
    const options = this.options.dataset;
    if (isIdxDataset(options)) return [null, this.dataset.channels, this.dataset.imageSize, this.dataset.imageSize];
    const o = resolveShapesOptions(options);
    return [null, o.channels, o.imageSize, o.imageSize];
  }

  /** What the last evaluation did (accuracies per epoch, steps, backend, time). */
  get lastRecord(): EvaluationRecord | undefined {
    return this.#last;
  }

  /** The options, for a serializer: `new ClassificationEvaluator(e.toJSON())` is the same evaluator. */
  toJSON(): ClassificationEvaluatorOptions {
    return structuredClone(this.options);
  }

  /**
   * Trains `source` (a frozen module, an IR model or a flattened model) from scratch and returns its
   * final validation accuracy, reporting the accuracy after every epoch through `context.report`.
   */
  async evaluate(source: CompileSource, context: EvaluationContext = {}): Promise<number> {
    assertTfjsEnabled('ClassificationEvaluator.evaluate');
    const started = performance.now();
    const backend = await useTfBackend(this.options.backend);
    const data = this.dataset;
    const { batchSize = 32, seed = 0 } = this.options;
    const epochs = context.budget ?? this.options.epochs ?? 3;
    if (!(epochs >= 0)) throw new ArchspaceError({ code: 'invalid-option', path: ['budget'], expected: 'a number of epochs ≥ 0', received: epochs });
    const perEpoch = Math.min(Math.ceil(data.train.count / batchSize), this.options.batchesPerEpoch ?? Infinity);
    const totalSteps = Math.round(epochs * perEpoch);
    const rng = createRng(seed);
    const model = compileModel(source, { inputShapes: [this.inputShape], seed: rng.int(2 ** 30) });
    const optimizer = createOptimizer(this.options);
    const accuracies: number[] = [];
    let steps = 0;
    try {
      const outputShape = model.outputs[0]!.shape;
      if (model.outputs.length !== 1 || outputShape.length !== 2 || outputShape[1] !== data.classNames.length) {
        throw new ArchspaceError({
          code: 'output-shape',
          path: ['evaluate'],
          expected: `one output of shape [batch, ${data.classNames.length}] (class scores)`,
          received: model.outputs.map((o) => o.shape),
        });
      }
      model.compile({ optimizer, loss: classificationLoss });
      const peak = peakLearningRate(this.options);
      const shuffler = rng.fork();
      while (steps < totalSteps) {
        const order = shuffler.shuffle(Array.from({ length: data.train.count }, (_, i) => i));
        const stepsThisEpoch = Math.min(perEpoch, totalSteps - steps);
        for (let b = 0; b < stepsThisEpoch; b++) {
          if (this.options.schedule !== 'constant') setLearningRate(optimizer, (peak * (1 + Math.cos((Math.PI * steps) / totalSteps))) / 2);
          const { x, y } = imageBatch(data.train, order.slice(b * batchSize, (b + 1) * batchSize), data.imageSize, data.channels);
          const target = tf.oneHot(y, data.classNames.length);
          try {
            await model.trainOnBatch(x, target);
          } finally {
            tf.dispose([x, y, target]);
          }
          steps++;
        }
        const accuracy = await validationAccuracy(model, data.validation, data.imageSize, data.channels, batchSize * 4);
        accuracies.push(accuracy);
        context.report?.(accuracy);
      }
      if (accuracies.length === 0) accuracies.push(await validationAccuracy(model, data.validation, data.imageSize, data.channels, batchSize * 4));
      return accuracies[accuracies.length - 1]!;
    } finally {
      this.#last = { accuracies, steps, backend, milliseconds: performance.now() - started };
      model.dispose();
      optimizer.dispose();
    }
  }

  /**
   * An evaluation function for `search()`: freezes each sample of `space` and trains it.
   *
   * @example
   * ```ts
   * await search(space, evaluator.forSpace(space), new RegularizedEvolution({ populationSize: 6, sampleSize: 3 }), { maxTrials: 20 });
   * ```
   */
  forSpace(space: Module): (sample: Sample, trial: EvaluationContext) => Promise<number> {
    return (sample, trial) => this.evaluate(space.freeze(sample), trial);
  }
}

/** Whether `dataset` names IDX files rather than a procedural dataset to draw. */
function isIdxDataset(dataset: ClassificationEvaluatorOptions['dataset']): dataset is IdxDatasetOptions & { readonly format: 'idx' } {
  return dataset !== undefined && 'format' in dataset && dataset.format === 'idx';
}

/** The learning rate an evaluation starts from (the cosine schedule's peak). */
function peakLearningRate(options: ClassificationEvaluatorOptions): number {
  return options.learningRate ?? (options.optimizer === 'sgd' ? 0.05 : 0.005);
}

/** The training loss: softmax cross-entropy of one-hot `labels` and `logits`, averaged over the batch (PyTorch's `F.cross_entropy`). */
export function classificationLoss(labels: Tensor, logits: Tensor): Tensor {
  return tf.losses.softmaxCrossEntropy(labels, logits);
}

/** Adam's ε when `adamEpsilon` is not given: PyTorch's. */
export const DEFAULT_ADAM_EPSILON = 1e-8;

/**
 * The optimizer an evaluation with `options` trains with, at its peak learning rate: Adam
 * (β = 0.9, 0.999; ε `adamEpsilon`, PyTorch's 1e-8 by default) or SGD with Nesterov momentum 0.9 —
 * the updates of `torch.optim.Adam` (fused: see {@link FusedAdamOptimizer}) and `torch.optim.SGD(momentum=0.9, nesterov=True)`.
 */
export function createOptimizer(options: ClassificationEvaluatorOptions): Optimizer {
  const lr = peakLearningRate(options);
  return options.optimizer === 'sgd' ? tf.train.momentum(lr, 0.9, true) : new FusedAdamOptimizer(lr, 0.9, 0.999, options.adamEpsilon ?? DEFAULT_ADAM_EPSILON);
}

function setLearningRate(optimizer: Optimizer, lr: number): void {
  const o = optimizer as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** The share of `set` that `model` classifies correctly (inference mode: running batch-norm statistics). */
async function validationAccuracy(model: LayersModel, set: ImageSet, size: number, channels: number, batchSize: number): Promise<number> {
  let correct = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, set.count - start) }, (_, i) => start + i);
    const { x, y } = imageBatch(set, indices, size, channels);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(x) as Tensor, 1), y), 'int32')));
    correct += (await hits.data())[0]!;
    tf.dispose([x, y, hits]);
  }
  return correct / set.count;
}
