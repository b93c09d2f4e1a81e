// Every op the compiler translates, and a whole NAS-Bench-201 network, differentiate to what central
// finite differences of the same float32 network measure (see test-support/finite-differences.ts).
import { BINARY_FUNCTIONS, BinaryOp, type Module, NasBench201Space, type Shape, UNARY_FUNCTIONS, UnaryOp, nasBench201Sample, nn } from '@archspace/mutables';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { Conv2dLayer } from '../layers/conv2d-layer.js';
import { SeededDropoutLayer } from '../layers/dropout-layer.js';
import { type GradientCheckOptions, type GradientCheckReport, checkGradients } from '../test-support/finite-differences.js';
import { OP_CASES, Pair, Trained, image, physical } from '../test-support/op-cases.js';
import { tf } from '../tf.js';
import { compileModel } from './compile-model.js';

/**
 * The largest relative error allowed for any variable's sampled gradient: float32 noise stays near
 * 1 %, and a gradient 10 % off (as the average pool's was) fails.
 */
const TOLERANCE = 0.03;

/** The NAS-Bench-201 cell of the issue: an avg_pool_3x3 edge with convolutions before and after it. */
const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|';

/** Makes every dropout layer of `model` draw its first mask on every call, so that each evaluation sees the same network. */
function sameMaskEveryCall(model: LayersModel): void {
  for (const layer of model.layers) {
    if (layer instanceof SeededDropoutLayer) layer.call = (inputs, kwargs) => new SeededDropoutLayer(layer.config).call(inputs, kwargs);
  }
}

/** A compiled `module` and its inputs (seeded normal draws), as variables. */
function compiled(module: Module, inputShapes: readonly Shape[], batch = 2): { model: LayersModel; inputs: Variable[] } {
  const model = compileModel(module, { inputShapes, seed: 3 });
  sameMaskEveryCall(model);
  const inputs = inputShapes.map((shape, i) => tf.variable(tf.randomNormal(physical(shape).map((d) => d ?? batch) as number[], 0, 1, 'float32', 10 + i), true, `fd_input_${i}`));
  return { model, inputs };
}

/** Checks the gradients of `model` (training mode) with respect to its trainable weights and its inputs. */
function check(model: LayersModel, inputs: Variable[], options: GradientCheckOptions = {}): GradientCheckReport {
  const variables = new Map<string, Variable>(inputs.map((x, i) => [`input ${i}`, x]));
  for (const w of model.trainableWeights) variables.set(w.name, w.read() as unknown as Variable);
  return checkGradients(variables, () => model.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: true }) as Tensor | Tensor[], options);
}

/** Checks a module's gradients and frees its model. */
function checkModule(module: Module, inputShapes: readonly Shape[], options: GradientCheckOptions = { samplesPerTensor: 4 }): GradientCheckReport {
  const { model, inputs } = compiled(module, inputShapes);
  try {
    return check(model, inputs, options);
  } finally {
    model.dispose();
    tf.dispose(inputs);
  }
}

function expectAgreement(report: GradientCheckReport): void {
  const judged = report.coordinates.filter((c) => !c.unreliable).length;
  expect(judged, 'coordinates judged').toBeGreaterThan(0);
  expect(report.unreliableShare, 'share of coordinates with a kink inside the step').toBeLessThanOrEqual(0.5);
  const worst = report.variables.reduce((a, b) => (b.relativeError > a.relativeError ? b : a));
  expect(worst.relativeError, `relative gradient error of ${worst.variable}`).toBeLessThan(TOLERANCE);
}

/** Scales the gradient flowing back into `layer` (its output's gradient) by `factor`; values are unchanged. */
function plantGradientError(layer: Conv2dLayer, factor: number): void {
  const scaled = tf.customGrad(((y: Tensor) => ({ value: tf.clone(y), gradFunc: (dy: Tensor) => tf.mul(dy, factor) })) as unknown as Parameters<typeof tf.customGrad>[0]);
  const call = layer.call.bind(layer) as (inputs: Tensor | Tensor[], kwargs: Record<string, unknown>) => Tensor;
  (layer as { call: typeof call }).call = (inputs, kwargs) => scaled(call(inputs, kwargs)) as Tensor;
}

/** The NAS-Bench-201 network of {@link ARCH}: 4 channels, one cell per stage, 8×8 images. */
function nasBench201Network(): Module {
  return NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 5 }).freeze(nasBench201Sample(ARCH));
}

describe.each(['cpu', 'wasm'] as const)('gradients agree with finite differences (%s)', (backend) => {
  beforeAll(async () => {
    await useTfBackend(backend);
  });

  it.each(OP_CASES)('%s', (_name, make, shape) => {
    expectAgreement(checkModule(new Trained(make(), shape), [shape]));
  });

  it.each(UNARY_FUNCTIONS.map(([fn]) => fn))('Unary%s', (fn) => {
    expectAgreement(checkModule(new Trained(new nn.Sequential(new nn.Sigmoid(), new UnaryOp(fn)), image()), [image()]));
  });

  it.each(BINARY_FUNCTIONS.map(([fn]) => fn))('Binary%s', (fn) => {
    expectAgreement(checkModule(new Pair(new nn.Conv2d(4, 4, 1), new nn.Tanh(), (a, b) => new BinaryOp(fn).call(a, b)), [image()]));
  });

  it(`a NAS-Bench-201 network (C = 4, 8×8, batch 2) with an avg_pool_3x3 edge: ${ARCH}`, () => {
    const report = checkModule(nasBench201Network(), [[null, 3, 8, 8]], { samplesPerTensor: 2 });
    console.log(`NAS-Bench-201 gradient check (${backend}): worst relative error ${report.worst.toExponential(2)} over ${report.variables.length} variables, ${(report.unreliableShare * 100).toFixed(0)} % of coordinates set aside`);
    expect(report.variables.length).toBe(58); // 57 weight tensors and the input
    expectAgreement(report);
  });
});

describe('the finite-difference check', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('fails when one layer of the NAS-Bench-201 network has a gradient 10 % too large', () => {
    const { model, inputs } = compiled(nasBench201Network(), [[null, 3, 8, 8]]);
    try {
      // The 3×3 convolution after the average pool's node (edge 2 → 3 of the first cell).
      const planted = model.layers.find((l) => l.name.endsWith('cells.0.layers.2.2.op.1')) as Conv2dLayer;
      expect(planted).toBeInstanceOf(Conv2dLayer);
      plantGradientError(planted, 1.1);
      const report = check(model, inputs, { samplesPerTensor: 2 });
      expect(report.worst).toBeGreaterThan(2 * TOLERANCE);
      // The error reaches the variables before the planted layer (the input, the stem, edges 0 → 1,
      // 0 → 2 and the planted convolution); those after it, or beside it, still pass.
      const upstream = /^input|\/stem\.|\/cells\.0\.layers\.[01]\.|\/cells\.0\.layers\.2\.2\.op\.1\//;
      const failing = report.variables.filter((v) => v.relativeError > TOLERANCE).map((v) => v.variable);
      expect(failing.length).toBeGreaterThanOrEqual(4);
      expect(failing.filter((name) => !upstream.test(name))).toEqual([]);
    } finally {
      model.dispose();
      tf.dispose(inputs);
    }
  });
});
