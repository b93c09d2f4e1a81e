// Reads Debian's Fashion-MNIST (package dataset-fashion-mnist, which `npm test` installs when it runs
// as root) and trains on a few hundred of its images. Without the files these tests fail, saying how
// to install them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type Tensor, nn } from '@archspace/mutables';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassificationEvaluator } from '../evaluator/classification-evaluator.js';
import { FASHION_MNIST_CLASSES, fashionMnist, fashionMnistMissing } from './fashion-mnist.js';
import { readIdx } from './idx-read.js';

const empty = mkdtempSync(join(tmpdir(), 'archspace-no-fashion-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** The dataset options of the installed Fashion-MNIST; throws, saying how to install it, when it is missing. */
function installedFashionMnist(limits: { trainLimit?: number; validationLimit?: number } = {}): ReturnType<typeof fashionMnist> {
  const missing = fashionMnistMissing();
  if (missing !== undefined) throw new Error(`${missing} This test needs the real Fashion-MNIST files.`);
  return fashionMnist(limits);
}

/** How many labels of each class `labels` holds. */
function histogram(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}

/** A small convolutional classifier of 28×28 grayscale images into ten classes. */
class TinyNet extends Module {
  readonly body = new nn.Sequential(
    new nn.Conv2d(1, 8, 3, { stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(8, 16, 3, { stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Flatten(),
    new nn.Linear(16 * 7 * 7, 10),
  );
  forward(x: Tensor): Tensor {
    return this.body.call(x);
  }
}

describe('Fashion-MNIST', () => {
  it('says which files are missing and how to install them', () => {
    const missing = fashionMnistMissing(empty);
    expect(missing).toMatch(/train-images-idx3-ubyte\(\.gz\), train-labels-idx1-ubyte\(\.gz\), t10k-images-idx3-ubyte\(\.gz\), t10k-labels-idx1-ubyte\(\.gz\) not found/);
    expect(missing).toMatch(/apt-get install dataset-fashion-mnist/);
    expect(() => fashionMnist({ folder: empty })).toThrow(/Fashion-MNIST is missing/);
  });

  it("reads the installed files: 60,000 and 10,000 images of 28×28, ten balanced classes, Zalando's first images", () => {
    const { train, validation } = installedFashionMnist();
    const trainImages = readIdx(train.images);
    const trainLabels = readIdx(train.labels);
    const testImages = readIdx(validation.images);
    const testLabels = readIdx(validation.labels);
    expect([trainImages.type, trainImages.shape, trainLabels.shape]).toEqual(['uint8', [60000, 28, 28], [60000]]);
    expect([testImages.type, testImages.shape, testLabels.shape]).toEqual(['uint8', [10000, 28, 28], [10000]]);
    expect(histogram(trainLabels.data)).toEqual(new Array(10).fill(6000));
    expect(histogram(testLabels.data)).toEqual(new Array(10).fill(1000));
    // The first image of each split is an ankle boot (label 9); the sums of their pixels, read from the files.
    const pixelSum = (data: ArrayLike<number>) => Array.from({ length: 784 }, (_, i) => data[i]!).reduce((a, b) => a + b, 0);
    expect([trainLabels.data[0], pixelSum(trainImages.data)]).toEqual([9, 76247]);
    expect([testLabels.data[0], pixelSum(testImages.data)]).toEqual([9, 33456]);
    expect(FASHION_MNIST_CLASSES[9]).toBe('Ankle boot');
  });

  it('feeds ClassificationEvaluator: one epoch on 512 images scores well above chance (10 %) on 256 test images', async () => {
    const evaluator = new ClassificationEvaluator({ epochs: 1, batchSize: 32, learningRate: 0.01, dataset: installedFashionMnist({ trainLimit: 512, validationLimit: 256 }), seed: 0 });
    expect(evaluator.inputShape).toEqual([null, 1, 28, 28]);
    expect(evaluator.dataset.classNames).toEqual([...FASHION_MNIST_CLASSES]);
    expect([evaluator.dataset.train.count, evaluator.dataset.validation.count]).toEqual([512, 256]);
    const accuracy = await evaluator.evaluate(new TinyNet());
    expect(evaluator.lastRecord?.steps).toBe(16);
    expect(accuracy).toBeGreaterThan(0.3);
  });
});
