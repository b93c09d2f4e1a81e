/**
 * `t·scale + shift` per channel (the last axis) of an NHWC tensor, as one kernel on the WASM backend:
 * a 1×1 depthwise convolution whose filter is the scale and whose bias is the shift — XNNPACK's
 * per-channel multiply-add. WASM's broadcasting product and sum walk the tensor element by element
 * with index arithmetic, up to eight times slower for 8 channels; the fused kernel also makes one
 * call and one output instead of two. Every product and sum is rounded as the two separate ops would
 * round it (WASM SIMD has no fused multiply-add), so the results are those of `t·scale + shift`.
 */
import type { Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

/** Whether {@link channelAffine} has its one-kernel form on the active backend. */
export function hasFusedChannelAffine(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * `t·scale + shift` channel by channel, `scale` and `shift` one number per channel (`shift` may be a
 * tensor already, e.g. a layer's weight; omitted, it is 0). Called inside `tf.customGrad` functions:
 * the kernels run directly, without a gradient of their own.
 *
 * @example
 * ```ts
 * channelAffine(x, new Float32Array([2, 3]), new Float32Array([0, 1])); // x·[2, 3] + [0, 1]
 * ```
 */
export function channelAffine(t: Tensor4D, scale: Float32Array, shift?: Float32Array | Tensor1D): Tensor4D {
  const c = t.shape[3];
  const shiftLength = shift === undefined ? c : shift instanceof Float32Array ? shift.length : shift.size;
  if (t.rank !== 4 || scale.length !== c || shiftLength !== c) {
    throw new RangeError(`channelAffine: needs an NHWC tensor and one scale and shift per channel (${c}); got rank ${t.rank}, ${scale.length} scales, ${shiftLength} shifts`);
  }
  const bias = shift instanceof Float32Array ? tf.tensor1d(shift) : shift;
  if (!hasFusedChannelAffine()) {
    const scaled = tf.mul(t, tf.tensor1d(scale));
    return (bias === undefined ? scaled : tf.add(scaled, bias)) as Tensor4D;
  }
  const filter = tf.tensor4d(scale, [1, 1, c, 1]);
  const attrs = { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' };
  let out: Tensor;
  if (bias === undefined) {
    out = tf.engine().runKernel('DepthwiseConv2dNative', { x: t, filter }, attrs) as Tensor;
  } else {
    out = tf.engine().runKernel('FusedDepthwiseConv2D', { x: t, filter, bias }, { ...attrs, activation: 'linear' }) as Tensor;
  }
  return out as Tensor4D;
}
