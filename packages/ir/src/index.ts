export {
  ArchspaceError,
  ConstraintViolation,
  DuplicationError,
  GraphError,
  InvalidMutation,
  IrFormatError,
  ModelStatusError,
  SampleMissingError,
  SampleValidationError,
  SearchSpaceError,
  describeValue,
  formatPath,
  type ErrorDetails,
} from './errors.js';
export { Edge, type EdgeHandle, type EdgeRef, type Endpoint, type Slot } from './edge.js';
export { Graph } from './graph.js';
export { toGraphlib } from './graphlib-adapter.js';
export {
  dumpModel,
  loadModel,
  type EdgeIr,
  type EndpointIr,
  type GraphIr,
  type ModelIr,
  type NodeIr,
  type OperationIr,
} from './ir-json.js';
export { jsonEqual, type JsonObject, type JsonPrimitive, type JsonValue } from './json-value.js';
export { lintModel } from './lint.js';
export { Model, type Metric, type ModelOptions } from './model.js';
export { ModelEditor, type GraphOptions, type RemoveNodeOptions } from './model-editor.js';
export { modelsEqual } from './model-equality.js';
export { ModelStatus, allowedTransitions, assertTransition, isModelStatus } from './model-status.js';
export { applyMutators, dryRunMutators, type SearchSpaceEntry } from './mutator-sequence.js';
export { Mutator, type DryRunResult } from './mutator.js';
export { Node, type NodeHandle, type NodeOptions, type NodeRef } from './node.js';
export { CELL_TYPE, INPUTS_TYPE, OUTPUTS_TYPE, Operation, type OperationDraft, type OperationOptions } from './operation.js';
export { INPUT_NODE_NAME, OUTPUT_NODE_NAME, ROOT_GRAPH, type Mutation } from './records.js';
export { FirstCandidateSampler, FixedSampler, type Sampler } from './sampler.js';
