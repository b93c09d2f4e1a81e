/**
 * @archspace/tfjs — train sampled architectures for real with TensorFlow.js: compile a frozen
 * architecture into a `tf.LayersModel`, train and score it with a seeded classification evaluator on
 * a procedurally drawn image dataset or on IDX files (MNIST, Fashion-MNIST), and choose the backend.
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
export { BackendDisabledError, CompileError, IdxFormatError, type IdxErrorDetails, UnsupportedOpError } from './errors.js';
export { tf, tfl } from './tf.js';
export { type ClassificationEvaluatorOptions, type EvaluationContext, type EvaluationRecord } from './evaluator/classification-evaluator.js';
export { ClassificationEvaluator } from './evaluator/traced-classification-evaluator.js';
export { FusedAdamOptimizer } from './evaluator/fused-adam.js';
export {
  type ImageSet,
  SHAPE_CLASSES,
  type ShapeClass,
  type ShapesDataset,
  type ShapesDatasetOptions,
  imageBatch,
  makeShapesDataset,
} from './data/shapes-dataset.js';
export { type ImageClassificationDataset } from './data/image-dataset.js';
export { IDX_TYPE_CODES, type IdxArray, type IdxArrays, type IdxData, type IdxType, type IdxTypeInfo } from './data/idx-types.js';
export { DEFAULT_IDX_MAX_BYTES, type IdxFile, type IdxReadOptions, decodeIdx, readIdx } from './data/idx-read.js';
export { encodeIdx } from './data/idx-encode.js';
export {
  type IdxDatasetOptions,
  type IdxImageSet,
  type IdxImageSetOptions,
  type IdxSplitFiles,
  checkIdxDatasetOptions,
  loadIdxDataset,
  loadIdxImageSet,
} from './data/idx-classification.js';
export {
  DEBIAN_FASHION_MNIST_FOLDER,
  FASHION_MNIST_CLASSES,
  type FashionMnistOptions,
  defaultFashionMnistFolder,
  fashionMnist,
  fashionMnistMissing,
} from './data/fashion-mnist.js';
export { OneShotError } from './oneshot/one-shot-error.js';
export { type OneShotData, type OneShotEpoch, type OneShotOptions, type OneShotResult, oneShot } from './oneshot/one-shot.js';
export { type OneShotBatch, type OneShotContext, type OneShotStrategy } from './oneshot/one-shot-strategy.js';
export { type PathSetting, Supernet, type SupernetChoice, type SupernetOptions } from './oneshot/supernet.js';
export { Darts, type DartsOptions } from './oneshot/darts.js';
export { RandomOneShot, type RandomOneShotOptions } from './oneshot/random-one-shot.js';
export { GumbelDarts, type GumbelDartsOptions } from './oneshot/gumbel-darts.js';
export { Proxyless, type ProxylessOptions } from './oneshot/proxyless.js';
export { type LogitOptions, type LogitSettings, LogitStrategy } from './oneshot/logit-strategy.js';
export { ArchitectureLogits, type GumbelDraw } from './oneshot/architecture-logits.js';
export { Enas, type EnasOptions } from './oneshot/enas.js';
