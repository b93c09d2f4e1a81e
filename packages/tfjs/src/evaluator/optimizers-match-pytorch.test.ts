import type { Optimizer, Variable } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { ClassificationEvaluator, DEFAULT_ADAM_EPSILON, createOptimizer } from './classification-evaluator.js';

/** The change one step of `optimizer` makes to a weight of 0.5 whose gradient is `gradient`. */
function firstUpdate(optimizer: Optimizer, gradient: number): number {
  const w = tf.variable(tf.scalar(0.5)) as Variable;
  optimizer.applyGradients({ [w.name]: tf.scalar(gradient) });
  const change = w.dataSync()[0]! - 0.5;
  w.dispose();
  optimizer.dispose();
  return change;
}

describe("the evaluator's optimizers", () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it("Adam takes PyTorch's ε = 1e-8 unless told otherwise (TensorFlow.js's default is 1e-7)", () => {
    expect(DEFAULT_ADAM_EPSILON).toBe(1e-8);
    expect(createOptimizer({}).getConfig()).toMatchObject({ learningRate: 0.005, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(createOptimizer({ adamEpsilon: 1e-7 }).getConfig()).toMatchObject({ epsilon: 1e-7 });
    // Adam's first step is −lr·g/(|g| + ε): a gradient of 1e-7 moves a weight by 0.909·lr with
    // PyTorch's ε and by only 0.5·lr with TensorFlow.js's.
    expect(firstUpdate(createOptimizer({ learningRate: 0.01 }), 1e-7)).toBeCloseTo((-0.01 * 1e-7) / (1e-7 + 1e-8), 6);
    expect(firstUpdate(createOptimizer({ learningRate: 0.01, adamEpsilon: 1e-7 }), 1e-7)).toBeCloseTo(-0.01 * 0.5, 6);
  });

  it('SGD is Nesterov momentum 0.9: a first step of lr·(1 + 0.9)·g, as torch.optim.SGD(nesterov=True)', () => {
    expect(createOptimizer({ optimizer: 'sgd' }).getConfig()).toMatchObject({ learningRate: 0.05, momentum: 0.9, useNesterov: true });
    expect(firstUpdate(createOptimizer({ optimizer: 'sgd', learningRate: 0.1 }), 2)).toBeCloseTo(-0.1 * 1.9 * 2, 6);
  });

  it('refuses an ε that is not a positive number, naming the option', () => {
    expect(() => new ClassificationEvaluator({ adamEpsilon: 0 })).toThrow(/adamEpsilon/);
    expect(new ClassificationEvaluator({ adamEpsilon: 1e-7 }).toJSON()).toEqual({ adamEpsilon: 1e-7 });
  });
});
