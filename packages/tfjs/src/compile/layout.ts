/**
 * How archspace's NCHW tensors live inside a TensorFlow.js network. TensorFlow.js computes
 * convolutions and pooling channels-last only (its `channelsFirst` layers transpose on every call),
 * so every 4-D tensor — the images — is kept as NHWC: logical `[n, c, h, w]` is physical
 * `[n, h, w, c]`. Tensors of other ranks keep their logical layout. An op that reads a 4-D tensor by
 * its logical axes (a `Linear` over the width, a `Flatten` of a feature map) first permutes it back,
 * so outputs and parameter counts are PyTorch's.
 */
import type { Shape } from '@archspace/mutables';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tfl } from '../tf.js';

/** A value flowing through the network being built. */
export interface Value {
  readonly tensor: SymbolicTensor;
  /** The logical (PyTorch) shape, batch first. */
  readonly shape: Shape;
  /** `'nhwc'`: a 4-D tensor stored channels-last; `'plain'`: stored as its logical shape. */
  readonly layout: 'nhwc' | 'plain';
}

/** The physical shape a logical shape has in `layout`. */
export function physicalShape(shape: Shape, layout: Value['layout']): Shape {
  return layout === 'nhwc' ? [shape[0]!, shape[2]!, shape[3]!, shape[1]!] : shape;
}

/** Logical axis `axis` of a rank-`rank` tensor as a physical axis in `layout`. */
export function physicalAxis(axis: number, layout: Value['layout']): number {
  return layout === 'nhwc' ? ([0, 3, 1, 2] as const)[axis]! : axis;
}

/** `value` stored channels-last (a 4-D tensor). */
export function asImage(value: Value, name?: string): Value {
  if (value.layout === 'nhwc') return value;
  const tensor = tfl.layers.permute({ dims: [2, 3, 1], ...(name ? { name } : {}) }).apply(value.tensor) as SymbolicTensor;
  return { tensor, shape: value.shape, layout: 'nhwc' };
}

/** `value` stored in its logical layout. */
export function asPlain(value: Value, name?: string): Value {
  if (value.layout === 'plain') return value;
  const tensor = tfl.layers.permute({ dims: [3, 1, 2], ...(name ? { name } : {}) }).apply(value.tensor) as SymbolicTensor;
  return { tensor, shape: value.shape, layout: 'plain' };
}

/** The layout several values are merged in: channels-last when all are 4-D, else logical. */
export function commonLayout(values: readonly Value[]): Value['layout'] {
  return values.every((v) => v.shape.length === 4) ? 'nhwc' : 'plain';
}

/** `value` in `layout`. */
export function inLayout(value: Value, layout: Value['layout']): Value {
  return layout === 'nhwc' ? asImage(value) : asPlain(value);
}
