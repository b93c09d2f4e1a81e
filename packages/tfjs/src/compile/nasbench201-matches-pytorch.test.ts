// A NAS-Bench-201 network compiled to TensorFlow.js computes, differentiates and takes one SGD and
// one Adam step as PyTorch does (float64, test-support/nasbench201_torch_step.py) from the same
// weights and batch. It needs python3 with torch: `npm test` installs Debian's python3-torch when it
// runs as root; without it this test fails, saying so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NasBench201Space, createRng, nasBench201Sample } from '@archspace/mutables';
import type { Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { classificationLoss, createOptimizer } from '../evaluator/classification-evaluator.js';
import { findTorchPython, runPython } from '../test-support/pytorch.js';
import { tf } from '../tf.js';
import { compileModel } from './compile-model.js';

const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|';
const NETWORK = { arch: ARCH, channels: 8, cellsPerStage: 1, classes: 6 };
const SIZE = 16;
const BATCH = 8;
const SCRIPT = fileURLToPath(new URL('../test-support/nasbench201_torch_step.py', import.meta.url));

/** A tensor as the script reads and writes it: a shape and the values in row-major order. */
interface Plain {
  readonly shape: number[];
  readonly values: number[];
}

type State = Record<string, Plain>;

/** What the script computed. */
interface TorchStep {
  readonly torch: string;
  readonly logits: Plain;
  readonly loss: number;
  readonly grads: State;
  readonly buffers: State;
  readonly sgd: State;
  readonly adam: State;
}

/** One weight of a compiled model under its PyTorch name. */
interface NamedWeight {
  readonly torchName: string;
  readonly variable: Variable;
  readonly trainable: boolean;
}

const ROLES: Record<string, string> = { kernel: 'weight', bias: 'bias', gamma: 'weight', beta: 'bias', running_mean: 'running_mean', running_var: 'running_var' };

/** The weights of `model` named as PyTorch names the benchmark's modules (`stem.1.weight` …). */
function namedWeights(model: LayersModel): NamedWeight[] {
  return model.layers.flatMap((layer) =>
    layer.weights.map((w) => {
      const role = w.originalName.split('/').at(-1)!.replace(/_\d+$/, '');
      const node = layer.name.replace(/^archspace\//, '');
      return { torchName: `${node}.${ROLES[role] ?? role}`, variable: w.read() as unknown as Variable, trainable: w.trainable };
    }),
  );
}

/** A TensorFlow.js weight (or gradient) in PyTorch's layout: kernels `[out, in, k, k]` and `[out, in]`. */
function torchLayout(t: Tensor): Plain {
  const moved = tf.tidy(() => (t.rank === 4 ? tf.transpose(t, [3, 2, 0, 1]) : t.rank === 2 ? tf.transpose(t) : tf.clone(t)));
  const plain = { shape: moved.shape, values: [...moved.dataSync()] };
  moved.dispose();
  return plain;
}

function stateOf(weights: readonly NamedWeight[], filter: (w: NamedWeight) => boolean): State {
  return Object.fromEntries(weights.filter(filter).map((w) => [w.torchName, torchLayout(w.variable)]));
}

/** The network of {@link NETWORK}, compiled with seed 1 (every call gives the same initial weights). */
function network(): LayersModel {
  const space = NasBench201Space.create({ channels: NETWORK.channels, cellsPerStage: NETWORK.cellsPerStage, numClasses: NETWORK.classes });
  return compileModel(space.freeze(nasBench201Sample(ARCH)), { inputShapes: [[null, 3, SIZE, SIZE]], seed: 1 });
}

/** A seeded batch: NHWC images for TensorFlow.js, the same values NCHW for PyTorch, and labels. */
function batch(): { nhwc: Float32Array; nchw: Plain; labels: number[] } {
  const rng = createRng(2024);
  const nchw = Float32Array.from({ length: BATCH * 3 * SIZE * SIZE }, () => rng.normal());
  const nhwc = new Float32Array(nchw.length);
  for (let n = 0; n < BATCH; n++) for (let c = 0; c < 3; c++) for (let i = 0; i < SIZE * SIZE; i++) nhwc[(n * SIZE * SIZE + i) * 3 + c] = nchw[(n * 3 + c) * SIZE * SIZE + i]!;
  return { nhwc, nchw: { shape: [BATCH, 3, SIZE, SIZE], values: [...nchw] }, labels: Array.from({ length: BATCH }, (_, i) => i % NETWORK.classes) };
}

/** The optimizer settings the script needs, read from the evaluator's own optimizers. */
function optimizerSettings(): { sgd: { lr: number; momentum: number; nesterov: boolean }; adam: { lr: number; betas: number[]; eps: number } } {
  const sgd = createOptimizer({ optimizer: 'sgd' });
  const adam = createOptimizer({ optimizer: 'adam' });
  const s = sgd.getConfig() as { learningRate: number; momentum: number; useNesterov: boolean };
  const a = adam.getConfig() as { learningRate: number; beta1: number; beta2: number; epsilon: number };
  sgd.dispose();
  adam.dispose();
  return { sgd: { lr: s.learningRate, momentum: s.momentum, nesterov: s.useNesterov }, adam: { lr: a.learningRate, betas: [a.beta1, a.beta2], eps: a.epsilon } };
}

let reference: TorchStep | undefined;

/** PyTorch's results for the network's initial weights and the batch (computed once). */
function torchStep(): TorchStep {
  if (reference) return reference;
  const found = findTorchPython();
  if (!found.ok) {
    throw new Error(
      `PyTorch is missing, so the PyTorch comparison cannot run: ${found.reason}. Install it (Debian: apt-get install python3-torch, which npm test does when run as root; or pip install torch), or set ARCHSPACE_PYTHON to a python3 that imports torch.`,
    );
  }
  const folder = mkdtempSync(join(tmpdir(), 'archspace-torch-'));
  try {
    const model = network();
    const { nchw, labels } = batch();
    const spec = { ...NETWORK, input: nchw, labels, state: stateOf(namedWeights(model), () => true), ...optimizerSettings() };
    model.dispose();
    writeFileSync(join(folder, 'in.json'), JSON.stringify(spec));
    runPython(found.python, SCRIPT, [join(folder, 'in.json'), join(folder, 'out.json')]);
    reference = JSON.parse(readFileSync(join(folder, 'out.json'), 'utf8')) as TorchStep;
    return reference;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The largest |a − b| over every tensor of `ours`, which must name the same tensors as `theirs`. */
function maxAbsError(ours: State, theirs: State, skip: (name: string, i: number) => boolean = () => false): number {
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  let worst = 0;
  for (const [name, t] of Object.entries(ours)) {
    expect(t.shape, name).toEqual(theirs[name]!.shape);
    t.values.forEach((v, i) => {
      if (!skip(name, i)) worst = Math.max(worst, Math.abs(v - theirs[name]!.values[i]!));
    });
  }
  return worst;
}

/** The trainable weights after one training step of the evaluator's `optimizer` on the batch. */
async function afterOneStep(optimizer: Optimizer, x: Tensor, target: Tensor): Promise<State> {
  const model = network();
  model.compile({ optimizer, loss: classificationLoss });
  await model.trainOnBatch(x, target);
  const state = stateOf(namedWeights(model), (w) => w.trainable);
  model.dispose();
  optimizer.dispose();
  return state;
}

describe.each(['cpu', 'wasm'] as const)('a NAS-Bench-201 network matches PyTorch (%s)', (backend) => {
  it(`forward, gradients, one SGD step and one Adam step of ${ARCH} (C = 8, ${SIZE}×${SIZE}, batch ${BATCH})`, async () => {
    const expected = torchStep();
    await useTfBackend(backend);
    const { nhwc, labels } = batch();
    const x = tf.tensor4d(nhwc, [BATCH, SIZE, SIZE, 3]);
    const target = tf.oneHot(tf.tensor1d(labels, 'int32'), NETWORK.classes);
    try {
      // A training-mode forward pass and the gradients of the mean cross-entropy.
      const model = network();
      const weights = namedWeights(model);
      const trainable = weights.filter((w) => w.trainable);
      let logits: Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        logits = tf.keep(model.apply(x, { training: true }) as Tensor);
        return classificationLoss(target, logits) as Scalar;
      }, trainable.map((w) => w.variable));
      const ourGrads = Object.fromEntries(trainable.map((w) => [w.torchName, torchLayout(grads[w.variable.name]!)]));
      const errors: Record<string, number> = {
        logits: maxAbsError({ logits: { shape: logits!.shape, values: [...logits!.dataSync()] } }, { logits: expected.logits }),
        loss: Math.abs(value.dataSync()[0]! - expected.loss),
        gradients: maxAbsError(ourGrads, expected.grads),
        'batch-norm running statistics': maxAbsError(stateOf(weights, (w) => !w.trainable), expected.buffers),
      };
      tf.dispose([value, logits!, ...Object.values(grads)]);
      model.dispose();
      const sgd = await afterOneStep(createOptimizer({ optimizer: 'sgd' }), x, target);
      const adam = await afterOneStep(createOptimizer({ optimizer: 'adam' }), x, target);
      // Adam's first step is lr·g/(|g| + ε): where a gradient is float32 rounding around zero (a
      // batch-norm shift that the next batch norm cancels), it is ill-conditioned in any float32 run.
      const tiny = (name: string, i: number) => Math.abs(expected.grads[name]!.values[i]!) < 1e-5;
      const tinyCount = Object.entries(expected.grads).reduce((n, [name, g]) => n + g.values.filter((_, i) => tiny(name, i)).length, 0);
      const illConditioned = maxAbsError(adam, expected.adam, (name, i) => !tiny(name, i));
      Object.assign(errors, {
        'weights after one SGD step': maxAbsError(sgd, expected.sgd),
        'weights after one Adam step': maxAbsError(adam, expected.adam, tiny),
        [`  … where PyTorch's gradient is below 1e-5 (${tinyCount} weights)`]: illConditioned,
      });
      console.log(`${backend} vs PyTorch ${expected.torch} (float64), max abs error:\n${Object.entries(errors).map(([what, e]) => `  ${what}: ${e.toExponential(2)}`).join('\n')}`);
      expect(errors.logits).toBeLessThan(1e-4);
      expect(errors.loss).toBeLessThan(1e-5);
      expect(errors.gradients).toBeLessThan(1e-4);
      expect(errors['batch-norm running statistics']).toBeLessThan(1e-5);
      expect(errors['weights after one SGD step']).toBeLessThan(1e-5);
      expect(errors['weights after one Adam step']).toBeLessThan(1e-5);
      // Even there, each run moves a weight by at most the learning rate.
      expect(illConditioned).toBeLessThanOrEqual(2 * optimizerSettings().adam.lr);
    } finally {
      tf.dispose([x, target]);
    }
  });
});
