/** Flatten: merges a range of dimensions into one. */
import { defineOp, Op, product, shapeError } from '../op.js';

/** Parameters of {@link Flatten}. */
export interface FlattenParams extends Record<string, unknown> {
  readonly startDim: number;
  readonly endDim: number;
}

/** Options of {@link Flatten}. */
export interface FlattenOptions {
  /** The first dimension merged (default 1: keep the batch). */
  readonly startDim?: number;
  /** The last dimension merged, negative from the end (default −1). */
  readonly endDim?: number;
}

/** The `Flatten` operation. */
export const FLATTEN = defineOp<FlattenParams>({
  type: 'Flatten',
  arity: 1,
  inferShape([input], p) {
    const rank = input!.length;
    if (p.startDim === null || p.endDim === null) shapeError('Flatten', 'fixed start and end dimensions (not choices)', [p.startDim, p.endDim]);
    const start = p.startDim < 0 ? rank + p.startDim : p.startDim;
    const end = p.endDim < 0 ? rank + p.endDim : p.endDim;
    if (start < 0 || end >= rank || start > end) {
      shapeError('Flatten', `in which dimensions ${p.startDim} to ${p.endDim} exist and are in order`, input);
    }
    return [...input!.slice(0, start), product(...input!.slice(start, end + 1)), ...input!.slice(end + 1)];
  },
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * Merges dimensions `startDim..endDim` into one (PyTorch's `nn.Flatten`). An unknown size among
 * them makes the merged size unknown.
 *
 * @example
 * ```ts
 * new Flatten(); // [n, 64, 1, 1] → [n, 64]
 * ```
 */
export class Flatten extends Op<FlattenParams> {
  readonly definition = FLATTEN;

  constructor(options: FlattenOptions = {}) {
    super({ startDim: options.startDim ?? 1, endDim: options.endDim ?? -1 });
  }
}
