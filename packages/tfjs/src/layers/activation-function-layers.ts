/**
 * The unary and binary functions AutoActivation searches over, as layers. They follow the reference
 * exactly (`Sqrt` of a negative number is NaN there too); β is a trainable scalar initialised to 1.
 */
import type { BinaryFunction, UnaryFunction } from '@archspace/mutables';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf, tfl } from '../tf.js';
import { ArchspaceLayer, type LayerShape, single, singleShape } from './layer-support.js';

type Unary = (x: Tensor, beta: Tensor) => Tensor;
type Binary = (a: Tensor, b: Tensor, beta: Tensor) => Tensor;

function sinc(x: Tensor): Tensor {
  // sin(πx)/(πx), and 1 near 0. The mask comes from step(), whose gradient is zero (comparisons have
  // none), and the shifted denominator keeps NaN out of the gradient of the branch not taken.
  const near = tf.sub(1, tf.step(tf.sub(tf.abs(x), 1e-6)));
  const pix = tf.mul(tf.add(x, near), Math.PI);
  return tf.add(near, tf.mul(tf.sub(1, near), tf.div(tf.sin(pix), pix)));
}

/** The unary functions by name (which of them own a β is the op catalogue's `UNARY_FUNCTIONS`). */
const UNARY_LAYER_FUNCTIONS: Readonly<Record<UnaryFunction, Unary>> = {
  Abs: (x) => tf.abs(x),
  Add: (x, b) => tf.add(x, b),
  Asinh: (x) => tf.asinh(x),
  Atan: (x) => tf.atan(x),
  Cos: (x) => tf.cos(x),
  Cosh: (x) => tf.cosh(x),
  Erf: (x) => tf.erf(x),
  Exp: (x) => tf.exp(x),
  ExpSquare: (x) => tf.exp(tf.neg(tf.square(x))),
  Identity: (x) => tf.clone(x),
  LogAbs: (x) => tf.log(tf.add(tf.abs(x), 1e-7)),
  LogExp: (x) => tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))), // log(1 + eˣ), stable
  Max: (x) => tf.relu(x),
  Min: (x) => tf.minimum(x, 0),
  Mul: (x, b) => tf.mul(x, b),
  Negative: (x) => tf.neg(x),
  Pow: (x) => tf.mul(tf.square(x), x),
  Sigmoid: (x) => tf.sigmoid(x),
  Sin: (x) => tf.sin(x),
  Sinc: sinc,
  Sinh: (x) => tf.sinh(x),
  Sqrt: (x) => tf.sqrt(x),
  Square: (x) => tf.square(x),
  Tanh: (x) => tf.tanh(x),
};

/** The binary functions by name (which of them own a β is the op catalogue's `BINARY_FUNCTIONS`). */
const BINARY_LAYER_FUNCTIONS: Readonly<Record<BinaryFunction, Binary>> = {
  Add: (a, b) => tf.add(a, b),
  Divide: (a, b) => tf.div(a, tf.add(b, 1e-7)),
  ExpAbs: (a, b, beta) => tf.exp(tf.neg(tf.mul(beta, tf.abs(tf.sub(a, b))))),
  ExpSquare: (a, b, beta) => tf.exp(tf.neg(tf.mul(beta, tf.square(tf.sub(a, b))))),
  Max: (a, b) => tf.maximum(a, b),
  Min: (a, b) => tf.minimum(a, b),
  Minus: (a, b) => tf.sub(a, b),
  Mul: (a, b) => tf.mul(a, b),
  ParamAdd: (a, b, beta) => tf.add(tf.mul(beta, a), tf.mul(tf.sub(1, beta), b)),
  Sigmoid: (a, b) => tf.mul(tf.sigmoid(a), b),
};

/** The configuration of an {@link ActivationFunctionLayer}: a unary or a binary function. */
export type ActivationFunctionLayerConfig = {
  /** Whether the function owns a trainable scalar β (the op catalogue's flag). */
  readonly beta: boolean;
  readonly name?: string;
} & (
  | { readonly arity: 1; /** The function's name without its `Unary` prefix. */ readonly fn: UnaryFunction }
  | {
      readonly arity: 2;
      /** The function's name without its `Binary` prefix. */
      readonly fn: BinaryFunction;
      /** Logical input `i` is actual input `inputIndex[i]` (one tensor may feed both). */
      readonly inputIndex?: readonly number[];
    }
);

/** One AutoActivation function of one or two tensors. */
export class ActivationFunctionLayer extends ArchspaceLayer<ActivationFunctionLayerConfig> {
  static readonly className = 'ArchspaceActivationFunction';
  #beta: tfl.LayerVariable | undefined;

  override build(): void {
    if (this.config.beta) this.#beta = this.addWeight('beta', [], 'float32', tfl.initializers.ones());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return singleShape(inputShape);
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const beta = this.#beta ? this.#beta.read() : tf.scalar(1);
      const { config } = this;
      if (config.arity === 1) return UNARY_LAYER_FUNCTIONS[config.fn](single(inputs), beta);
      const actual = Array.isArray(inputs) ? inputs : [inputs];
      const [i, j] = config.inputIndex ?? [0, 1];
      return BINARY_LAYER_FUNCTIONS[config.fn](actual[i!]!, actual[j!]!, beta);
    });
  }

  override getConfig() {
    const { config } = this;
    const inputIndex = config.arity === 2 ? config.inputIndex : undefined;
    return { ...this.baseConfig(), arity: config.arity, fn: config.fn, beta: config.beta, ...(inputIndex ? { inputIndex: [...inputIndex] } : {}) };
  }
}
