/** 2-D pooling over `[batch, channels, height, width]` inputs: max, average and adaptive average. */
import { defineOp, expectRank, Op, shapeError } from '../op.js';
import type { NumberOrChoice } from './arguments.js';
import { checkPoolPadding, windowOutput } from './window.js';

/** Parameters of {@link MaxPool2d}. */
export interface MaxPool2dParams extends Record<string, unknown> {
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
}

/** Options of {@link MaxPool2d}. */
export interface MaxPool2dOptions {
  /** Step between windows (default: the kernel size). */
  readonly stride?: NumberOrChoice;
  /** Implicit padding on each side (default 0; at most half the kernel). */
  readonly padding?: NumberOrChoice;
}

/** Parameters of {@link AvgPool2d}. */
export interface AvgPool2dParams extends MaxPool2dParams {
  readonly countIncludePad: boolean;
}

/** Options of {@link AvgPool2d}. */
export interface AvgPool2dOptions extends MaxPool2dOptions {
  /** Whether padded zeros count in the average's divisor (default `true`). */
  readonly countIncludePad?: boolean;
}

function pool(type: string) {
  return defineOp<MaxPool2dParams>({
    type,
    arity: 1,
    inferShape([input], p) {
      expectRank(type, input!, 4);
      checkPoolPadding(type, p.kernelSize, p.padding);
      const [h, w] = windowOutput(type, input!, { kernel: p.kernelSize, stride: p.stride, padding: p.padding });
      return [input![0]!, input![1]!, h, w];
    },
    parameterCount: () => 0,
    flops: () => 0,
  });
}

/** The `MaxPool2d` operation. */
export const MAXPOOL2D = pool('MaxPool2d');
/** The `AvgPool2d` operation. */
export const AVGPOOL2D = pool('AvgPool2d');

/**
 * Max pooling (PyTorch's `nn.MaxPool2d` with a square window). No parameters, no FLOPs.
 *
 * @example
 * ```ts
 * new MaxPool2d(2);                             // [n, c, 32, 32] → [n, c, 16, 16]
 * new MaxPool2d(3, { stride: 1, padding: 1 });  // keeps the size
 * ```
 */
export class MaxPool2d extends Op<MaxPool2dParams> {
  readonly definition = MAXPOOL2D;

  constructor(kernelSize: NumberOrChoice, options: MaxPool2dOptions = {}) {
    super({ kernelSize: kernelSize as number, stride: (options.stride ?? kernelSize) as number, padding: (options.padding ?? 0) as number });
  }
}

/**
 * Average pooling (PyTorch's `nn.AvgPool2d` with a square window). No parameters, no FLOPs.
 *
 * @example
 * ```ts
 * new AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }); // NAS-Bench-201's avg_pool_3x3
 * ```
 */
export class AvgPool2d extends Op<AvgPool2dParams> {
  readonly definition = AVGPOOL2D;

  constructor(kernelSize: NumberOrChoice, options: AvgPool2dOptions = {}) {
    super({
      kernelSize: kernelSize as number,
      stride: (options.stride ?? kernelSize) as number,
      padding: (options.padding ?? 0) as number,
      countIncludePad: options.countIncludePad ?? true,
    });
  }
}

/** Parameters of {@link AdaptiveAvgPool2d}: the output height and width. */
export interface AdaptiveAvgPool2dParams extends Record<string, unknown> {
  readonly outputSize: readonly [number, number];
}

/** The `AdaptiveAvgPool2d` operation. */
export const ADAPTIVEAVGPOOL2D = defineOp<AdaptiveAvgPool2dParams>({
  type: 'AdaptiveAvgPool2d',
  arity: 1,
  inferShape([input], p) {
    expectRank('AdaptiveAvgPool2d', input!, 4);
    const size = p.outputSize as readonly (number | null)[];
    for (const d of size) if (d !== null && d < 1) shapeError('AdaptiveAvgPool2d', 'an output size of at least 1', d);
    return [input![0]!, input![1]!, size[0] ?? null, size[1] ?? null];
  },
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * Average pooling to a fixed output size whatever the input size (PyTorch's
 * `nn.AdaptiveAvgPool2d`). `outputSize` is one number for a square output, or `[height, width]`.
 *
 * @example
 * ```ts
 * new AdaptiveAvgPool2d(1); // global average pooling: [n, 64, 8, 8] → [n, 64, 1, 1]
 * ```
 */
export class AdaptiveAvgPool2d extends Op<AdaptiveAvgPool2dParams> {
  readonly definition = ADAPTIVEAVGPOOL2D;

  constructor(outputSize: NumberOrChoice | readonly [NumberOrChoice, NumberOrChoice]) {
    const size = Array.isArray(outputSize) ? [outputSize[0], outputSize[1]] : [outputSize, outputSize];
    super({ outputSize: size as unknown as readonly [number, number] });
  }
}
