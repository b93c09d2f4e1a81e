/**
 * PyTorch's `ReLU` as a layer whose gradient is `dy·step(y)`, two kernels. TensorFlow.js's own ReLU
 * gradient casts the step (already float32) to float32 in between, a copy of the whole tensor on WASM:
 * one kernel call per ReLU per training step saved, for the same values (`y > 0` exactly where `x > 0`).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchspaceLayer, type LayerShape, single, singleShape } from './layer-support.js';

/** `max(x, 0)` with the gradient `dy·step(max(x, 0))`. */
const relu = tf.customGrad(((x: Tensor, save: (tensors: Tensor[]) => void) => {
  const value = tf.relu(x);
  save([value]);
  return { value, gradFunc: (dy: Tensor, [y]: Tensor[]) => tf.mul(dy, tf.step(y!)) };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: Tensor) => Tensor;

/** The configuration of a {@link ReluLayer}: only its name. */
export interface ReluLayerConfig {
  readonly name?: string;
}

/** The rectifier, element-wise. */
export class ReluLayer extends ArchspaceLayer<ReluLayerConfig> {
  static readonly className = 'ArchspaceReLU';

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return singleShape(inputShape);
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return relu(single(inputs));
  }
}
