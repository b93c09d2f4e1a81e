/**
 * The zero operation: NAS-Bench-201's and DARTS's `none`, an edge that passes nothing. Its output
 * shape is the reference's: `x[:, :, ::stride, ::stride]` when the widths agree, but zeros of the
 * input's height and width — the stride ignored — when `cOut` differs from the input's width.
 */
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
  /**
   * Keep every `stride`-th row and column, as `x[:, :, ::stride, ::stride]` does (default 1); the
   * reference ignores it when the widths differ.
   */
  readonly stride?: NumberOrChoice;
  /** The expected input channels (checked when given). */
  readonly cIn?: NumberOrChoice;
  /** The output channels (default: the input's). */
  readonly cOut?: NumberOrChoice;
}

const every = (size: Dim, stride: number | null): Dim => (size === null || stride === null ? null : Math.ceil(size / stride));

/** Whether the output width differs from the input width: `null` when either is undecided. */
function outputWidthDiffers(inputChannels: Dim, p: { readonly cIn?: number | null; readonly cOut?: number | null }): boolean | null {
  if (p.cOut === undefined) return false;
  const cIn = p.cIn === undefined ? inputChannels : p.cIn;
  return cIn === null || p.cOut === null ? null : cIn !== p.cOut;
}

/** The `Zero` operation. */
export const ZERO = defineOp<ZeroParams>({
  type: 'Zero',
  arity: 1,
  inferShape([input], p) {
    expectRank('Zero', input!, 4);
    const [n, c, h, w] = input!;
    if (p.cIn !== undefined) expectDim('Zero', c, p.cIn, 'channels');
    // NAS-Bench-201's Zero subsamples only when C_in == C_out; otherwise it returns zeros of the
    // input's size with C_out channels.
    const differ = outputWidthDiffers(c!, p);
    const size = (d: Dim): Dim => (differ === false ? every(d, p.stride) : differ === true || p.stride === 1 ? d : null);
    return [n!, p.cOut === undefined ? c! : p.cOut, size(h!), size(w!)];
  },
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * A tensor of zeros shaped like the input subsampled by `stride`, or — as in the reference, when
 * `cOut` differs from the input's width — like the input itself with `cOut` channels. It learns
 * nothing and costs nothing, but is still recorded so that the edge shows in the graph.
 *
 * @example
 * ```ts
 * new Zero();                                 // [n, 16, 32, 32] → [n, 16, 32, 32]
 * new Zero({ stride: 2 });                    // [n, 16, 31, 31] → [n, 16, 16, 16]
 * new Zero({ stride: 2, cIn: 16, cOut: 32 }); // [n, 16, 31, 31] → [n, 32, 31, 31] (stride ignored)
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
