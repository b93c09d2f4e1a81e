/** Lowering of model spaces to the graph IR, and applying samples to lowered models. */
export { DecisionMutator, type ValueSampler, isEnumerable } from './decision-mutator.js';
export { type FlatModel, type FlatNode, type FlatRef, flattenModel } from './flatten-model.js';
export { historyValues, valueOfHistory } from './history-values.js';
export { InputChoiceMutator } from './input-choice-mutator.js';
export { LayerChoiceMutator } from './layer-choice-mutator.js';
export { RepeatMutator } from './repeat-mutator.js';
export { type ParameterBinding, RESOLVE_LABEL, type RebuildBinding, ResolveMutator } from './resolve-mutator.js';
export { type LoweredSpace, SampleSampler, applySample, toModel } from './to-model.js';
