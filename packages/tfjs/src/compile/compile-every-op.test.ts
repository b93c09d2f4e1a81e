import {
  AutoActivation,
  BINARY_FUNCTIONS,
  BinaryOp,
  Cell,
  InputChoice,
  LayerChoice,
  Module,
  ModelSpace,
  NasBench101Cell,
  NasBench201Cell,
  Repeat,
  type Shape,
  type Tensor,
  UNARY_FUNCTIONS,
  UnaryOp,
  ValueChoice,
  applySample,
  createRng,
  flattenModel,
  nn,
  toModel,
  trace,
} from '@archspace/mutables';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { CompileError, UnsupportedOpError } from '../errors.js';
import { tf } from '../tf.js';
import { compileModel, trainableParameterCount } from './compile-model.js';
import { supportedOpTypes } from './op-compilers.js';
import { OP_CASES, Pair, Trained, image, nasBench101Cell, physical } from '../test-support/op-cases.js';

/** Holds one module and applies it to its inputs. */
class Holder extends Module {
  constructor(readonly layer: Module) {
    super();
  }
  forward(...xs: Tensor[]): Tensor {
    return this.layer.call(...xs);
  }
}

/** Runs one training step (mean squared error towards zero) and returns the loss. */
async function oneTrainingStep(model: LayersModel, inputShapes: readonly Shape[]): Promise<number> {
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const xs = inputShapes.map((s, i) => tf.randomNormal(physical(s.map((d) => d ?? 4)) as number[], 0, 1, 'float32', i + 1));
  const ys = model.outputs.map((o) => tf.zeros(o.shape.map((d) => d ?? 4)));
  const loss = (await model.trainOnBatch(xs.length === 1 ? xs[0]! : xs, ys.length === 1 ? ys[0]! : ys)) as number | number[];
  tf.dispose([...xs, ...ys]);
  return Array.isArray(loss) ? loss[0]! : loss;
}

/** Compiles `module`, checks output shapes and parameter counts against ours, trains one step. */
async function check(module: Module, inputShapes: readonly Shape[]): Promise<LayersModel> {
  const traced = trace(module, inputShapes);
  const model = compileModel(module, { inputShapes, seed: 3 });
  expect(model.outputs.map((o) => o.shape)).toEqual(traced.outputShapes.map(physical));
  expect(trainableParameterCount(model)).toBe(traced.parameterCount());
  const loss = await oneTrainingStep(model, inputShapes);
  expect(Number.isFinite(loss)).toBe(true);
  model.dispose();
  return model;
}

describe('compileModel: every op compiles, counts our parameters and trains one step', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it.each(OP_CASES)('%s', async (_name, make, shape) => {
    await check(new Trained(make(), shape), [shape]);
  });

  it.each(UNARY_FUNCTIONS.map(([fn]) => fn))('Unary%s', async (fn) => {
    // Through a sigmoid first: Sqrt of a negative number is NaN, in the reference as here.
    await check(new Trained(new nn.Sequential(new nn.Sigmoid(), new UnaryOp(fn)), image()), [image()]);
  });

  it.each(BINARY_FUNCTIONS.map(([fn]) => fn))('Binary%s', async (fn) => {
    await check(new Pair(new nn.Conv2d(4, 4, 1), new nn.Tanh(), (a, b) => new BinaryOp(fn).call(a, b)), [image()]);
    // One tensor on both sides (unary_0 and unary_1 both Identity).
    await check(new Trained(new Pair(new nn.Identity(), new nn.Identity(), (a, b) => new BinaryOp(fn).call(a, b)), image()), [image()]);
  });

  it('covers every op type of the catalogue that a frozen model can hold', () => {
    const covered = new Set([...OP_CASES.map(([name]) => name.split(' ')[0]!), ...UNARY_FUNCTIONS.map(([f]) => `Unary${f}`), ...BINARY_FUNCTIONS.map(([f]) => `Binary${f}`), 'ReLU', 'Sigmoid', 'Tanh']);
    expect(supportedOpTypes().filter((t) => !covered.has(t))).toEqual([]);
  });
});

describe('compileModel: every primitive, frozen, compiles and trains one step', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  class Primitives extends ModelSpace {
    static override labelPrefix = 'prim';
    stem = new nn.Conv2d(3, 4, 3, { padding: 1 });
    choice = new LayerChoice([new nn.Conv2d(4, 4, 3, { padding: 1 }), new nn.MaxPool2d(3, { stride: 1, padding: 1 }), new nn.Identity()], { label: 'op' });
    blocks = new Repeat(() => new nn.Sequential(new nn.Conv2d(4, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU()), [0, 2], { label: 'depth' });
    skip = new InputChoice(3, 2, 'sum', { label: 'skip' });
    cell = new Cell([new nn.Conv2d(4, 4, 3, { padding: 1 }), new nn.AvgPool2d(3, { stride: 1, padding: 1 })], 2, { numPredecessors: 2, merge: 'all', label: 'cell' });
    nb101 = nasBench101Cell(8, 8, 5);
    nb201 = new NasBench201Cell(nn.NASBENCH201_OPS, 8, 8, { label: 'nb201' });
    act = new AutoActivation(1, { label: 'act' });
    head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Dropout(0.25), new nn.Linear(8, 5));
    forward(x: Tensor): Tensor {
      const s = this.stem.call(x);
      const a = this.choice.call(s);
      const b = this.blocks.call(a);
      const merged = this.skip.call([s, a, b]);
      const c = this.cell.call([merged, s]);
      const d = this.nb201.call(this.nb101.call(c));
      return this.head.call(this.act.call(d));
    }
  }

  it('LayerChoice, Repeat, InputChoice, Cell, NasBench101Cell, NasBench201Cell and AutoActivation, over seeded samples', async () => {
    const space = Primitives.create();
    const inputShapes: Shape[] = [[null, 3, 6, 6]];
    const { model: lowered, mutators } = toModel(space, inputShapes);
    for (let seed = 0; seed < 4; seed++) {
      // Activation functions that can produce NaN (Sqrt, LogAbs, Divide...) are fixed to tame ones.
      const sample = { ...space.random(createRng(seed)), 'act/unary_0': 23, 'act/unary_1': 17, 'act/binary_0': 0 };
      const frozen = space.freeze(sample);
      await check(frozen, inputShapes);
      // The IR path compiles to the same parameter count.
      const viaIr = compileModel(flattenModel(applySample(lowered, mutators, sample)), { inputShapes });
      expect(trainableParameterCount(viaIr)).toBe(trace(frozen, inputShapes).parameterCount());
      viaIr.dispose();
    }
  });
});

describe('compileModel: PixelShift', () => {
  it("moves the image up and left by one pixel, zeros past the edge (PyTorch's F.pad(x, (0, 1, 0, 1))[:, :, 1:, 1:])", async () => {
    await useTfBackend('cpu');
    const flat = { inputCount: 1, nodes: [{ name: 'shift', type: 'PixelShift', parameters: { offset: 1 }, inputs: [{ node: -1, slot: 0 }] }], outputs: [{ node: 0, slot: null }] };
    const model = compileModel(flat, { inputShapes: [[null, 2, 4, 3]] });
    const x = tf.tensor4d(Array.from({ length: 24 }, (_, i) => i + 1), [1, 4, 3, 2]); // NHWC
    const y = (model.predict(x) as Tensor4D).arraySync()[0]!;
    const image = x.arraySync()[0]!;
    expect(y).toEqual(image.map((row, i) => row.map((px, j) => px.map((_, c) => image[i + 1]?.[j + 1]?.[c] ?? 0))));
    model.dispose();
  });
});

describe('compileModel errors', () => {
  it('names the node and the type of an unsupported op', () => {
    const flat = { inputCount: 1, nodes: [{ name: 'body.mystery', type: 'FancyAttention', parameters: {}, inputs: [{ node: -1, slot: 0 }] }], outputs: [{ node: 0, slot: null }] };
    try {
      compileModel(flat, { inputShapes: [image()] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedOpError);
      expect((error as UnsupportedOpError).path).toEqual(['body.mystery']);
      expect((error as Error).message).toContain('"FancyAttention"');
      expect((error as Error).message).toContain('body.mystery');
    }
  });

  it('refuses a space that is not frozen, listing its decisions', () => {
    class Space extends ModelSpace {
      op = new LayerChoice([new nn.Identity(), new nn.ReLU()], { label: 'op' });
      forward(x: Tensor) {
        return this.op.call(x);
      }
    }
    expect(() => compileModel(Space.create(), { inputShapes: [image()] })).toThrow(CompileError);
    expect(() => compileModel(Space.create(), { inputShapes: [image()] })).toThrow(/model\/op/);
  });

  it('refuses an undecided parameter of an IR model, naming the node and the parameter', () => {
    class Space extends ModelSpace {
      width = new ValueChoice([2, 4], { label: 'width' });
      conv = new nn.Conv2d(4, this.width, 1);
      forward(x: Tensor) {
        return this.conv.call(x);
      }
    }
    const { model } = toModel(Space.create(), [image()]);
    expect(() => compileModel(model, { inputShapes: [image()] })).toThrow(/not-frozen at "conv\/outChannels"/);
  });

  it('refuses input shapes with unknown sizes', () => {
    expect(() => compileModel(new Holder(new nn.ReLU()), { inputShapes: [[null, 4, null, 6]] })).toThrow(/known positive integers/);
  });
});
