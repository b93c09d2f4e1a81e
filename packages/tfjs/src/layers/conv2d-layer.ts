/**
 * PyTorch's `Conv2d` as a tfjs-layers layer over NHWC tensors: symmetric zero padding, stride,
 * dilation and groups (depthwise when `groups` equals the input channels), with the gradients of
 * `conv-kernels.ts`.
 */
import type { nn } from '@archspace/mutables';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf, tfl } from '../tf.js';
import { type ConvGeometry, makeConv2d, makeDepthwiseConv2d, windowLength } from './conv-kernels.js';
import { ArchspaceLayer, type LayerShape, pytorchUniform, single, singleShape } from './layer-support.js';

/** The configuration of a {@link Conv2dLayer}: the `Conv2d` op's parameters plus an init seed. */
export interface Conv2dLayerConfig extends nn.Conv2dParams {
  /** Seed of the weight and bias initialisation. */
  readonly seed: number;
  readonly name?: string;
}

/** A 2-D convolution with PyTorch's semantics and parameter count. */
export class Conv2dLayer extends ArchspaceLayer<Conv2dLayerConfig> {
  static readonly className = 'ArchspaceConv2d';
  /** The window of the layer as a whole (its output size). */
  readonly #geometry: ConvGeometry;
  #kernel: tfl.LayerVariable | undefined;
  #bias: tfl.LayerVariable | undefined;
  #conv: (x: Tensor4D, w: Tensor4D) => Tensor4D;
  /** Stride applied after a stride-1 convolution, when stride and dilation both exceed 1. */
  #subsample: number;

  constructor(config: Conv2dLayerConfig) {
    super(config);
    const both = config.stride > 1 && config.dilation > 1;
    this.#subsample = both ? config.stride : 1;
    this.#geometry = { kernel: config.kernelSize, stride: config.stride, padding: config.padding, dilation: config.dilation };
    const geometry: ConvGeometry = both ? { ...this.#geometry, stride: 1 } : this.#geometry;
    this.#conv = this.depthwise ? makeDepthwiseConv2d(geometry) : makeConv2d(geometry);
  }

  /** Whether each input channel has its own filters (`groups === inChannels`, more than one channel). */
  get depthwise(): boolean {
    return this.config.groups === this.config.inChannels && this.config.groups > 1;
  }

  override build(): void {
    const { inChannels, outChannels, kernelSize: k, groups, seed } = this.config;
    const fanIn = (inChannels / groups) * k * k;
    const shape = this.depthwise ? [k, k, inChannels, outChannels / inChannels] : [k, k, inChannels / groups, outChannels];
    this.#kernel = this.addWeight('kernel', shape, 'float32', pytorchUniform(fanIn, seed));
    if (this.config.bias) this.#bias = this.addWeight('bias', [outChannels], 'float32', pytorchUniform(fanIn, seed + 1));
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [n, h, w] = singleShape(inputShape);
    const g = this.#geometry;
    return [n ?? null, h == null ? null : windowLength(h, g), w == null ? null : windowLength(w, g), this.config.outChannels];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = single(inputs) as Tensor4D;
      const kernel = this.#kernel!.read() as Tensor4D;
      const { groups } = this.config;
      let y: Tensor4D;
      if (groups === 1 || this.depthwise) {
        y = this.#conv(x, kernel);
      } else {
        // Grouped: each group of input channels is convolved with its own slice of the filters.
        const xs = tf.split(x, groups, 3);
        const ks = tf.split(kernel, groups, 3);
        y = tf.concat(xs.map((part, i) => this.#conv(part as Tensor4D, ks[i]! as Tensor4D)), 3);
      }
      if (this.#subsample > 1) y = tf.avgPool(y, 1, this.#subsample, 'valid');
      if (this.#bias) y = tf.add(y, this.#bias.read());
      return y;
    });
  }
}
