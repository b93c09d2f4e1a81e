/** The zero operation: NAS-Bench-201's and DARTS's `none`, an edge that passes nothing. */
import { defineOp, expectDim, expectRank, Op } from '../op.js';
import type { Dim } from '../tensor.js';
import type { NumberOrChoice } from './arguments.js';

/** Parameters of {@link Zero}; `cIn` and `cOut` are present only when given. */
export interface ZeroParams extends Record<string, unknown> {
  readonly stride: number;
  readonly cIn?: number | null;
  readonly cOut?: number | null;
}

/** Options of {@link Zero}. */
export interface ZeroOptions {
  /** Keep every `stride`-th row and column, as `x[:, :, ::stride, ::stride]` does (default 1). */
  readonly stride?: NumberOrChoice;
  /** The expected input channels (checked when given). */
  readonly cIn?: NumberOrChoice;
  /** The output channels (default: the input's). */
  readonly cOut?: NumberOrChoice;
}

const every = (size: Dim, stride: number | null): Dim => (size === null || stride === null ? null : Math.ceil(size / stride));

/** The `Zero` operation. */
export const ZERO = defineOp<ZeroParams>({
  type: 'Zero',
  arity: 1,
  inferShape([input], p) {
    expectRank('Zero', input!, 4);
    const [n, c, h, w] = input!;
    if (p.cIn !== undefined) expectDim('Zero', c, p.cIn, 'channels');
    return [n!, p.cOut === undefined ? c! : p.cOut, every(h!, p.stride), every(w!, p.stride)];
  },
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * A tensor of zeros shaped like the input subsampled by `stride`, with `cOut` channels when given.
 * It learns nothing and costs nothing, but is still recorded so that the edge shows in the graph.
 *
 * @example
 * ```ts
 * new Zero();                         // [n, 16, 32, 32] → [n, 16, 32, 32]
 * new Zero({ stride: 2, cOut: 32 });  // [n, 16, 31, 31] → [n, 32, 16, 16]
 * ```
 */
export class Zero extends Op<ZeroParams> {
  readonly definition = ZERO;

  constructor(options: ZeroOptions = {}) {
    super({
      stride: (options.stride ?? 1) as number,
      ...(options.cIn !== undefined ? { cIn: options.cIn as number } : {}),
      ...(options.cOut !== undefined ? { cOut: options.cOut as number } : {}),
    });
  }
}
