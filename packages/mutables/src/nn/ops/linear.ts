/** Fully connected layer over the last dimension. */
import { combine, defineOp, expectDim, Op, product, shapeError } from '../op.js';
import type { NumberOrChoice } from './arguments.js';

/** Parameters of {@link Linear}; the feature counts may be value choices or expressions. */
export interface LinearParams extends Record<string, unknown> {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias: boolean;
}

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Whether a bias is learned (default `true`). */
  readonly bias?: boolean;
}

/** The `Linear` operation: `[..., in] → [..., out]`. */
export const LINEAR = defineOp<LinearParams>({
  type: 'Linear',
  arity: 1,
  inferShape([input], p) {
    if (input!.length < 2) shapeError('Linear', 'of rank 2 or more ([batch, ..., features])', input);
    expectDim('Linear', input![input!.length - 1], p.inFeatures, 'in_features');
    return [...input!.slice(0, -1), p.outFeatures];
  },
  parameterCount(_inputs, p) {
    return combine(product(p.inFeatures, p.outFeatures), p.bias ? p.outFeatures : 0, (a, b) => a + b);
  },
  flops(_inputs, output, p) {
    // One multiply-accumulate per input feature for each output element, plus one for the bias.
    return product(...output.slice(1, -1), p.outFeatures, combine(p.inFeatures, p.bias ? 1 : 0, (a, b) => a + b));
  },
});

/**
 * A fully connected layer (PyTorch's `nn.Linear`): applies `y = x·Wᵀ + b` to the last dimension.
 *
 * @example
 * ```ts
 * const head = new Linear(64, 10);           // [null, 64] → [null, 10]; 650 parameters
 * new Linear(new ValueChoice([64, 128], { label: 'hidden' }), 10, { bias: false });
 * ```
 */
export class Linear extends Op<LinearParams> {
  readonly definition = LINEAR;

  constructor(inFeatures: NumberOrChoice, outFeatures: NumberOrChoice, options: LinearOptions = {}) {
    super({ inFeatures: inFeatures as number, outFeatures: outFeatures as number, bias: options.bias ?? true });
  }
}
