import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassificationEvaluator } from '../evaluator/classification-evaluator.js';
import { encodeIdx } from './idx-encode.js';
import { loadIdxDataset, loadIdxImageSet } from './idx-classification.js';

const folder = mkdtempSync(join(tmpdir(), 'archspace-idx-classification-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The test images' pixels: value `(37 × i) mod 256` at flat index `i`. */
function pixels(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (37 * i) % 256);
}

/** Writes `count` images of `size`×`size` and their labels; returns the paths. */
function writeSplit(name: string, count: number, size: number, labels: number[], gzip = false): { images: string; labels: string } {
  const pack = (bytes: Uint8Array) => (gzip ? gzipSync(bytes) : bytes);
  const paths = { images: join(folder, `${name}-images.idx`), labels: join(folder, `${name}-labels.idx`) };
  writeFileSync(paths.images, pack(encodeIdx({ type: 'uint8', shape: [count, size, size], data: pixels(count * size * size) })));
  writeFileSync(paths.labels, pack(encodeIdx({ type: 'uint8', shape: [labels.length], data: Uint8Array.from(labels) })));
  return paths;
}

describe('loadIdxImageSet', () => {
  it('scales pixels to [0, 1], one channel, keeps the labels and takes the first `limit` images', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.nat(), (count, size, gzip, seed) => {
        const labels = Array.from({ length: count }, (_, i) => (seed + i * 3) % 7);
        const files = writeSplit('fuzz', count, size, labels, gzip);
        const all = loadIdxImageSet(files);
        expect([all.count, all.imageSize, all.channels, all.labelRange]).toEqual([count, size, 1, Math.max(...labels) + 1]);
        expect(Array.from(all.labels)).toEqual(labels);
        expect(all.images).toBeInstanceOf(Float32Array);
        expect(Array.from(all.images)).toEqual(Array.from(pixels(count * size * size), (v) => Math.fround(v / 255)));
        const first = loadIdxImageSet({ ...files, limit: 1 });
        expect([first.count, first.images.length, Array.from(first.labels)]).toEqual([1, size * size, [labels[0]]]);
        expect(Array.from(first.images)).toEqual(Array.from(all.images.subarray(0, size * size)));
        expect(loadIdxImageSet({ ...files, limit: count + 5 }).count).toBe(count);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses images and labels of different counts, naming both files', () => {
    const files = writeSplit('mismatch', 3, 4, [0, 1]);
    expect(() => loadIdxImageSet(files)).toThrow(`${files.labels}: byte 4: 2 labels declared, but ${files.images} holds 3 images`);
  });

  it('refuses a label at or above `classes`, naming its byte', () => {
    const files = writeSplit('classes', 3, 2, [1, 4, 2]);
    expect(() => loadIdxImageSet({ ...files, classes: 3 })).toThrow(`${files.labels}: byte 9: label 4 (image 1), but there are 3 classes (0 to 2)`);
    expect(loadIdxImageSet({ ...files, classes: 5 }).count).toBe(3);
  });

  it('refuses files of another type or rank, non-square images and bad options', () => {
    const wrong = join(folder, 'wrong.idx');
    writeFileSync(wrong, encodeIdx({ type: 'uint8', shape: [1, 2, 2, 1], data: new Uint8Array(4) }));
    const labels = writeSplit('ok', 1, 2, [0]).labels;
    expect(() => loadIdxImageSet({ images: wrong, labels })).toThrow(`${wrong}: byte 3: 4 dimensions declared, an image file (count × height × width) has 3`);
    writeFileSync(wrong, encodeIdx({ type: 'float32', shape: [1, 2, 2], data: new Float32Array(4) }));
    expect(() => loadIdxImageSet({ images: wrong, labels })).toThrow(`${wrong}: byte 2: float32 values (type 0x0d), an image file (count × height × width) holds uint8 (type 0x08)`);
    writeFileSync(wrong, encodeIdx({ type: 'uint8', shape: [1, 2, 3], data: new Uint8Array(6) }));
    expect(() => loadIdxImageSet({ images: wrong, labels })).toThrow(`${wrong}: byte 8: images of 2×3 pixels declared, square images expected`);
    const images = writeSplit('ok', 1, 2, [0]).images;
    expect(() => loadIdxImageSet({ images, labels: images })).toThrow(`${images}: byte 3: 3 dimensions declared, a label file (count) has 1`);
    expect(() => loadIdxImageSet({ images, labels, limit: 0 })).toThrow(/limit must be a positive integer, got 0/);
  });
});

describe('loadIdxDataset', () => {
  it('reads both splits, names the classes by number unless told, and refuses splits of different sizes', () => {
    const train = writeSplit('train', 6, 3, [0, 1, 2, 0, 1, 2]);
    const validation = writeSplit('validation', 2, 3, [3, 0], true);
    const data = loadIdxDataset({ train, validation });
    expect([data.train.count, data.validation.count, data.imageSize, data.channels, data.classNames]).toEqual([6, 2, 3, 1, ['0', '1', '2', '3']]);
    expect(() => loadIdxDataset({ train, validation, classNames: ['a', 'b', 'c'] })).toThrow(/validation-labels\.idx: byte 8 \(after gunzip\): label 3 \(image 0\), but there are 3 classes/);
    const other = writeSplit('other', 2, 4, [0, 1]);
    expect(() => loadIdxDataset({ train, validation: other })).toThrow(`${other.images}: byte 8: images of 4×4 pixels, but the training images (${train.images}) are 3×3`);
  });

  it('is a dataset ClassificationEvaluator takes as plain JSON, its options checked when it is built', () => {
    const train = writeSplit('train', 6, 8, [0, 1, 2, 0, 1, 2]);
    const validation = writeSplit('validation', 2, 8, [2, 0]);
    const evaluator = new ClassificationEvaluator({ dataset: { format: 'idx', train, validation } });
    expect(evaluator.inputShape).toEqual([null, 1, 8, 8]);
    expect(evaluator.dataset.classNames).toEqual(['0', '1', '2']);
    expect(new ClassificationEvaluator(evaluator.toJSON()).toJSON()).toEqual(evaluator.toJSON());
    expect(() => new ClassificationEvaluator({ dataset: { format: 'idx', train, validation: { ...validation, labels: 7 as unknown as string } } })).toThrow(
      /invalid-option at "dataset\/validation\/labels": expected the path of an IDX labels file, received 7/,
    );
    expect(() => new ClassificationEvaluator({ dataset: { format: 'idx', train: { ...train, limit: 1.5 }, validation } })).toThrow(/dataset\/train\/limit/);
    expect(() => new ClassificationEvaluator({ dataset: { format: 'idx', train, validation, classNames: [] } })).toThrow(/dataset\/classNames/);
  });
});
