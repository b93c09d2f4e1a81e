/** The identity: the output is the input. */
import { defineOp, Op } from '../op.js';

/** The `Identity` operation. */
export const IDENTITY = defineOp<Record<string, never>>({
  type: 'Identity',
  arity: 1,
  inferShape: ([input]) => input!,
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * Passes its input through (PyTorch's `nn.Identity`); NAS-Bench-201's and DARTS's `skip_connect`
 * when the shape does not change. It is still recorded, so a chosen skip shows in the graph.
 *
 * @example
 * ```ts
 * new Identity(); // [n, 16, 32, 32] → [n, 16, 32, 32]
 * ```
 */
export class Identity extends Op<Record<string, never>> {
  readonly definition = IDENTITY;

  constructor() {
    super({});
  }
}
