/**
 * The unary and binary functions AutoActivation searches over ("Searching for Activation
 * Functions"), each an element-wise op; the ones with a trainable scalar β count one parameter.
 */
import { defineOp, Op, type OpDefinition } from './op.js';
import { ADD } from './ops/merge.js';

/** Unary functions in the reference's v3 order (alphabetical by class name); β marks a trainable scalar. */
export const UNARY_FUNCTIONS = [
  ['Abs', false], ['Add', true], ['Asinh', false], ['Atan', false], ['Cos', false], ['Cosh', false],
  ['Erf', false], ['Exp', false], ['ExpSquare', false], ['Identity', false], ['LogAbs', false], ['LogExp', false],
  ['Max', false], ['Min', false], ['Mul', true], ['Negative', false], ['Pow', false], ['Sigmoid', false],
  ['Sin', false], ['Sinc', false], ['Sinh', false], ['Sqrt', false], ['Square', false], ['Tanh', false],
] as const;

/** Binary functions in the reference's v3 order; β marks a trainable scalar. */
export const BINARY_FUNCTIONS = [
  ['Add', false], ['Divide', false], ['ExpAbs', true], ['ExpSquare', true], ['Max', false],
  ['Min', false], ['Minus', false], ['Mul', false], ['ParamAdd', true], ['Sigmoid', false],
] as const;

/** A unary function name. */
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number][0];
/** A binary function name. */
export type BinaryFunction = (typeof BINARY_FUNCTIONS)[number][0];

const definitions = new Map<string, OpDefinition<Record<string, never>>>();

function definition(type: string, arity: 1 | 2, beta: boolean): OpDefinition<Record<string, never>> {
  let found = definitions.get(type);
  if (!found) {
    found = defineOp<Record<string, never>>({
      type,
      arity,
      inferShape: (inputs) => (arity === 1 ? inputs[0]! : ADD.inferShape(inputs, {})),
      parameterCount: () => (beta ? 1 : 0),
    });
    definitions.set(type, found);
  }
  return found;
}

for (const [name, beta] of UNARY_FUNCTIONS) definition(`Unary${name}`, 1, beta);
for (const [name, beta] of BINARY_FUNCTIONS) definition(`Binary${name}`, 2, beta);

/** One unary function of x, as a module (`UnaryAbs`, `UnaryMul` with β, ...). */
export class UnaryOp extends Op<Record<string, never>> {
  readonly definition: OpDefinition<Record<string, never>>;
  constructor(readonly fn: UnaryFunction) {
    super({});
    const beta = UNARY_FUNCTIONS.find(([n]) => n === fn)?.[1];
    if (beta === undefined) throw new TypeError(`unknown unary function "${fn}"`);
    this.definition = definition(`Unary${fn}`, 1, beta);
  }
}

/** One binary function of (x1, x2), as a module (`BinaryAdd`, `BinaryParamAdd` with β, ...). */
export class BinaryOp extends Op<Record<string, never>> {
  readonly definition: OpDefinition<Record<string, never>>;
  constructor(readonly fn: BinaryFunction) {
    super({});
    const beta = BINARY_FUNCTIONS.find(([n]) => n === fn)?.[1];
    if (beta === undefined) throw new TypeError(`unknown binary function "${fn}"`);
    this.definition = definition(`Binary${fn}`, 2, beta);
  }
}
