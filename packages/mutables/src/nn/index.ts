/**
 * The module level of archspace: modules, symbolic tensors, tracing, the choice modules and the op
 * catalogue (gathered in the `nn` namespace: `nn.Conv2d`, `nn.add`...).
 */
export { AutoActivation, type AutoActivationOptions } from './auto-activation.js';
export { BINARY_FUNCTIONS, BinaryOp, type BinaryFunction, UNARY_FUNCTIONS, UnaryOp, type UnaryFunction } from './auto-activation-ops.js';
export { Cell, type CellOpCandidates, type CellOpFactory, type CellOptions, type CellPostprocessor, type CellPreprocessor, looseEnds } from './cell.js';
export { CHOSEN_INPUTS, ChosenInputs, REDUCTIONS, type Reduction } from './chosen-inputs.js';
export { cloneModule } from './clone-module.js';
export { InputChoice, type InputChoiceOptions } from './input-choice.js';
export { LayerChoice, type LayerChoiceOptions } from './layer-choice.js';
export { ModelParameterCollector, modelParameterChoice, type ModelParameterChoiceOptions } from './model-parameter-choice.js';
export { type ModelCosts, type ModelCostsOptions, modelCosts } from './model-costs.js';
export { ModelSpace } from './model-space.js';
export { Module, type ModuleMember, materializeValue } from './module.js';
export { ModuleDecision } from './module-decision.js';
export { NasBench101Cell, type NasBench101CellOptions, type NasBench101OpFactory, type NasBench101Projection } from './nasbench101-cell.js';
export { FrozenNasBench101Cell, TRUNCATE, nasBench101VertexChannels } from './nasbench101-frozen-cell.js';
export { NasBench201Cell, type NasBench201CellOpFactory, type NasBench201CellOptions, nasBench201EdgeLabel } from './nasbench201-cell.js';
export { type OpDefinition, Op, type Resolved, ShapeError, applyOp, defineOp, opDefinition, opTypes, resolveParams } from './op.js';
export { PLACEHOLDER, Placeholder } from './placeholder.js';
export { GraphRecord, type RecordedNode, Recorder, activeRecorder } from './recorder.js';
export { Repeat, type RepeatBlocks, type RepeatDepth, type RepeatOptions } from './repeat.js';
export { type Dim, type Shape, Tensor, type TensorSource, isTensor } from './tensor.js';
export { ROOT_GRAPH, TracedModel, trace } from './trace.js';
export * as nn from './ops/index.js';
