import { describe, expect, it } from 'vitest';
import { ValueChoice } from '../../value-choice.js';
import { Module } from '../module.js';
import { ShapeError } from '../op.js';
import type { Shape, Tensor } from '../tensor.js';
import { trace } from '../trace.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { Identity } from './identity.js';
import { Linear } from './linear.js';
import { AdaptiveAvgPool2d, AvgPool2d, MaxPool2d } from './pooling.js';
import { Zero } from './zero.js';

/** Traces `op` as the field `layer` of a root module, so errors and nodes carry the path "layer". */
class Holder extends Module {
  constructor(readonly layer: Module) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.layer.call(x);
  }
}

function run(op: Module, shape: Shape) {
  const traced = trace(new Holder(op), [shape]);
  return { shape: traced.outputShapes[0], params: traced.parameterCount(), flops: traced.flops(), traced };
}

function shapeErrorOf(op: Module, shape: Shape): ShapeError {
  try {
    trace(new Holder(op), [shape]);
  } catch (error) {
    expect(error).toBeInstanceOf(ShapeError);
    return error as ShapeError;
  }
  throw new Error('expected a ShapeError');
}

describe('Conv2d counts', () => {
  it('counts weights, bias and multiply-accumulates (bias adds one per output element)', () => {
    expect(run(new Conv2d(3, 16, 3, { padding: 1, bias: false }), [null, 3, 32, 32])).toMatchObject({ params: 432, flops: 442_368 });
    expect(run(new Conv2d(3, 16, 3, { padding: 1 }), [null, 3, 32, 32])).toMatchObject({ params: 448, flops: 16 * 32 * 32 * 28 });
    // Depthwise: one 3×3 filter per channel.
    expect(run(new Conv2d(16, 16, 3, { groups: 16, bias: false }), [null, 16, 10, 10])).toMatchObject({ shape: [null, 16, 8, 8], params: 144, flops: 16 * 64 * 9 });
  });
});

describe('Linear', () => {
  it('maps the last dimension and counts in·out + out', () => {
    expect(run(new Linear(64, 10), [null, 64])).toMatchObject({ shape: [null, 10], params: 650, flops: 650 });
    expect(run(new Linear(64, 10, { bias: false }), [null, 64])).toMatchObject({ params: 640, flops: 640 });
  });

  it('counts FLOPs per example over every leading position', () => {
    expect(run(new Linear(64, 10), [null, 5, 64])).toMatchObject({ shape: [null, 5, 10], params: 650, flops: 5 * 650 });
  });

  it('names the module when the features or the rank are wrong', () => {
    const wrong = shapeErrorOf(new Linear(64, 10), [null, 32]);
    expect(wrong.path).toEqual(['layer']);
    expect(wrong.message).toMatch(/in_features 64/);
    expect(wrong.received).toBe(32);
    expect(shapeErrorOf(new Linear(64, 10), [64]).message).toMatch(/rank 2 or more/);
  });

  it('leaves counts unknown while a feature count is an undecided choice, and knows them once frozen', () => {
    const hidden = new ValueChoice([32, 64], { label: 'hidden' });
    const linear = new Linear(hidden, 10);
    expect(run(linear, [null, null])).toMatchObject({ shape: [null, 10], params: null, flops: null });
    expect(run(linear.freeze({ hidden: 32 }), [null, 32])).toMatchObject({ params: 330, flops: 330 });
  });
});

describe('BatchNorm2d', () => {
  it('keeps the shape and counts only the affine scale and shift', () => {
    expect(run(new BatchNorm2d(16), [null, 16, 8, 8])).toMatchObject({ shape: [null, 16, 8, 8], params: 32, flops: 0 });
    expect(run(new BatchNorm2d(16, { affine: false }), [null, 16, 8, 8])).toMatchObject({ params: 0, flops: 0 });
  });

  it('rejects wrong channels and ranks, naming the module', () => {
    const error = shapeErrorOf(new BatchNorm2d(16), [null, 8, 4, 4]);
    expect(error.path).toEqual(['layer']);
    expect(error.message).toMatch(/BatchNorm2d input with num_features 16/);
    expect(shapeErrorOf(new BatchNorm2d(16), [null, 16]).message).toMatch(/rank 4/);
  });
});

describe('pooling', () => {
  it('follows PyTorch output sizes; stride defaults to the kernel', () => {
    expect(run(new MaxPool2d(2), [null, 16, 32, 32]).shape).toEqual([null, 16, 16, 16]);
    expect(run(new MaxPool2d(2), [null, 16, 31, 30]).shape).toEqual([null, 16, 15, 15]);
    expect(run(new MaxPool2d(3, { stride: 2, padding: 1 }), [null, 16, 7, 32]).shape).toEqual([null, 16, 4, 16]);
    expect(run(new AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }), [null, 8, 32, 32]).shape).toEqual([null, 8, 32, 32]);
    expect(run(new AvgPool2d(2, { stride: 2 }), [null, 16, 32, 32]).shape).toEqual([null, 16, 16, 16]);
    expect(run(new AvgPool2d(3), [null, 4, null, 9]).shape).toEqual([null, 4, null, 3]);
  });

  it('costs nothing', () => {
    expect(run(new MaxPool2d(3, { stride: 2, padding: 1 }), [null, 16, 32, 32])).toMatchObject({ params: 0, flops: 0 });
    expect(run(new AvgPool2d(3, { stride: 2, padding: 1 }), [null, 16, 32, 32])).toMatchObject({ params: 0, flops: 0 });
    expect(run(new AdaptiveAvgPool2d(1), [null, 64, 8, 8])).toMatchObject({ params: 0, flops: 0 });
  });

  it('adaptive pooling gives the requested size whatever the input', () => {
    expect(run(new AdaptiveAvgPool2d(1), [null, 64, 8, 8]).shape).toEqual([null, 64, 1, 1]);
    expect(run(new AdaptiveAvgPool2d([2, 3]), [null, 64, null, null]).shape).toEqual([null, 64, 2, 3]);
  });

  it('rejects inputs smaller than the window, too much padding and wrong ranks', () => {
    const small = shapeErrorOf(new MaxPool2d(3), [null, 1, 2, 2]);
    expect(small.path).toEqual(['layer']);
    expect(small.message).toMatch(/large enough for a 3x3 window/);
    const padded = shapeErrorOf(new AvgPool2d(3, { padding: 2 }), [null, 1, 8, 8]);
    expect(padded.code).toBe('invalid-parameter');
    expect(padded.message).toMatch(/padding of at most half the kernel size/);
    expect(shapeErrorOf(new AdaptiveAvgPool2d(1), [null, 64]).message).toMatch(/rank 4/);
  });
});

describe('Identity, Dropout, Zero, Flatten', () => {
  it('Identity and Dropout keep the shape and cost nothing', () => {
    expect(run(new Identity(), [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 32, 32], params: 0, flops: 0 });
    expect(run(new Dropout(0.2), [null, 128])).toMatchObject({ shape: [null, 128], params: 0, flops: 0 });
    expect(() => new Dropout(1.5)).toThrow(/between 0 and 1/);
  });

  it('Zero subsamples as x[:, :, ::s, ::s] when the widths agree, and keeps the size (as the reference) when cOut differs', () => {
    expect(run(new Zero(), [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 32, 32], params: 0, flops: 0 });
    expect(run(new Zero({ stride: 2 }), [null, 16, 31, 32]).shape).toEqual([null, 16, 16, 16]);
    expect(run(new Zero({ stride: 2, cIn: 16, cOut: 16 }), [null, 16, 31, 32]).shape).toEqual([null, 16, 16, 16]);
    // NAS-Bench-201's Zero with C_in != C_out: zeros of shape [n, C_out, H, W], the stride ignored.
    expect(run(new Zero({ stride: 2, cIn: 4, cOut: 8 }), [4, 4, 8, 8])).toMatchObject({ shape: [4, 8, 8, 8], params: 0, flops: 0 });
    expect(run(new Zero({ stride: 2, cOut: 32 }), [null, 16, 31, 32]).shape).toEqual([null, 32, 31, 32]);
    // Whether the widths differ is unknown until a chosen width is decided.
    const width = new ValueChoice([16, 32], { label: 'zero_width' });
    expect(run(new Zero({ stride: 2, cIn: 16, cOut: width }), [null, 16, 8, 8]).shape).toEqual([null, null, null, null]);
    expect(run(new Zero({ stride: 1, cIn: 16, cOut: width }), [null, 16, 8, 8]).shape).toEqual([null, null, 8, 8]);
    const error = shapeErrorOf(new Zero({ cIn: 16 }), [null, 8, 4, 4]);
    expect(error.path).toEqual(['layer']);
    expect(error.message).toMatch(/channels 16/);
  });

  it('Flatten merges startDim..endDim', () => {
    expect(run(new Flatten(), [null, 64, 1, 1])).toMatchObject({ shape: [null, 64], params: 0, flops: 0 });
    expect(run(new Flatten(), [null, 4, 3, 2]).shape).toEqual([null, 24]);
    expect(run(new Flatten({ startDim: 2 }), [null, 4, 3, 2]).shape).toEqual([null, 4, 6]);
    expect(run(new Flatten({ startDim: 1, endDim: 2 }), [null, 4, 3, 2]).shape).toEqual([null, 12, 2]);
    expect(run(new Flatten({ startDim: 0 }), [null, 4]).shape).toEqual([null]);
    expect(run(new Flatten(), [null, 4, null]).shape).toEqual([null, null]);
    expect(shapeErrorOf(new Flatten({ startDim: 3 }), [null, 4]).path).toEqual(['layer']);
  });
});

describe('recorded nodes', () => {
  it('carry the op type, the module path and plain parameters', () => {
    const { traced } = run(new AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }), [null, 8, 32, 32]);
    const [node] = traced.root.nodes;
    expect(node).toMatchObject({ name: 'layer', type: 'AvgPool2d', parameters: { kernelSize: 3, stride: 1, padding: 1, countIncludePad: false } });
  });
});
