/**
 * The DARTS operations: separable and dilated convolutions, pooling with batch norm, the standard
 * ReLU-conv-BN, and the factory map of the eight candidate ops of a DARTS cell edge.
 */
import { Module } from '../module.js';
import type { Tensor } from '../tensor.js';
import { ReLU } from './activations.js';
import type { NumberOrChoice } from './arguments.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Identity } from './identity.js';
import { FactorizedReduce } from './nasbench201-ops.js';
import { AvgPool2d, MaxPool2d } from './pooling.js';
import { reluConvBnLayers } from './relu-conv-bn-layers.js';
import { Sequential } from './sequential.js';
import { Zero } from './zero.js';

/** Options shared by the DARTS blocks. */
export interface DartsOpOptions {
  /** Whether the batch norms learn a scale and shift (default `true`). */
  readonly affine?: boolean;
}

/**
 * ReLU, convolution (no bias), batch norm — DARTS's preprocessing of cell inputs. Layers in `net`.
 *
 * @example
 * ```ts
 * new StdConv(48, 16, 1, 1, 0); // 1×1 projection of a concatenated cell output
 * ```
 */
export class StdConv extends Module {
  /** ReLU → Conv2d → BatchNorm2d. */
  readonly net: Sequential;

  constructor(cIn: NumberOrChoice, cOut: NumberOrChoice, kernelSize: NumberOrChoice, stride: NumberOrChoice, padding: NumberOrChoice, options: DartsOpOptions = {}) {
    super();
    this.net = reluConvBnLayers(cIn, cOut, { kernelSize, stride, padding, dilation: 1 }, options.affine ?? true);
  }

  /** ReLU → Conv2d → BatchNorm2d. */
  forward(x: Tensor): Tensor {
    return this.net.call(x);
  }
}

/**
 * Pooling followed by batch norm. Average pooling ignores padded zeros, as in DARTS.
 *
 * @example
 * ```ts
 * new PoolBN('max', 16, 3, 2, 1); // [n, 16, 32, 32] → [n, 16, 16, 16]; 32 parameters (BN)
 * ```
 */
export class PoolBN extends Module {
  /** The pool. */
  readonly pool: MaxPool2d | AvgPool2d;
  /** The batch norm after it. */
  readonly bn: BatchNorm2d;

  constructor(poolType: 'max' | 'avg', c: NumberOrChoice, kernelSize: NumberOrChoice, stride: NumberOrChoice, padding: NumberOrChoice, options: DartsOpOptions = {}) {
    super();
    this.pool = poolType === 'max' ? new MaxPool2d(kernelSize, { stride, padding }) : new AvgPool2d(kernelSize, { stride, padding, countIncludePad: false });
    this.bn = new BatchNorm2d(c, { affine: options.affine ?? true });
  }

  /** Pool, then batch norm. */
  forward(x: Tensor): Tensor {
    return this.bn.call(this.pool.call(x));
  }
}

/**
 * Dilated depthwise-separable convolution: ReLU, a depthwise `kernelSize` convolution with
 * `dilation` (one filter per input channel), a pointwise 1×1 convolution to `cOut`, batch norm.
 *
 * @example
 * ```ts
 * new DilConv(16, 16, 3, 1, 2, 2); // dil_conv_3x3: 5×5 receptive field, 16·9 + 16·16 + 32 = 432 parameters
 * ```
 */
export class DilConv extends Module {
  /** ReLU → depthwise Conv2d → pointwise Conv2d → BatchNorm2d. */
  readonly net: Sequential;

  constructor(
    cIn: NumberOrChoice,
    cOut: NumberOrChoice,
    kernelSize: NumberOrChoice,
    stride: NumberOrChoice,
    padding: NumberOrChoice,
    dilation: NumberOrChoice,
    options: DartsOpOptions = {},
  ) {
    super();
    this.net = new Sequential(
      new ReLU(),
      new Conv2d(cIn, cIn, kernelSize, { stride, padding, dilation, groups: cIn, bias: false }),
      new Conv2d(cIn, cOut, 1, { bias: false }),
      new BatchNorm2d(cOut, { affine: options.affine ?? true }),
    );
  }

  /** ReLU → depthwise → pointwise → BatchNorm2d. */
  forward(x: Tensor): Tensor {
    return this.net.call(x);
  }
}

/**
 * Depthwise-separable convolution applied twice: a {@link DilConv} with dilation 1 and `stride`
 * from `cIn` to `cIn`, then another with stride 1 from `cIn` to `cOut`.
 *
 * @example
 * ```ts
 * new SepConv(16, 16, 3, 1, 1); // sep_conv_3x3: 2 × (16·9 + 16·16 + 32) = 864 parameters
 * ```
 */
export class SepConv extends Module {
  /** The two {@link DilConv}s. */
  readonly net: Sequential;

  constructor(cIn: NumberOrChoice, cOut: NumberOrChoice, kernelSize: NumberOrChoice, stride: NumberOrChoice, padding: NumberOrChoice, options: DartsOpOptions = {}) {
    super();
    this.net = new Sequential(new DilConv(cIn, cIn, kernelSize, stride, padding, 1, options), new DilConv(cIn, cOut, kernelSize, 1, padding, 1, options));
  }

  /** Both separable convolutions in turn. */
  forward(x: Tensor): Tensor {
    return this.net.call(x);
  }
}

/** The operation names of a DARTS cell edge. */
export type DartsOpName = 'none' | 'max_pool_3x3' | 'avg_pool_3x3' | 'skip_connect' | 'sep_conv_3x3' | 'sep_conv_5x5' | 'dil_conv_3x3' | 'dil_conv_5x5';

/** Builds one candidate op of a DARTS cell edge on `c` channels. */
export type DartsOpFactory = (c: NumberOrChoice, stride: number, affine?: boolean) => Module;

/**
 * The eight candidate ops of a DARTS cell edge, by name; each keeps the channel count `c` and
 * divides height and width by `stride`. `skip_connect` with stride 2 is a {@link FactorizedReduce}.
 *
 * @example
 * ```ts
 * const edge = DARTS_OPS.sep_conv_3x3(16, 2); // a reduction-cell edge
 * ```
 */
export const DARTS_OPS: Readonly<Record<DartsOpName, DartsOpFactory>> = Object.freeze({
  none: (_c, stride) => new Zero({ stride }),
  max_pool_3x3: (c, stride, affine = true) => new PoolBN('max', c, 3, stride, 1, { affine }),
  avg_pool_3x3: (c, stride, affine = true) => new PoolBN('avg', c, 3, stride, 1, { affine }),
  skip_connect: (c, stride, affine = true) => (stride === 1 ? new Identity() : new FactorizedReduce(c, c, stride, { affine })),
  sep_conv_3x3: (c, stride, affine = true) => new SepConv(c, c, 3, stride, 1, { affine }),
  sep_conv_5x5: (c, stride, affine = true) => new SepConv(c, c, 5, stride, 2, { affine }),
  dil_conv_3x3: (c, stride, affine = true) => new DilConv(c, c, 3, stride, 2, 2, { affine }),
  dil_conv_5x5: (c, stride, affine = true) => new DilConv(c, c, 5, stride, 4, 2, { affine }),
});

/** The DARTS op names, in the order of the DARTS paper's primitive list. */
export const DARTS_OP_NAMES: readonly DartsOpName[] = Object.freeze([
  'none',
  'max_pool_3x3',
  'avg_pool_3x3',
  'skip_connect',
  'sep_conv_3x3',
  'sep_conv_5x5',
  'dil_conv_3x3',
  'dil_conv_5x5',
]);
