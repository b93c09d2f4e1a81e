/**
 * The checks of the data `oneShot` is given: whatever a caller built by hand must describe itself
 * truthfully before any training — sizes that agree with the arrays, labels the network can output.
 */
import { OneShotError } from './one-shot-error.js';
import type { OneShotData } from './one-shot.js';

/** The most images a split may hold (the batch order is an array of indices). */
export const MAX_ONE_SHOT_IMAGES = 10_000_000;

function invalid(path: (string | number)[], expected: string, received: unknown): OneShotError {
  return new OneShotError({ code: 'invalid-data', path: ['data', ...path], expected, received });
}

function positiveInteger(value: unknown, path: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw invalid([path], `an integer from 1 to ${max}`, value);
  return value;
}

/**
 * Checks `data`'s sizes: `imageSize` and `channels` positive integers, and in each split `count`
 * images (1 to {@link MAX_ONE_SHOT_IMAGES}), `count · imageSize² · channels` pixel values and `count`
 * integer labels. Labels are checked against the network's classes by {@link checkLabels}.
 */
export function checkOneShotData(data: OneShotData): void {
  if (typeof data !== 'object' || data === null) throw invalid([], 'an object with train, validation, imageSize and channels', data);
  const size = positiveInteger(data.imageSize, 'imageSize', 65_536);
  const channels = positiveInteger(data.channels, 'channels', 65_536);
  for (const split of ['train', 'validation'] as const) {
    const set = data[split];
    if (typeof set !== 'object' || set === null) throw invalid([split], 'a split { images, labels, count }', set);
    const count = positiveInteger(set.count, `${split}.count`, MAX_ONE_SHOT_IMAGES);
    if (!(set.images instanceof Float32Array) || set.images.length !== count * size * size * channels) {
      throw invalid([split, 'images'], `a Float32Array of count · imageSize² · channels = ${count * size * size * channels} values`, set.images instanceof Float32Array ? `${set.images.length} values` : set.images);
    }
    if (!(set.labels instanceof Int32Array) || set.labels.length !== count) {
      throw invalid([split, 'labels'], `an Int32Array of count = ${count} labels`, set.labels instanceof Int32Array ? `${set.labels.length} labels` : set.labels);
    }
  }
}

/** Refuses a label the network cannot output: every label must be a class index below `classes`. */
export function checkLabels(data: OneShotData, classes: number): void {
  for (const split of ['train', 'validation'] as const) {
    const labels = data[split].labels;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (label < 0 || label >= classes) throw invalid([split, 'labels', i], `a class index from 0 to ${classes - 1} (the network has ${classes} outputs)`, label);
    }
  }
}
