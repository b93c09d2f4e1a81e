/**
 * The unary and binary functions AutoActivation searches over, as layers. They follow the reference
 * exactly (`Sqrt` of a negative number is NaN there too); β is a trainable scalar initialised to 1.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf, tfl } from '../tf.js';
import { type LayerShape, single, singleShape } from './layer-support.js';

type Unary = (x: Tensor, beta: Tensor) => Tensor;
type Binary = (a: Tensor, b: Tensor, beta: Tensor) => Tensor;

function sinc(x: Tensor): Tensor {
  // sin(πx)/(πx), and 1 near 0. The mask comes from step(), whose gradient is zero (comparisons have
  // none), and the shifted denominator keeps NaN out of the gradient of the branch not taken.
  const near = tf.sub(1, tf.step(tf.sub(tf.abs(x), 1e-6)));
  const pix = tf.mul(tf.add(x, near), Math.PI);
  return tf.add(near, tf.mul(tf.sub(1, near), tf.div(tf.sin(pix), pix)));
}

/** The unary functions by name, with whether they own a β. */
export const UNARY_LAYER_FUNCTIONS: Readonly<Record<string, readonly [Unary, boolean]>> = {
  Abs: [(x) => tf.abs(x), false],
  Add: [(x, b) => tf.add(x, b), true],
  Asinh: [(x) => tf.asinh(x), false],
  Atan: [(x) => tf.atan(x), false],
  Cos: [(x) => tf.cos(x), false],
  Cosh: [(x) => tf.cosh(x), false],
  Erf: [(x) => tf.erf(x), false],
  Exp: [(x) => tf.exp(x), false],
  ExpSquare: [(x) => tf.exp(tf.neg(tf.square(x))), false],
  Identity: [(x) => tf.clone(x), false],
  LogAbs: [(x) => tf.log(tf.add(tf.abs(x), 1e-7)), false],
  LogExp: [(x) => tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))), false], // log(1 + eˣ), stable
  Max: [(x) => tf.relu(x), false],
  Min: [(x) => tf.minimum(x, 0), false],
  Mul: [(x, b) => tf.mul(x, b), true],
  Negative: [(x) => tf.neg(x), false],
  Pow: [(x) => tf.mul(tf.square(x), x), false],
  Sigmoid: [(x) => tf.sigmoid(x), false],
  Sin: [(x) => tf.sin(x), false],
  Sinc: [sinc, false],
  Sinh: [(x) => tf.sinh(x), false],
  Sqrt: [(x) => tf.sqrt(x), false],
  Square: [(x) => tf.square(x), false],
  Tanh: [(x) => tf.tanh(x), false],
};

/** The binary functions by name, with whether they own a β. */
export const BINARY_LAYER_FUNCTIONS: Readonly<Record<string, readonly [Binary, boolean]>> = {
  Add: [(a, b) => tf.add(a, b), false],
  Divide: [(a, b) => tf.div(a, tf.add(b, 1e-7)), false],
  ExpAbs: [(a, b, beta) => tf.exp(tf.neg(tf.mul(beta, tf.abs(tf.sub(a, b))))), true],
  ExpSquare: [(a, b, beta) => tf.exp(tf.neg(tf.mul(beta, tf.square(tf.sub(a, b))))), true],
  Max: [(a, b) => tf.maximum(a, b), false],
  Min: [(a, b) => tf.minimum(a, b), false],
  Minus: [(a, b) => tf.sub(a, b), false],
  Mul: [(a, b) => tf.mul(a, b), false],
  ParamAdd: [(a, b, beta) => tf.add(tf.mul(beta, a), tf.mul(tf.sub(1, beta), b)), true],
  Sigmoid: [(a, b) => tf.mul(tf.sigmoid(a), b), false],
};

/** The configuration of an {@link ActivationFunctionLayer}. */
export interface ActivationFunctionLayerConfig {
  readonly arity: 1 | 2;
  /** The function's name without its `Unary` / `Binary` prefix. */
  readonly fn: string;
  /** Binary only: logical input `i` is actual input `inputIndex[i]` (one tensor may feed both). */
  readonly inputIndex?: readonly number[];
  readonly name?: string;
}

/** One AutoActivation function of one or two tensors. */
export class ActivationFunctionLayer extends tfl.layers.Layer {
  static readonly className = 'ArchspaceActivationFunction';
  readonly config: ActivationFunctionLayerConfig;
  #beta: tfl.LayerVariable | undefined;

  constructor(config: ActivationFunctionLayerConfig) {
    super(config.name === undefined ? {} : { name: config.name });
    const table = config.arity === 1 ? UNARY_LAYER_FUNCTIONS : BINARY_LAYER_FUNCTIONS;
    if (!Object.hasOwn(table, config.fn)) throw new TypeError(`no ${config.arity === 1 ? 'unary' : 'binary'} activation function "${config.fn}"`);
    this.config = config;
  }

  #entry(): readonly [Unary | Binary, boolean] {
    return (this.config.arity === 1 ? UNARY_LAYER_FUNCTIONS : BINARY_LAYER_FUNCTIONS)[this.config.fn]!;
  }

  override build(): void {
    if (this.#entry()[1]) this.#beta = this.addWeight('beta', [], 'float32', tfl.initializers.ones());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return singleShape(inputShape);
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const beta = this.#beta ? this.#beta.read() : tf.scalar(1);
      const [fn] = this.#entry();
      if (this.config.arity === 1) return (fn as Unary)(single(inputs), beta);
      const actual = Array.isArray(inputs) ? inputs : [inputs];
      const [i, j] = this.config.inputIndex ?? [0, 1];
      return (fn as Binary)(actual[i!]!, actual[j!]!, beta);
    });
  }

  override getConfig() {
    const { arity, fn, inputIndex } = this.config;
    return { ...super.getConfig(), arity, fn, ...(inputIndex ? { inputIndex: [...inputIndex] } : {}) };
  }
}
