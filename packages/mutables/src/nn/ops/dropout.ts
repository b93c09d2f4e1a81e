/** Dropout: zeroes random elements while training; the shape does not change. */
import { SearchSpaceError } from '@archspace/ir';
import { defineOp, Op } from '../op.js';
import type { NumberOrChoice } from './arguments.js';

/** Parameters of {@link Dropout}. */
export interface DropoutParams extends Record<string, unknown> {
  /** The probability of zeroing an element. */
  readonly p: number;
}

/** The `Dropout` operation. */
export const DROPOUT = defineOp<DropoutParams>({
  type: 'Dropout',
  arity: 1,
  inferShape: ([input]) => input!,
  parameterCount: () => 0,
  flops: () => 0,
});

/**
 * Dropout (PyTorch's `nn.Dropout`): while training, zeroes each element with probability `p` and
 * scales the rest by `1 / (1 − p)`. The probability is a typical thing to search.
 *
 * @example
 * ```ts
 * new Dropout(new ValueChoice([0.0, 0.25, 0.5], { label: 'dropout' }));
 * ```
 */
export class Dropout extends Op<DropoutParams> {
  readonly definition = DROPOUT;

  constructor(p: NumberOrChoice = 0.5) {
    if (typeof p === 'number' && !(p >= 0 && p <= 1)) {
      throw new SearchSpaceError({ code: 'invalid-parameter', path: ['Dropout'], expected: 'a dropout probability between 0 and 1', received: p });
    }
    super({ p: p as number });
  }
}
