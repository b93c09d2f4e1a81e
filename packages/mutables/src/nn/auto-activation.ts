/**
 * AutoActivation: searches an activation function built from unary and binary functions
 * ("Searching for Activation Functions"): `out = unary_0(x)`, then for each unit
 * `out = binary_{i-1}(out, unary_i(x))`.
 */
import { autoLabel, Label, type LabelLike } from '../label.js';
import { BINARY_FUNCTIONS, BinaryOp, type BinaryFunction, UNARY_FUNCTIONS, UnaryOp, type UnaryFunction } from './auto-activation-ops.js';
import { LayerChoice } from './layer-choice.js';
import { Module } from './module.js';
import type { Tensor } from './tensor.js';

/** Options of {@link AutoActivation}. */
export interface AutoActivationOptions {
  /** The label; choices are `{label}/unary_{i}` and `{label}/binary_{i}`. */
  readonly label?: LabelLike;
  /** Unary candidates (all 24 by default, in the reference's v3 order). */
  readonly unaryCandidates?: readonly UnaryFunction[];
  /** Binary candidates (all 10 by default). */
  readonly binaryCandidates?: readonly BinaryFunction[];
}

/**
 * A searched activation with `2 · unitNum + 1` choices; the sample values are candidate indices.
 * With the defaults and one unit the space has 24 · 24 · 10 = 5,760 activations.
 *
 * @example
 * ```ts
 * const act = new AutoActivation(1, { label: 'act' });
 * Object.keys(act.simplify()); // ['act/unary_0', 'act/unary_1', 'act/binary_0']
 * ```
 */
export class AutoActivation extends Module {
  /** `unaries[i]` chooses `unary_i`. */
  readonly unaries: readonly LayerChoice[];
  /** `binaries[i]` chooses `binary_i`. */
  readonly binaries: readonly LayerChoice[];

  constructor(unitNum = 1, options: AutoActivationOptions = {}) {
    super();
    if (!Number.isInteger(unitNum) || unitNum < 1) throw new RangeError(`AutoActivation needs unitNum ≥ 1, got ${unitNum}`);
    const label = autoLabel(options.label).path;
    const unaryNames = options.unaryCandidates ?? UNARY_FUNCTIONS.map(([n]) => n);
    const binaryNames = options.binaryCandidates ?? BINARY_FUNCTIONS.map(([n]) => n);
    const unary = (i: number) => new LayerChoice(unaryNames.map((n) => new UnaryOp(n)), { label: Label.absolute(`${label}/unary_${i}`) });
    const binary = (i: number) => new LayerChoice(binaryNames.map((n) => new BinaryOp(n)), { label: Label.absolute(`${label}/binary_${i}`) });
    const unaries = [unary(0)];
    const binaries: LayerChoice[] = [];
    for (let i = 1; i <= unitNum; i++) {
      unaries.push(unary(i));
      binaries.push(binary(i - 1));
    }
    this.unaries = Object.freeze(unaries);
    this.binaries = Object.freeze(binaries);
  }

  /** `unary_0(x)`, then each unit combines the running output with `unary_i(x)`. */
  forward(x: Tensor): Tensor {
    let out = this.unaries[0]!.call(x) as Tensor;
    for (let i = 1; i < this.unaries.length; i++) {
      out = this.binaries[i - 1]!.call(out, this.unaries[i]!.call(x) as Tensor) as Tensor;
    }
    return out;
  }
}
