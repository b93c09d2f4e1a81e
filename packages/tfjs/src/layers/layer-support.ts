/**
 * Internal helpers shared by the custom layers: their base class, input unwrapping, PyTorch's
 * default initialisation, and the training flag.
 */
import type { serialization, Tensor } from '@tensorflow/tfjs-core';
import { tfl } from '../tf.js';

/** A layer's output shape as tfjs-layers writes it: batch first, `null` for unknown. */
export type LayerShape = (number | null)[];

/**
 * A custom layer that keeps its configuration: named by `config.name` (when given), serialized as
 * tfjs-layers' own configuration plus `config`. Subclasses set their own `static className`.
 */
export abstract class ArchspaceLayer<C extends { readonly name?: string }> extends tfl.layers.Layer {
  readonly config: C;

  constructor(config: C) {
    super(config.name === undefined ? {} : { name: config.name });
    this.config = config;
  }

  /** The configuration tfjs-layers records for every layer (name, trainable, ...), without `config`. */
  protected baseConfig(): serialization.ConfigDict {
    return super.getConfig();
  }

  override getConfig(): serialization.ConfigDict {
    return { ...this.baseConfig(), ...this.config };
  }
}

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
