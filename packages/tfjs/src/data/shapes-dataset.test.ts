import { NasBench201Space, nasBench201Sample } from '@archspace/mutables';
import { describe, expect, it } from 'vitest';
import { ClassificationEvaluator } from '../evaluator/classification-evaluator.js';
import { SHAPE_CLASSES, imageBatch, makeShapesDataset } from './shapes-dataset.js';

describe('makeShapesDataset', () => {
  it('is a function of its options: same seed, same images; another seed, other images', () => {
    const a = makeShapesDataset({ trainSize: 40, validationSize: 20, seed: 5 });
    const b = makeShapesDataset({ trainSize: 40, validationSize: 20, seed: 5 });
    const c = makeShapesDataset({ trainSize: 40, validationSize: 20, seed: 6 });
    expect(b.train.images).toEqual(a.train.images);
    expect(b.validation.labels).toEqual(a.validation.labels);
    expect(c.train.images).not.toEqual(a.train.images);
    // Train and validation come from separate streams.
    expect(a.validation.images.subarray(0, 100)).not.toEqual(a.train.images.subarray(0, 100));
  });

  it('has balanced classes, the requested shape, and values around zero', () => {
    const data = makeShapesDataset({ numClasses: 4, imageSize: 12, channels: 1, trainSize: 100, validationSize: 8 });
    expect(data.classNames).toEqual(SHAPE_CLASSES.slice(0, 4));
    expect(data.train.images).toHaveLength(100 * 12 * 12);
    const counts = [0, 0, 0, 0];
    for (const label of data.train.labels) counts[label]!++;
    expect(counts).toEqual([25, 25, 25, 25]);
    const mean = data.train.images.reduce((s, v) => s + v, 0) / data.train.images.length;
    expect(Math.abs(mean)).toBeLessThan(0.6);
    expect(Math.max(...data.train.images)).toBeLessThan(2);
  });

  it('draws gray shapes brighter than their background by default, random colours on request', () => {
    const gray = makeShapesDataset({ trainSize: 10, validationSize: 1, noise: 0 });
    for (let p = 0; p < 10 * 16 * 16; p++) {
      const [r, g, b] = gray.train.images.subarray(p * 3, p * 3 + 3);
      expect(g).toBe(r);
      expect(b).toBe(r);
    }
    // The shape (the brightest pixels) is brighter than the corners' background.
    const first = gray.train.images.subarray(0, 16 * 16 * 3);
    expect(Math.max(...first)).toBeGreaterThan(first[0]!);
    const coloured = makeShapesDataset({ trainSize: 10, validationSize: 1, noise: 0, colours: true });
    expect(coloured.train.images).not.toEqual(gray.train.images);
  });

  it('refuses options out of range', () => {
    expect(() => makeShapesDataset({ numClasses: 1 })).toThrow(/numClasses/);
    expect(() => makeShapesDataset({ imageSize: 4 })).toThrow(/imageSize/);
    expect(() => makeShapesDataset({ channels: 2 as 1 })).toThrow(/channels/);
    expect(() => makeShapesDataset({ noise: -1 })).toThrow(/noise/);
  });

  it('makes NHWC batches of chosen images', () => {
    const data = makeShapesDataset({ trainSize: 12, validationSize: 1, imageSize: 8 });
    const { x, y } = imageBatch(data.train, [3, 0], 8, 3);
    expect(x.shape).toEqual([2, 8, 8, 3]);
    expect([...y.dataSync()]).toEqual([data.train.labels[3], data.train.labels[0]]);
    expect([...x.dataSync()].slice(0, 5)).toEqual([...data.train.images.subarray(3 * 192, 3 * 192 + 5)]);
    x.dispose();
    y.dispose();
  });
});

describe('the dataset is hard enough that architecture matters', () => {
  it('a NAS-Bench-201 network with a convolutional cell beats one with an all-none cell by a wide margin', async () => {
    const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses: 6 });
    const evaluator = new ClassificationEvaluator({ epochs: 1, dataset: { trainSize: 1280, validationSize: 300 }, backend: 'wasm' });
    const conv = await evaluator.evaluate(space.freeze(nasBench201Sample('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|')));
    const none = await evaluator.evaluate(space.freeze(nasBench201Sample('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|')));
    // An all-none cell outputs zeros: the classifier sees a constant and guesses one class (1/6).
    expect(none).toBeLessThan(0.25);
    expect(conv).toBeGreaterThan(none + 0.2);
  });
});
