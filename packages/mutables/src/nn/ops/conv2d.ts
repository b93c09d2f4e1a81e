/** 2-D convolution over `[batch, channels, height, width]` inputs. */
import { combine, defineOp, expectDim, expectRank, Op, product } from '../op.js';
import type { Dim } from '../tensor.js';
import type { NumberOrChoice } from './arguments.js';

/** Parameters of {@link Conv2d}; any number may be a value choice or an expression. */
export interface Conv2dParams extends Record<string, unknown> {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly groups: number;
  readonly bias: boolean;
}

/** Options of {@link Conv2d}: everything but the channel counts and kernel size; sizes may be choices. */
export interface Conv2dOptions {
  readonly stride?: NumberOrChoice;
  readonly padding?: NumberOrChoice;
  readonly dilation?: NumberOrChoice;
  readonly groups?: NumberOrChoice;
  readonly bias?: boolean;
}

/** Output size of a sliding window, as PyTorch computes it. */
export function slidingOutput(size: Dim, kernel: number | null, stride: number | null, padding: number | null, dilation: number | null = 1): Dim {
  if (size === null || kernel === null || stride === null || padding === null || dilation === null) return null;
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1);
}

/** The `Conv2d` operation. */
export const CONV2D = defineOp<Conv2dParams>({
  type: 'Conv2d',
  arity: 1,
  inferShape([input], p) {
    expectRank('Conv2d', input!, 4);
    const [n, c, h, w] = input!;
    expectDim('Conv2d', c, p.inChannels, 'in_channels');
    return [n!, p.outChannels, slidingOutput(h!, p.kernelSize, p.stride, p.padding, p.dilation), slidingOutput(w!, p.kernelSize, p.stride, p.padding, p.dilation)];
  },
  parameterCount(_inputs, p) {
    const weights = product(p.outChannels, combine(p.inChannels, p.groups, (c, g) => c / g), p.kernelSize, p.kernelSize);
    return combine(weights, p.bias ? p.outChannels : 0, (a, b) => a + b);
  },
  flops(_inputs, [, c, h, w], p) {
    const perOutput = product(combine(p.inChannels, p.groups, (x, g) => x / g), p.kernelSize, p.kernelSize);
    return product(c, h, w, combine(perOutput, p.bias ? 1 : 0, (a, b) => a + b));
  },
});

/**
 * A 2-D convolution (PyTorch's `nn.Conv2d` with a square kernel).
 *
 * @example
 * ```ts
 * new Conv2d(3, new ValueChoice([16, 32], { label: 'width' }), 3, { padding: 1 });
 * ```
 */
export class Conv2d extends Op<Conv2dParams> {
  readonly definition = CONV2D;

  constructor(inChannels: NumberOrChoice, outChannels: NumberOrChoice, kernelSize: NumberOrChoice, options: Conv2dOptions = {}) {
    // Choices stay in the parameters until the space is frozen; the op definition reads them as unknown.
    super({
      inChannels: inChannels as number,
      outChannels: outChannels as number,
      kernelSize: kernelSize as number,
      stride: (options.stride ?? 1) as number,
      padding: (options.padding ?? 0) as number,
      dilation: (options.dilation ?? 1) as number,
      groups: (options.groups ?? 1) as number,
      bias: options.bias ?? true,
    });
  }
}
