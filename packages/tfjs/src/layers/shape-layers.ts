/**
 * Layers that only shape tensors: `Zero` (NAS-Bench-201's and DARTS's `none`: zeros of the shape the
 * op catalogue gives) and `Truncate` (the first channels, NAS-Bench-101's rule).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { ArchspaceLayer, type LayerShape, single, singleShape } from './layer-support.js';

/** The configuration of a {@link ZeroLayer}: the output's height, width and channels. */
export interface ZeroLayerConfig {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly name?: string;
}

/**
 * Zeros of `[batch, height, width, channels]` — the `Zero` op's shape inference decides them (a
 * stride subsamples, a width change keeps the size, as in the reference); no gradient flows back.
 */
export class ZeroLayer extends ArchspaceLayer<ZeroLayerConfig> {
  static readonly className = 'ArchspaceZero';

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const { height, width, channels } = this.config;
    return [singleShape(inputShape)[0] ?? null, height, width, channels];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const { height, width, channels } = this.config;
    return tf.zeros([single(inputs).shape[0]!, height, width, channels]);
  }
}

/** The configuration of a {@link ChannelSliceLayer}. */
export interface ChannelSliceLayerConfig {
  readonly channels: number;
  readonly name?: string;
}

/** Keeps the first `channels` channels (the last axis). */
export class ChannelSliceLayer extends ArchspaceLayer<ChannelSliceLayerConfig> {
  static readonly className = 'ArchspaceChannelSlice';

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = [...singleShape(inputShape)];
    shape[shape.length - 1] = this.config.channels;
    return shape;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const x = single(inputs);
    const begin = x.shape.map(() => 0);
    const size = x.shape.map((d, i) => (i === x.rank - 1 ? this.config.channels : d));
    return tf.slice(x, begin, size);
  }
}

/** The configuration of a {@link MergeLayer}. */
export interface MergeLayerConfig {
  /** Logical input `i` is actual input `inputIndex[i]`: a tensor read twice is passed once. */
  readonly inputIndex: readonly number[];
  /** Indices of the logical inputs that are merged (all of them for `add` and `concat`). */
  readonly chosen: readonly number[];
  readonly reduction: 'sum' | 'mean' | 'concat' | 'none';
  /** The (physical) axis `concat` joins along. */
  readonly axis: number;
  readonly name?: string;
}

/**
 * Element-wise sum, mean or concatenation of some of its inputs — `add`, `concat`, and the frozen
 * InputChoice (`ChosenInputs`), which reads every candidate (so their layers stay in the network and
 * are computed, as in PyTorch, where the candidates exist before the choice) and passes on the
 * chosen ones, reduced, or one output per chosen candidate for `'none'`. Inputs are passed without
 * repetition (tfjs-layers disposes a tensor given twice to one layer too early) and expanded by
 * `inputIndex`.
 */
export class MergeLayer extends ArchspaceLayer<MergeLayerConfig> {
  static readonly className = 'ArchspaceMerge';

  #picked<T>(actual: readonly T[]): T[] {
    return this.config.chosen.map((i) => actual[this.config.inputIndex[i]!]!);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    const shapes = Array.isArray(inputShape[0]) ? (inputShape as LayerShape[]) : [inputShape as LayerShape];
    const chosen = this.#picked(shapes);
    if (this.config.reduction === 'none') return chosen;
    if (this.config.reduction !== 'concat') return chosen[0]!;
    const out = [...chosen[0]!];
    const axis = this.config.axis;
    out[axis] = chosen.reduce<number | null>((sum, s) => (sum === null || s[axis] == null ? null : sum + s[axis]!), 0);
    return out;
  }

  override call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    const chosen = this.#picked(Array.isArray(inputs) ? inputs : [inputs]);
    switch (this.config.reduction) {
      case 'none':
        return chosen.map((t) => tf.clone(t));
      case 'concat':
        return chosen.length === 1 ? tf.clone(chosen[0]!) : tf.concat(chosen, this.config.axis);
      case 'sum':
        return chosen.length === 1 ? tf.clone(chosen[0]!) : tf.addN(chosen);
      case 'mean':
        return tf.tidy(() => tf.div(tf.addN(chosen), chosen.length));
    }
  }

  override getConfig() {
    const { inputIndex, chosen, reduction, axis } = this.config;
    return { ...this.baseConfig(), inputIndex: [...inputIndex], chosen: [...chosen], reduction, axis };
  }
}
