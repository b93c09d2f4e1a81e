/**
 * The NAS-Bench-201 operations: the candidate ops of its cell, its reduction block, and the factory
 * map a cell builds its edges from. Structure and naming follow the benchmark's networks, so a
 * traced model counts the parameters and FLOPs the benchmark reports.
 */
import { Module } from '../module.js';
import { applyOp, defineOp, expectRank } from '../op.js';
import type { Tensor } from '../tensor.js';
import { ReLU } from './activations.js';
import { type NumberOrChoice, fixedInteger, splitInHalves, widthsDiffer } from './arguments.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Identity } from './identity.js';
import { add, concat } from './merge.js';
import { AvgPool2d, MaxPool2d } from './pooling.js';
import { reluConvBnLayers } from './relu-conv-bn-layers.js';
import { Sequential } from './sequential.js';
import { Zero } from './zero.js';

/** Options shared by the NAS-Bench-201 blocks. */
export interface NasBench201OpOptions {
  /** Whether the batch norms learn a scale and shift (default `true`, as in the benchmark). */
  readonly affine?: boolean;
}

/**
 * ReLU, then a convolution without bias, then batch norm: NAS-Bench-201's `nor_conv_*` ops. Its
 * layers sit in `op` (paths `op.0`, `op.1`, `op.2`).
 *
 * @example
 * ```ts
 * new ReLUConvBN(16, 16, 3, 1, 1, 1); // conv_3x3: 16·16·9 + 2·16 = 2,336 parameters
 * ```
 */
export class ReLUConvBN extends Module {
  /** ReLU → Conv2d → BatchNorm2d. */
  readonly op: Sequential;

  constructor(
    cIn: NumberOrChoice,
    cOut: NumberOrChoice,
    kernelSize: NumberOrChoice,
    stride: NumberOrChoice,
    padding: NumberOrChoice,
    dilation: NumberOrChoice,
    options: NasBench201OpOptions = {},
  ) {
    super();
    this.op = reluConvBnLayers(cIn, cOut, { kernelSize, stride, padding, dilation }, options.affine ?? true);
  }

  /** ReLU → Conv2d → BatchNorm2d. */
  forward(x: Tensor): Tensor {
    return this.op.call(x);
  }
}

/**
 * NAS-Bench-201's pooling op: a 1×1 {@link ReLUConvBN} first when the widths differ, then a 3×3
 * pool with padding 1 (average pooling ignores the padded zeros).
 *
 * @example
 * ```ts
 * new Pooling(16, 16, 1);        // avg_pool_3x3: just the pool, no parameters
 * new Pooling(16, 32, 2, 'max'); // 1×1 ReLUConvBN to 32 channels, then a stride-2 max pool
 * ```
 */
export class Pooling extends Module {
  /** The 1×1 projection, or `null` when the widths agree. */
  readonly preprocess: ReLUConvBN | null;
  /** The 3×3 pool. */
  readonly op: AvgPool2d | MaxPool2d;

  constructor(cIn: NumberOrChoice, cOut: NumberOrChoice, stride: NumberOrChoice, mode: 'avg' | 'max' = 'avg', options: NasBench201OpOptions = {}) {
    super();
    this.preprocess = widthsDiffer('Pooling', cIn, cOut) ? new ReLUConvBN(cIn, cOut, 1, 1, 0, 1, options) : null;
    this.op = mode === 'avg' ? new AvgPool2d(3, { stride, padding: 1, countIncludePad: false }) : new MaxPool2d(3, { stride, padding: 1 });
  }

  /** Projection (if any), then pooling. */
  forward(x: Tensor): Tensor {
    return this.op.call(this.preprocess ? this.preprocess.call(x) : x);
  }
}

/**
 * The `PixelShift` operation: `out[:, :, i, j] = x[:, :, i + offset, j + offset]`, zero past the
 * bottom and right edges — PyTorch's `F.pad(x, (0, offset, 0, offset))[:, :, offset:, offset:]`.
 * Same shape, no parameters, no FLOPs; {@link FactorizedReduce} shifts its second convolution's input.
 */
export const PIXEL_SHIFT = defineOp<{ offset: number }>({
  type: 'PixelShift',
  arity: 1,
  inferShape([input]) {
    expectRank('PixelShift', input!, 4);
    return input!;
  },
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * Halves height and width without losing every other pixel: ReLU, then two 1×1 stride-2
 * convolutions — the second on the input shifted by one pixel (a `PixelShift` node: NAS-Bench-201
 * pads the bottom and right by one and drops the first row and column; DARTS's `x[:, :, 1:, 1:]` is
 * the same for even sizes) — whose outputs (`⌊cOut/2⌋` and `cOut − ⌊cOut/2⌋` channels) are
 * concatenated, then batch norm. With stride 1 it is a 1×1 convolution and batch norm.
 *
 * @example
 * ```ts
 * new FactorizedReduce(16, 32); // [n, 16, 32, 32] → [n, 32, 16, 16]
 * ```
 */
export class FactorizedReduce extends Module {
  /** The stride: 2 (reduce) or 1 (project). */
  readonly stride: number;
  /** The ReLU in front (stride 2 only). */
  readonly relu: ReLU | null;
  /** The 1×1 convolutions: two with stride 2, one with stride 1. */
  readonly convs: readonly Conv2d[];
  /** The closing batch norm. */
  readonly bn: BatchNorm2d;

  constructor(cIn: NumberOrChoice, cOut: NumberOrChoice, stride: NumberOrChoice = 2, options: NasBench201OpOptions = {}) {
    super();
    this.stride = fixedInteger('FactorizedReduce', 'stride', stride, [1, 2]);
    if (this.stride === 2) {
      const [first, second] = splitInHalves('FactorizedReduce', cOut);
      this.relu = new ReLU();
      this.convs = [new Conv2d(cIn, first, 1, { stride: 2, bias: false }), new Conv2d(cIn, second, 1, { stride: 2, bias: false })];
    } else {
      this.relu = null;
      this.convs = [new Conv2d(cIn, cOut, 1, { bias: false })];
    }
    this.bn = new BatchNorm2d(cOut, { affine: options.affine ?? true });
  }

  /** See the class description. */
  forward(x: Tensor): Tensor {
    if (this.relu === null) return this.bn.call(this.convs[0]!.call(x));
    const y: Tensor = this.relu.call(x);
    const shifted = applyOp(PIXEL_SHIFT, { offset: 1 }, [y], true);
    return this.bn.call(concat([this.convs[0]!.call(y), this.convs[1]!.call(shifted)], 1));
  }
}

/**
 * NAS-Bench-201's residual block between stages: two 3×3 {@link ReLUConvBN}s (the first with
 * `stride`) plus a shortcut — a 2×2 average pool and a 1×1 convolution when `stride` is 2, a 1×1
 * ReLUConvBN when only the widths differ, the input itself otherwise.
 *
 * @example
 * ```ts
 * new ResNetBasicBlock(16, 32, 2); // [n, 16, 32, 32] → [n, 32, 16, 16]; 14,464 parameters
 * ```
 */
export class ResNetBasicBlock extends Module {
  /** The first 3×3 convolution (carries the stride). */
  readonly convA: ReLUConvBN;
  /** The second 3×3 convolution. */
  readonly convB: ReLUConvBN;
  /** The shortcut's layers, or `null` for the identity. */
  readonly downsample: Module | null;

  constructor(cIn: NumberOrChoice, cOut: NumberOrChoice, stride: NumberOrChoice, options: NasBench201OpOptions = {}) {
    super();
    const s = fixedInteger('ResNetBasicBlock', 'stride', stride, [1, 2]);
    this.convA = new ReLUConvBN(cIn, cOut, 3, s, 1, 1, options);
    this.convB = new ReLUConvBN(cOut, cOut, 3, 1, 1, 1, options);
    if (s === 2) this.downsample = new Sequential(new AvgPool2d(2, { stride: 2, padding: 0 }), new Conv2d(cIn, cOut, 1, { bias: false }));
    else if (widthsDiffer('ResNetBasicBlock', cIn, cOut)) this.downsample = new ReLUConvBN(cIn, cOut, 1, 1, 0, 1, options);
    else this.downsample = null;
  }

  /** `convB(convA(x)) + shortcut(x)`. */
  forward(x: Tensor): Tensor {
    const block: Tensor = this.convB.call(this.convA.call(x));
    const residual: Tensor = this.downsample ? this.downsample.call(x) : x;
    return add(residual, block);
  }
}

/** The operation names of the NAS-Bench-201 cell, as NNI spells them. */
export type NasBench201OpName = 'none' | 'skip_connect' | 'conv_1x1' | 'conv_3x3' | 'avg_pool_3x3';

/** Builds one candidate op of a NAS-Bench-201 cell edge. */
export type NasBench201OpFactory = (cIn: NumberOrChoice, cOut: NumberOrChoice, stride: NumberOrChoice) => Module;

/**
 * The five candidate ops of a NAS-Bench-201 cell edge, by name. `skip_connect` is the identity when
 * shapes do not change and a {@link FactorizedReduce} otherwise.
 *
 * @example
 * ```ts
 * const edge = NASBENCH201_OPS.conv_3x3(16, 16, 1); // a ReLUConvBN(16, 16, 3, 1, 1, 1)
 * ```
 */
export const NASBENCH201_OPS: Readonly<Record<NasBench201OpName, NasBench201OpFactory>> = Object.freeze({
  none: (cIn, cOut, stride) => new Zero({ stride, cIn, cOut }),
  skip_connect: (cIn, cOut, stride) => (stride === 1 && !widthsDiffer('skip_connect', cIn, cOut) ? new Identity() : new FactorizedReduce(cIn, cOut, stride)),
  conv_1x1: (cIn, cOut, stride) => new ReLUConvBN(cIn, cOut, 1, stride, 0, 1),
  conv_3x3: (cIn, cOut, stride) => new ReLUConvBN(cIn, cOut, 3, stride, 1, 1),
  avg_pool_3x3: (cIn, cOut, stride) => new Pooling(cIn, cOut, stride, 'avg'),
});

/** The NAS-Bench-201 op names in the benchmark's order. */
export const NASBENCH201_OP_NAMES: readonly NasBench201OpName[] = Object.freeze(['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3']);
