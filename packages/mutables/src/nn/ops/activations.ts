/** Element-wise activations: the output has the input's shape and nothing is learned. */
import { defineOp, Op, type OpDefinition } from '../op.js';

function elementwise(type: string): OpDefinition<Record<string, never>> {
  return defineOp<Record<string, never>>({ type, arity: 1, inferShape: ([input]) => input! });
}

/** The `ReLU` operation. */
export const RELU = elementwise('ReLU');
/** The `Sigmoid` operation. */
export const SIGMOID = elementwise('Sigmoid');
/** The `Tanh` operation. */
export const TANH = elementwise('Tanh');

/** `max(x, 0)`. */
export class ReLU extends Op<Record<string, never>> {
  readonly definition = RELU;
  constructor() {
    super({});
  }
}

/** `1 / (1 + e^-x)`. */
export class Sigmoid extends Op<Record<string, never>> {
  readonly definition = SIGMOID;
  constructor() {
    super({});
  }
}

/** `tanh(x)`. */
export class Tanh extends Op<Record<string, never>> {
  readonly definition = TANH;
  constructor() {
    super({});
  }
}
