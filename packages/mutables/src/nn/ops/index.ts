/** The op catalogue, gathered as the `nn` namespace. */
export { ReLU, Sigmoid, Tanh, RELU, SIGMOID, TANH } from './activations.js';
export type { NumberOrChoice } from './arguments.js';
export { BATCHNORM2D, BatchNorm2d, type BatchNorm2dOptions, type BatchNorm2dParams } from './batchnorm.js';
export { CONV2D, Conv2d, type Conv2dOptions, type Conv2dParams, slidingOutput } from './conv2d.js';
export {
  DARTS_OPS,
  DARTS_OP_NAMES,
  type DartsOpFactory,
  type DartsOpName,
  type DartsOpOptions,
  DilConv,
  PoolBN,
  SepConv,
  StdConv,
} from './darts-ops.js';
export { DROPOUT, Dropout, type DropoutParams } from './dropout.js';
export { FLATTEN, Flatten, type FlattenOptions, type FlattenParams } from './flatten.js';
export { IDENTITY, Identity } from './identity.js';
export { LINEAR, Linear, type LinearOptions, type LinearParams } from './linear.js';
export { ADD, CONCAT, add, concat } from './merge.js';
export {
  type NasBench201Arch,
  NasBench201FrozenCell,
  type NasBench201FrozenCellOptions,
  nasBench201FrozenCell,
  parseNasBench201Arch,
} from './nasbench201-frozen-cell.js';
export {
  FactorizedReduce,
  NASBENCH201_OPS,
  NASBENCH201_OP_NAMES,
  type NasBench201OpFactory,
  type NasBench201OpName,
  type NasBench201OpOptions,
  Pooling,
  ReLUConvBN,
  ResNetBasicBlock,
} from './nasbench201-ops.js';
export {
  ADAPTIVEAVGPOOL2D,
  AVGPOOL2D,
  AdaptiveAvgPool2d,
  type AdaptiveAvgPool2dParams,
  AvgPool2d,
  type AvgPool2dOptions,
  type AvgPool2dParams,
  MAXPOOL2D,
  MaxPool2d,
  type MaxPool2dOptions,
  type MaxPool2dParams,
} from './pooling.js';
export { Sequential } from './sequential.js';
export { ZERO, Zero, type ZeroOptions, type ZeroParams } from './zero.js';
