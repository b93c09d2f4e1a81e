/**
 * @archspace/experiment — experiments: the trial API, the manager that runs trials as local
 * processes, the SQLite store, the REST API, the client, the CLI and the serializer.
 */
export * from './records.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  MAX_BIGINT_DIGITS,
  DEFAULT_MAX_BIGINT_DIGITS,
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
export { ExperimentManager, type ManagerMode, type ManagerParts, type ManagerSettings } from './manager/experiment-manager.js';
export { acquireManagerLock, isManagerRunning, type ManagerLock, type AcquireOptions, LOCK_FILE } from './manager/manager-lock.js';
export { type RecoveryReport } from './manager/recover-trials.js';
export { LocalTrainingService, type LocalTrainingServiceOptions, type TrialProcessSpec, trialEnvironment } from './training-service/local-training-service.js';
export { GpuScheduler, type GpuRequest, type GpuSchedulerOptions } from './training-service/gpu-scheduler.js';
export { planGpus, type GpuSettings } from './training-service/gpu-plan.js';
export { detectGpus, type DetectedGpu, type GpuDetection, type GpuDetector } from './training-service/gpu-detection.js';
export { type RunningTrial, type TrainingService, type TrialExit, type TrialLaunch } from './training-service/training-service.js';
export { RedisTrainingService, type RedisTrainingServiceOptions } from './redis/redis-training-service.js';
export { TrialWorker, type TrialWorkerOptions } from './redis/trial-worker.js';
export { type RedisSettings, REDIS_CONNECT_DEADLINE_MS } from './redis/redis-connection.js';
export { startRestServer, type RestServer, type RestServerOptions } from './rest/rest-server.js';
export { createRestApp, normalizeUrlPrefix, API_BASES, type RestAppOptions, type TrialListingText } from './rest/rest-app.js';
export { type DashboardSource, isDashboardSource } from './rest/dashboard-source.js';
export { type ExperimentOverview, experimentOverview } from './rest/experiment-overview.js';
export { type TrialSummary, trialSummary } from './rest/trial-summary.js';
export { type TrialDetail, type IntermediatePoint } from './rest/trial-detail.js';
export { type TrialColumns } from './rest/trial-columns.js';
export { IMPORTANCE_BINS, IMPORTANCE_METHOD, type LabelImportance, type ScoredSample, parameterImportance } from './rest/parameter-importance.js';
export { ASSET_CACHE, DASHBOARD_CSP, dashboardStatic } from './rest/dashboard-static.js';
export { type ExperimentEvent, ExperimentEvents, type ExperimentListener } from './manager/experiment-events.js';
export { findDashboardAssets } from './launch/find-dashboard-assets.js';
export { generateToken, isLoopbackHost } from './rest/auth.js';
export { type BodyRoute, type MaxBodyBytes, DEFAULT_MAX_BODY_BYTES } from './rest/request-body.js';
export { openTrialFile } from './manager/trial-file.js';
export { RestError, statusForErrorCode, type RestErrorBody } from './rest/rest-error.js';
export { Experiment, type ExperimentClientOptions, type TrialFileName } from './client/experiment.js';
export { ExperimentClientError } from './client/client-error.js';
export { waitForReady, type WaitForReadyOptions } from './client/wait-for-ready.js';
export type { TransportOptions } from './client/rest-client.js';
export { decodeMetric, type TrialJob, type TrialHyperParameters, type TrialMetricData, type TrialResult } from './client/trial-records.js';
export { resolveEndpoint } from './client/endpoint.js';
export type { ExperimentStore, ExperimentPatch, TrialPatch, TrialQuery, MetricQuery } from './store/experiment-store.js';
export { TRIAL_SORT_KEYS, type TrialPage, type TrialPageQuery, type TrialSortKey, type TrialSummaryRow } from './store/trial-page.js';
export { StoreError } from './store/store-error.js';
export { MemoryStore } from './store/memory-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite-store.js';
export { ConfigError, type ConfigErrorDetails, type SourceLocation, formatLocation } from './config/config-error.js';
export { parseDuration, durationSeconds, DURATION_EXPECTED } from './config/duration.js';
export {
  type ExperimentConfig,
  type ExperimentType,
  type LogLevel,
  LOG_LEVELS,
  type TunerConfig,
  type TunerName,
  type AssessorConfig,
  type AssessorName,
  type LocalTrainingServiceConfig,
  type RedisTrainingServiceConfig,
  type TrainingServiceConfig,
} from './config/experiment-config.js';
export { parseExperimentConfig, loadExperimentConfig, type ParseConfigOptions, type LoadConfigOptions, DEFAULT_WORKING_DIRECTORY } from './config/parse-experiment-config.js';
export { type ConfigLimits, DEFAULT_CONFIG_LIMITS, DEEPEST_ALLOWED_DEPTH } from './config/config-limits.js';
export { checkWorkingDirectory } from './config/working-directory.js';
export { checkExperimentId, EXPERIMENT_ID_EXPECTED } from './launch/experiment-id.js';
export { createTuner, createAssessor } from './config/create-strategy.js';
export {
  type CodeDefinedParts,
  type LaunchOptions,
  type LaunchedExperiment,
  MANAGER_FILE,
  type ManagerAddress,
  STORE_FILE,
  experimentDir,
  listExperimentIds,
  resumeExperiment,
  startExperiment,
  viewExperiment,
} from './launch/launch-experiment.js';
export { type NasExperimentSpec, nasTrialCommand, resumeNasExperiment, startNasExperiment } from './launch/nas-experiment.js';
export { progressText, showProgress } from './cli/progress-line.js';
export { ManagedExperiment } from './client/managed-experiment.js';
export { annotateTree, SEARCH_SPACE_FILE, type AnnotateOptions, type AnnotateResult } from './annotation/annotate-tree.js';
export { AnnotationError, type SourcePosition } from './annotation/annotation-error.js';
