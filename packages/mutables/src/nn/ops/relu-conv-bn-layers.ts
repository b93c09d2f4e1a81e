/**
 * ReLU, a convolution without bias, batch norm: the block that NAS-Bench-201 (`ReLUConvBN`) and
 * DARTS (`StdConv`) both build, each under its own field name.
 */
import { ReLU } from './activations.js';
import type { NumberOrChoice } from './arguments.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Sequential } from './sequential.js';

/** The window of the convolution in {@link reluConvBnLayers}. */
export interface ReluConvBnWindow {
  readonly kernelSize: NumberOrChoice;
  readonly stride: NumberOrChoice;
  readonly padding: NumberOrChoice;
  readonly dilation: NumberOrChoice;
}

/** `Sequential(ReLU, Conv2d without bias, BatchNorm2d)` from `cIn` to `cOut` channels. */
export function reluConvBnLayers(cIn: NumberOrChoice, cOut: NumberOrChoice, window: ReluConvBnWindow, affine = true): Sequential {
  const { kernelSize, stride, padding, dilation } = window;
  return new Sequential(new ReLU(), new Conv2d(cIn, cOut, kernelSize, { stride, padding, dilation, bias: false }), new BatchNorm2d(cOut, { affine }));
}
