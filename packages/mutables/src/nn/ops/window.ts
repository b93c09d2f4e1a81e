/**
 * Internal helpers shared by the sliding-window ops (pooling and the convolution blocks): the
 * output size of a window over height and width, with errors that name the module being recorded.
 */
import { recordingError, shapeError } from '../op.js';
import { activeRecorder } from '../recorder.js';
import type { Dim, Shape } from '../tensor.js';
import { slidingOutput } from './conv2d.js';

/** A sliding window: kernel, stride, padding and dilation (each `null` while undecided). */
export interface Window {
  readonly kernel: number | null;
  readonly stride: number | null;
  readonly padding: number | null;
  readonly dilation?: number | null;
}

/**
 * The output height and width of `window` over a `[n, c, h, w]` input, as PyTorch computes them.
 * Throws when a known size would be smaller than 1 (the input is smaller than the window).
 */
export function windowOutput(type: string, input: Shape, window: Window): [Dim, Dim] {
  const { kernel, stride, padding, dilation = 1 } = window;
  const h = slidingOutput(input[2]!, kernel, stride, padding, dilation);
  const w = slidingOutput(input[3]!, kernel, stride, padding, dilation);
  if ((h !== null && h < 1) || (w !== null && w < 1)) {
    shapeError(type, `large enough for a ${kernel}x${kernel} window with padding ${padding} (the output would be ${h ?? '?'}x${w ?? '?'})`, input);
  }
  return [h, w];
}

/** PyTorch's pooling rule: padding may be at most half the kernel. */
export function checkPoolPadding(type: string, kernel: number | null, padding: number | null): void {
  if (kernel !== null && padding !== null && padding > kernel / 2) {
    recordingError('invalid-parameter', type, `padding of at most half the kernel size (${kernel / 2})`, padding);
  }
}
