/**
 * What `ClassificationEvaluator` trains on: a training and a validation split of square images with
 * their class labels. The procedural shapes dataset and IDX files (MNIST, Fashion-MNIST) both give it.
 */
import type { ImageSet } from './shapes-dataset.js';

/** An image-classification dataset: two splits of `imageSize × imageSize × channels` images (NHWC). */
export interface ImageClassificationDataset {
  readonly train: ImageSet;
  readonly validation: ImageSet;
  /** One name per class, in label order. */
  readonly classNames: readonly string[];
  readonly imageSize: number;
  readonly channels: number;
}
