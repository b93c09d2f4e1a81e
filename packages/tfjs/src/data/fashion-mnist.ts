/**
 * Fashion-MNIST (Zalando's 28×28 grayscale clothing images, 60,000 for training and 10,000 for
 * testing, ten classes) where Debian's `dataset-fashion-mnist` package puts it, or in a folder given
 * by `ARCHSPACE_FASHION_MNIST` or the caller. Nothing is downloaded.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import type { IdxDatasetOptions } from './idx-classification.js';

/** Where `apt-get install dataset-fashion-mnist` puts the four gzipped IDX files. */
export const DEBIAN_FASHION_MNIST_FOLDER = '/usr/share/datasets/fashion-mnist';

/** The ten Fashion-MNIST classes, in label order. */
export const FASHION_MNIST_CLASSES = Object.freeze(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const);

/** The files' names in the original distribution (and Debian's), without `.gz`. */
const FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Options of {@link fashionMnist}. */
export interface FashionMnistOptions {
  /** The folder of the four files (default `$ARCHSPACE_FASHION_MNIST`, else {@link DEBIAN_FASHION_MNIST_FOLDER}). */
  readonly folder?: string;
  /** Train on the first this many of the 60,000 training images (default all). */
  readonly trainLimit?: number;
  /** Validate on the first this many of the 10,000 test images (default all). */
  readonly validationLimit?: number;
}

/** The folder searched when none is given. */
export function defaultFashionMnistFolder(): string {
  return process.env.ARCHSPACE_FASHION_MNIST || DEBIAN_FASHION_MNIST_FOLDER;
}

/** The path of file `name` in `folder`: gzipped if that exists, otherwise as is. */
function pathOf(folder: string, name: string): string {
  const gzipped = join(folder, `${name}.gz`);
  return existsSync(gzipped) ? gzipped : join(folder, name);
}

/**
 * Why Fashion-MNIST cannot be read from `folder` — which file is missing and how to install it — or
 * `undefined` when all four files are there.
 */
export function fashionMnistMissing(folder: string = defaultFashionMnistFolder()): string | undefined {
  const missing = Object.values(FILE_NAMES).filter((name) => !existsSync(pathOf(folder, name)));
  if (missing.length === 0) return undefined;
  return (
    `Fashion-MNIST is missing: ${missing.map((name) => `${name}(.gz)`).join(', ')} not found in ${folder}. ` +
    'Install it with "apt-get install dataset-fashion-mnist" (Debian; npm test does it when run as root), ' +
    'or set ARCHSPACE_FASHION_MNIST to a folder holding the four IDX files.'
  );
}

/**
 * The dataset options of Fashion-MNIST (the 60,000 training images to train, the 10,000 test images
 * to validate) for `loadIdxDataset` or `ClassificationEvaluator`'s `dataset`. Throws, saying how to
 * install it, when the files are missing.
 *
 * @example
 * ```ts
 * const evaluator = new ClassificationEvaluator({ dataset: fashionMnist({ trainLimit: 5000, validationLimit: 1000 }) });
 * ```
 */
export function fashionMnist(options: FashionMnistOptions = {}): IdxDatasetOptions & { readonly format: 'idx' } {
  const folder = options.folder ?? defaultFashionMnistFolder();
  const missing = fashionMnistMissing(folder);
  if (missing !== undefined) throw new ArchspaceError({ code: 'dataset-missing', message: missing, expected: 'the four Fashion-MNIST IDX files', received: folder });
  const limit = (value: number | undefined) => (value === undefined ? {} : { limit: value });
  return {
    format: 'idx',
    train: { images: pathOf(folder, FILE_NAMES.trainImages), labels: pathOf(folder, FILE_NAMES.trainLabels), ...limit(options.trainLimit) },
    validation: { images: pathOf(folder, FILE_NAMES.testImages), labels: pathOf(folder, FILE_NAMES.testLabels), ...limit(options.validationLimit) },
    classNames: [...FASHION_MNIST_CLASSES],
  };
}
