import { Module, type Tensor, nn } from '@archspace/mutables';
import { TrialStopped } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { activeTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { ClassificationEvaluator, type ClassificationEvaluatorOptions } from './classification-evaluator.js';

/** A small convolutional classifier: seconds to train on the CPU backend. */
class TinyNet extends Module {
  readonly body = new nn.Sequential(
    new nn.Conv2d(3, 6, 3, { padding: 1, bias: false }),
    new nn.BatchNorm2d(6),
    new nn.ReLU(),
    new nn.Conv2d(6, 8, 3, { stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Dropout(0.2),
    new nn.AdaptiveAvgPool2d(1),
    new nn.Flatten(),
    new nn.Linear(8, 4),
  );
  forward(x: Tensor): Tensor {
    return this.body.call(x);
  }
}

const SMALL: ClassificationEvaluatorOptions = {
  epochs: 2,
  batchSize: 16,
  dataset: { numClasses: 4, imageSize: 8, trainSize: 96, validationSize: 64, seed: 3 },
  seed: 11,
};

describe('ClassificationEvaluator', () => {
  it('repeats its accuracy exactly with the same seed on the CPU backend, and reports every epoch', async () => {
    const evaluator = new ClassificationEvaluator({ ...SMALL, backend: 'cpu' });
    const reports: number[][] = [[], []];
    const first = await evaluator.evaluate(new TinyNet(), { report: (v) => reports[0]!.push(v) });
    expect(activeTfBackend()).toBe('cpu');
    const again = await new ClassificationEvaluator({ ...SMALL, backend: 'cpu' }).evaluate(new TinyNet(), { report: (v) => reports[1]!.push(v) });
    expect(again).toBe(first);
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0]).toHaveLength(2);
    expect(reports[0]![1]).toBe(first);
    expect(evaluator.lastRecord).toMatchObject({ steps: 12, backend: 'cpu', accuracies: reports[0] });
  });

  it('gives a different run for a different seed', async () => {
    const a = new ClassificationEvaluator({ ...SMALL, backend: 'cpu' });
    const b = new ClassificationEvaluator({ ...SMALL, backend: 'cpu', seed: 12 });
    await a.evaluate(new TinyNet());
    await b.evaluate(new TinyNet());
    expect(b.lastRecord!.accuracies).not.toEqual(a.lastRecord!.accuracies);
  });

  it('repeats exactly on the WASM backend too', async () => {
    const runs: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const evaluator = new ClassificationEvaluator({ ...SMALL, backend: 'wasm' });
      await evaluator.evaluate(new TinyNet());
      runs.push([...evaluator.lastRecord!.accuracies]);
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('trains for the budget (in epochs) instead of `epochs`; a fraction trains part of an epoch', async () => {
    const evaluator = new ClassificationEvaluator({ ...SMALL, backend: 'cpu' });
    const reports: number[] = [];
    await evaluator.evaluate(new TinyNet(), { budget: 1.5, report: (v) => reports.push(v) });
    expect(evaluator.lastRecord!.steps).toBe(9);
    expect(reports).toHaveLength(2);
    await evaluator.evaluate(new TinyNet(), { budget: 0 });
    expect(evaluator.lastRecord).toMatchObject({ steps: 0, accuracies: [expect.any(Number)] });
  });

  it('stops when report throws (an assessor stopping the trial) and frees every tensor', async () => {
    const evaluator = new ClassificationEvaluator({ ...SMALL, backend: 'cpu' });
    await evaluator.evaluate(new TinyNet()); // first use draws the dataset and warms the backend
    const before = tf.memory().numTensors;
    await expect(
      evaluator.evaluate(new TinyNet(), {
        report: () => {
          throw new TrialStopped(7);
        },
      }),
    ).rejects.toBeInstanceOf(TrialStopped);
    expect(evaluator.lastRecord!.steps).toBe(6);
    await evaluator.evaluate(new TinyNet());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a network whose output is not one score per class', async () => {
    class Wrong extends Module {
      head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(3, 5));
      forward(x: Tensor): Tensor {
        return this.head.call(x);
      }
    }
    await expect(new ClassificationEvaluator({ ...SMALL, backend: 'cpu' }).evaluate(new Wrong())).rejects.toThrow(/one output of shape \[batch, 4\]/);
  });

  it('keeps its options as plain JSON for a serializer', () => {
    const evaluator = new ClassificationEvaluator(SMALL);
    expect(JSON.parse(JSON.stringify(evaluator))).toEqual(SMALL);
    expect(new ClassificationEvaluator(evaluator.toJSON()).toJSON()).toEqual(SMALL);
    expect(evaluator.inputShape).toEqual([null, 3, 8, 8]);
    expect(() => new ClassificationEvaluator({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new ClassificationEvaluator({ dataset: { numClasses: 11 } })).toThrow(/numClasses/);
  });
});
