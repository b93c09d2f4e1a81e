/**
 * @archspace/tfjs — train sampled architectures for real with TensorFlow.js: compile a frozen
 * architecture into a `tf.LayersModel`, train and score it with a seeded classification evaluator on
 * a procedurally drawn image dataset, and choose the backend.
 */
export {
  ARCHSPACE_BACKENDS,
  type ArchspaceBackend,
  TF_BACKEND_CHOICES,
  type TfBackend,
  type TfBackendChoice,
  activeTfBackend,
  getDefaultBackend,
  getDefaultTfBackend,
  setDefaultBackend,
  setDefaultTfBackend,
  useTfBackend,
  wasmBinaryFolder,
} from './backend.js';
export { type CompileOptions, type CompileSource, compileModel, toFlatModel, trainableParameterCount } from './compile/compile-model.js';
export { supportedOpTypes } from './compile/op-compilers.js';
export { BackendDisabledError, CompileError, UnsupportedOpError } from './errors.js';
export { tf, tfl } from './tf.js';
export { type ClassificationEvaluatorOptions, type EvaluationContext, type EvaluationRecord } from './evaluator/classification-evaluator.js';
export { ClassificationEvaluator } from './evaluator/traced-classification-evaluator.js';
export {
  type ImageSet,
  SHAPE_CLASSES,
  type ShapeClass,
  type ShapesDataset,
  type ShapesDatasetOptions,
  imageBatch,
  makeShapesDataset,
} from './data/shapes-dataset.js';
