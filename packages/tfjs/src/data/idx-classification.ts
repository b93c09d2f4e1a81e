/**
 * Image-classification datasets from IDX files, MNIST's layout: an images file of `N × H × W`
 * unsigned bytes and a labels file of `N` unsigned bytes per split. Pixels become float32 in [0, 1],
 * channels-last with one channel, the layout `ClassificationEvaluator` trains on.
 */
import { ArchspaceError } from '@archspace/ir';
import { IdxFormatError } from '../errors.js';
import type { ImageClassificationDataset } from './image-dataset.js';
import { type IdxFile, type IdxReadOptions, failIdx, formatCount, readIdx } from './idx-read.js';
import { type IdxType, hexByte, idxTypeInfo } from './idx-types.js';
import type { ImageSet } from './shapes-dataset.js';

/** The two files of one split, plain JSON. */
export interface IdxSplitFiles {
  /** An IDX file of `N × H × W` uint8 pixels (H = W), gzipped or not. */
  readonly images: string;
  /** An IDX file of `N` uint8 labels, gzipped or not. */
  readonly labels: string;
  /** Keep only the first `limit` images (default: all). */
  readonly limit?: number;
}

/** Options of {@link loadIdxImageSet}. */
export interface IdxImageSetOptions extends IdxSplitFiles, IdxReadOptions {
  /** The number of classes: every label must be below it (default: the largest label + 1). */
  readonly classes?: number;
}

/** One split read from IDX files. */
export interface IdxImageSet extends ImageSet {
  /** Height and width of every image. */
  readonly imageSize: number;
  readonly channels: 1;
  /** The largest label + 1. */
  readonly labelRange: number;
}

/** Options of {@link loadIdxDataset}: plain JSON, so `ClassificationEvaluator` can hold them. */
export interface IdxDatasetOptions extends IdxReadOptions {
  /** Marks these options as IDX files where a dataset may also be procedural. */
  readonly format?: 'idx';
  readonly train: IdxSplitFiles;
  readonly validation: IdxSplitFiles;
  /** One name per class (default `'0'`, `'1'`, … up to the largest label of either split). */
  readonly classNames?: readonly string[];
}

/** Checks that `file` holds `type` values in `rank` dimensions, `what` saying what it should be. */
function expectLayout(file: IdxFile, type: IdxType, rank: number, what: string): void {
  const code = hexByte(idxTypeInfo(type).code);
  if (file.type !== type) {
    failIdx(
      file,
      2,
      'idx-type',
      `${file.type} values (type ${hexByte(idxTypeInfo(file.type).code)}), ${what} holds ${type} (type ${code})`,
      `type ${code}`,
      file.type,
    );
  }
  if (file.shape.length !== rank) {
    failIdx(
      file,
      3,
      'idx-rank',
      `${file.shape.length} dimension${file.shape.length === 1 ? '' : 's'} declared, ${what} has ${rank}`,
      `${rank} dimensions`,
      file.shape.length,
    );
  }
}

function positiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) throw new RangeError(`loadIdxImageSet: ${name} must be a positive integer, got ${String(value)}`);
}

/**
 * Reads one split: images scaled from 0–255 to [0, 1] (float32, `N × size × size × 1`) and their
 * labels. Images and labels of different counts, labels not below `classes`, non-square images,
 * other element types or ranks are `IdxFormatError`s naming the file and the byte offset.
 *
 * @example
 * ```ts
 * const test = loadIdxImageSet({
 *   images: '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz',
 *   labels: '/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz',
 *   limit: 1000,
 * });
 * test.count;     // 1000
 * test.imageSize; // 28
 * ```
 */
export function loadIdxImageSet(options: IdxImageSetOptions): IdxImageSet {
  positiveInteger('limit', options.limit);
  positiveInteger('classes', options.classes);
  const images = readIdx(options.images, options);
  expectLayout(images, 'uint8', 3, 'an image file (count × height × width)');
  const labels = readIdx(options.labels, options);
  expectLayout(labels, 'uint8', 1, 'a label file (count)');
  const [available, height, width] = images.shape as [number, number, number];
  if (height !== width) {
    failIdx(
      images,
      8,
      'idx-image-shape',
      `images of ${height}×${width} pixels declared, square images expected`,
      'equal height and width',
      [height, width],
    );
  }
  if (labels.shape[0] !== available) {
    failIdx(
      labels,
      4,
      'idx-count',
      `${formatCount(labels.shape[0]!)} labels declared, but ${images.file} holds ${formatCount(available)} images`,
      `${available} labels, one per image`,
      labels.shape[0],
    );
  }
  const count = Math.min(options.limit ?? available, available);
  const out = new Int32Array(count);
  let labelRange = 0;
  for (let i = 0; i < count; i++) {
    const label = labels.data[i]!;
    if (options.classes !== undefined && label >= options.classes) {
      failIdx(
        labels,
        labels.dataOffset + i,
        'idx-label',
        `label ${label} (image ${i}), but there are ${options.classes} classes (0 to ${options.classes - 1})`,
        `a label below ${options.classes}`,
        label,
      );
    }
    out[i] = label;
    labelRange = Math.max(labelRange, label + 1);
  }
  const pixels = new Float32Array(count * height * width);
  const bytes = images.data as Uint8Array;
  for (let i = 0; i < pixels.length; i++) pixels[i] = bytes[i]! / 255;
  return { images: pixels, labels: out, count, imageSize: height, channels: 1, labelRange };
}

/**
 * Checks the shape of IDX dataset options without reading the files: both splits name their two
 * files, limits are positive integers, class names are strings. Throws an `ArchspaceError` naming
 * the option.
 */
export function checkIdxDatasetOptions(options: IdxDatasetOptions): void {
  const bad = (path: (string | number)[], expected: string, received: unknown): never => {
    throw new ArchspaceError({ code: 'invalid-option', path: ['dataset', ...path], expected, received });
  };
  for (const split of ['train', 'validation'] as const) {
    const files: unknown = options[split];
    if (typeof files !== 'object' || files === null) bad([split], '{ images, labels, limit? }', files);
    const { images, labels, limit } = files as Partial<IdxSplitFiles>;
    if (typeof images !== 'string' || images === '') bad([split, 'images'], 'the path of an IDX images file', images);
    if (typeof labels !== 'string' || labels === '') bad([split, 'labels'], 'the path of an IDX labels file', labels);
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) bad([split, 'limit'], 'a positive integer', limit);
  }
  const names: unknown = options.classNames;
  if (names !== undefined && (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string'))) bad(['classNames'], 'a non-empty array of strings', names);
}

/**
 * Reads a training and a validation split from IDX files into the dataset `ClassificationEvaluator`
 * trains on. Both splits must hold images of one size; every label must have a class name.
 *
 * @example
 * ```ts
 * const data = loadIdxDataset({
 *   train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz', limit: 5000 },
 *   validation: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', limit: 1000 },
 * });
 * data.classNames; // ['0', '1', …, '9']
 * ```
 */
export function loadIdxDataset(options: IdxDatasetOptions): ImageClassificationDataset {
  checkIdxDatasetOptions(options);
  const classes = options.classNames?.length;
  const read = { ...(classes !== undefined ? { classes } : {}), ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) };
  const train = loadIdxImageSet({ ...options.train, ...read });
  const validation = loadIdxImageSet({ ...options.validation, ...read });
  if (validation.imageSize !== train.imageSize) {
    throw new IdxFormatError({
      code: 'idx-image-shape',
      file: options.validation.images,
      offset: 8,
      message: `${options.validation.images}: byte 8: images of ${validation.imageSize}×${validation.imageSize} pixels, but the training images (${options.train.images}) are ${train.imageSize}×${train.imageSize}`,
      expected: `${train.imageSize}×${train.imageSize} images`,
      received: validation.imageSize,
    });
  }
  const classNames = options.classNames ?? Array.from({ length: Math.max(train.labelRange, validation.labelRange) }, (_, i) => String(i));
  return { train, validation, classNames: [...classNames], imageSize: train.imageSize, channels: 1 };
}
