/** Batch normalization over the channels of `[batch, channels, height, width]` inputs. */
import { defineOp, expectDim, expectRank, Op } from '../op.js';
import type { NumberOrChoice } from './arguments.js';

/** Parameters of {@link BatchNorm2d}. */
export interface BatchNorm2dParams extends Record<string, unknown> {
  readonly numFeatures: number;
  readonly affine: boolean;
  readonly eps: number;
  readonly momentum: number;
}

/** Options of {@link BatchNorm2d}. */
export interface BatchNorm2dOptions {
  /** Whether a per-channel scale and shift are learned (default `true`). */
  readonly affine?: boolean;
  /** Added to the variance for numerical stability (default `1e-5`). */
  readonly eps?: number;
  /** Weight of the newest batch in the running statistics (default `0.1`). */
  readonly momentum?: number;
}

/** The `BatchNorm2d` operation. */
export const BATCHNORM2D = defineOp<BatchNorm2dParams>({
  type: 'BatchNorm2d',
  arity: 1,
  inferShape([input], p) {
    expectRank('BatchNorm2d', input!, 4);
    expectDim('BatchNorm2d', input![1], p.numFeatures, 'num_features');
    return input!;
  },
  // Only the affine scale and shift are parameters; running mean and variance are buffers.
  parameterCount: (_inputs, p) => (!p.affine ? 0 : p.numFeatures === null ? null : 2 * p.numFeatures),
  flops: () => 0,
});

/**
 * Batch normalization per channel (PyTorch's `nn.BatchNorm2d`). It costs `2 × numFeatures`
 * parameters when affine and no FLOPs (the NAS-Bench-201 convention).
 *
 * @example
 * ```ts
 * new BatchNorm2d(16);                    // 32 parameters
 * new BatchNorm2d(16, { affine: false }); // 0 parameters
 * ```
 */
export class BatchNorm2d extends Op<BatchNorm2dParams> {
  readonly definition = BATCHNORM2D;

  constructor(numFeatures: NumberOrChoice, options: BatchNorm2dOptions = {}) {
    super({ numFeatures: numFeatures as number, affine: options.affine ?? true, eps: options.eps ?? 1e-5, momentum: options.momentum ?? 0.1 });
  }
}
