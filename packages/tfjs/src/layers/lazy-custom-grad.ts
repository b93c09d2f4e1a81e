/**
 * `tf.customGrad` with a gradient per input computed only when asked for. `tf.customGrad` takes every
 * input's gradient at once, eagerly; TensorFlow.js's backward pass itself asks an op only for the
 * gradients of inputs that depend on what is differentiated. A network's first convolution reads the
 * images, which depend on no weight: its input gradient, a whole convolution each training step, is
 * computed for nothing by `tf.customGrad`, and skipped here.
 *
 * The engine's `runKernelFunc` (what `tf.customGrad` calls, with lazy gradients) is not in its
 * declared API; where it is missing this falls back to `tf.customGrad`, computing every gradient.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

/** Saves tensors for the gradient (only while a gradient is being recorded). */
export type Save = (tensors: Tensor[]) => void;

/** The forward value and, per input in order, a function computing that input's gradient. */
export interface LazyGradient {
  readonly value: Tensor;
  readonly gradFunc: (dy: Tensor, saved: Tensor[]) => (() => Tensor)[];
}

/** What `runKernelFunc` takes for an op with its own gradient (TensorFlow.js 4's engine). */
interface CustomGradInvocation {
  forwardFunc(backend: unknown, save: Save): Tensor;
  backwardsFunc(dy: Tensor, saved: Tensor[]): Record<string, () => Tensor>;
  inputs: Record<string, Tensor>;
}

type KernelFuncEngine = { runKernelFunc(invocation: CustomGradInvocation): Tensor };

/**
 * Wraps `f(...inputs, save)` as an op whose gradient with respect to input `i` is `gradFunc(dy, saved)[i]()`,
 * called only for inputs the gradient is taken through.
 *
 * @example
 * ```ts
 * const square = lazyCustomGrad<[Tensor]>((x, save) => {
 *   save([x]);
 *   return { value: tf.square(x), gradFunc: (dy, [s]) => [() => tf.mul(dy, tf.mul(s!, 2))] };
 * });
 * ```
 */
export function lazyCustomGrad<A extends Tensor[]>(f: (...args: [...A, Save]) => LazyGradient): (...inputs: A) => Tensor {
  const engine = tf.engine() as unknown as Partial<KernelFuncEngine>;
  if (typeof engine.runKernelFunc !== 'function') {
    const eager = tf.customGrad(((...args: [...A, Save]) => {
      const { value, gradFunc } = f(...args);
      return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => gradFunc(dy, saved).map((grad) => grad()) };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return eager as unknown as (...inputs: A) => Tensor;
  }
  return (...inputs: A) => {
    let gradient: LazyGradient['gradFunc'] | undefined;
    return (engine as KernelFuncEngine).runKernelFunc({
      forwardFunc: (_backend, save) => {
        const result = f(...inputs, save);
        gradient = result.gradFunc;
        return result.value;
      },
      backwardsFunc: (dy, saved) => {
        const grads = gradient!(dy, saved);
        return Object.fromEntries(grads.map((grad, i) => [String(i), grad]));
      },
      inputs: Object.fromEntries(inputs.map((input, i) => [String(i), input])),
    });
  };
}
