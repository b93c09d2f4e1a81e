/**
 * Internal helpers shared by the custom layers: input unwrapping, PyTorch's default initialisation,
 * and the training flag.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tfl } from '../tf.js';

/** A layer's output shape as tfjs-layers writes it: batch first, `null` for unknown. */
export type LayerShape = (number | null)[];

/** The single input of a one-input layer. */
export function single(inputs: Tensor | Tensor[]): Tensor {
  return Array.isArray(inputs) ? inputs[0]! : inputs;
}

/** The shape of a one-input layer's input. */
export function singleShape(shape: LayerShape | LayerShape[]): LayerShape {
  return Array.isArray(shape[0]) ? (shape[0] as LayerShape) : (shape as LayerShape);
}

/** Whether a layer is called while training (batch statistics, dropout). */
export function isTraining(kwargs: Record<string, unknown> | undefined): boolean {
  return kwargs?.['training'] === true;
}

/**
 * PyTorch's default initialisation of a convolution or linear layer's weight and bias: uniform in
 * `±1/√fanIn` (Kaiming-uniform with `a = √5` gives this bound for the weight), seeded.
 */
export function pytorchUniform(fanIn: number, seed: number) {
  const bound = 1 / Math.sqrt(Math.max(fanIn, 1));
  return tfl.initializers.randomUniform({ minval: -bound, maxval: bound, seed });
}
