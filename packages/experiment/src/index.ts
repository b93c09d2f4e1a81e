/**
 * @archspace/experiment — experiments: the trial API, the manager that runs trials as local
 * processes, the SQLite store, the REST API, the client, the CLI and the serializer.
 */
export * from './records.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  MAX_BIGINT_DIGITS,
  SerializationError,
  SymbolRegistry,
  TraceRecord,
  TracedValue,
  defaultRegistry,
  dump,
  isTraceable,
  isWrappedWithTrace,
  load,
  trace,
  type DumpOptions,
  type LoadOptions,
  type SerializationErrorCode,
  type SerializationErrorDetails,
  type SizeLimits,
  type SymbolIdentity,
  type SymbolKind,
  type Traceable,
  type TraceOptions,
  type TracedClass,
  type TracedFunction,
  type TracedInstance,
  type TracedResult,
} from './serializer/index.js';
export {
  checkMetric,
  getCurrentParameter,
  getExperimentId,
  getNextParameter,
  getNextParameters,
  getSequenceId,
  getTrialId,
  isUnderExperiment,
  reportFinalResult,
  reportIntermediateResult,
} from './trial/trial-api.js';
export { type MetricLine, type ParameterRecord, TRIAL_ENV, TRIAL_FILES } from './trial/trial-env.js';
export { type EvaluationContext, type ModelEvaluator, isModelEvaluator } from './nas/evaluator.js';
export { type NasTrialParameters, runNasTrial } from './nas/nas-trial.js';
export { ExperimentManager, type ManagerMode, type ManagerParts, type ManagerSettings, durationSeconds } from './manager/experiment-manager.js';
export { LocalTrainingService, type RunningTrial, type TrialExit, type TrialProcessSpec } from './training-service/local-training-service.js';
