/**
 * The canonical experiment config: what `parseExperimentConfig` returns and the store keeps. Every
 * default is filled in, every path is absolute, every duration is in seconds, and the tuner's and
 * assessor's `classArgs` use archspace's option names (with the strategy's own defaults filled in).
 */
import type {
  AnnealOptions,
  BOHBOptions,
  CurveFittingOptions,
  Direction,
  GridSearchOptions,
  HyperbandOptions,
  MedianStopOptions,
  NaiveEvolutionOptions,
  PolicyBasedRLOptions,
  RandomOptions,
  RegularizedEvolutionOptions,
  LocalSearchOptions,
  MetricConstraint,
  NSGA2Options,
  Objective,
  TPEOptions,
} from '@archspace/strategies';

/** Whether the experiment searches hyper-parameters (a search-space JSON) or architectures (a model space in code). */
export type ExperimentType = 'hpo' | 'nas';

/** How much the experiment logs. */
export type LogLevel = 'fatal' | 'error' | 'warning' | 'info' | 'debug' | 'trace';

/** Every log level, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warning', 'info', 'debug', 'trace'];

/** LocalSearch's options as a config gives them: a canonical key by name (`"nasbench201"`), not a function. */
export type LocalSearchConfigOptions = Omit<LocalSearchOptions, 'canonicalKey'> & { readonly canonicalKey?: 'nasbench201' };

/** Options every tuner and assessor has: whether a larger metric is better. */
interface WithDirection {
  /** `'maximize'` (the default) or `'minimize'`; the reference's `optimize_mode`. */
  readonly direction: Direction;
}

/** The tuner (search strategy) and its options, by archspace's name. */
export type TunerConfig =
  | { readonly name: 'Random'; readonly classArgs: RandomOptions & WithDirection }
  | { readonly name: 'GridSearch'; readonly classArgs: GridSearchOptions & WithDirection }
  | { readonly name: 'TPE'; readonly classArgs: TPEOptions & WithDirection }
  | { readonly name: 'RegularizedEvolution'; readonly classArgs: Omit<RegularizedEvolutionOptions, 'canonicalKey'> & { readonly canonicalKey?: 'nasbench201' } & WithDirection }
  | { readonly name: 'Hyperband'; readonly classArgs: HyperbandOptions & WithDirection }
  | { readonly name: 'BOHB'; readonly classArgs: BOHBOptions & WithDirection }
  | { readonly name: 'PolicyBasedRL'; readonly classArgs: PolicyBasedRLOptions & WithDirection }
  | { readonly name: 'LocalSearch'; readonly classArgs: LocalSearchConfigOptions & WithDirection }
  | { readonly name: 'Anneal'; readonly classArgs: AnnealOptions & WithDirection }
  | { readonly name: 'NaiveEvolution'; readonly classArgs: NaiveEvolutionOptions & WithDirection }
  | { readonly name: 'Batch'; readonly classArgs: WithDirection }
  | { readonly name: 'NSGA2'; readonly classArgs: NSGA2Options & WithDirection };

/** A tuner's name in the canonical config. */
export type TunerName = TunerConfig['name'];

/** The assessor (early stopping) and its options, by the reference's name. */
export type AssessorConfig =
  | { readonly name: 'Medianstop'; readonly classArgs: MedianStopOptions & WithDirection }
  | { readonly name: 'Curvefitting'; readonly classArgs: CurveFittingOptions & WithDirection };

/** An assessor's name in the canonical config. */
export type AssessorName = AssessorConfig['name'];

/** Where trials run: processes on this machine (the default). */
export interface LocalTrainingServiceConfig {
  readonly platform: 'local';
  /**
   * Whether trials may be given GPUs other processes compute on. Unset: no, when `nvidia-smi` can
   * tell; without `nvidia-smi` nothing is known busy. `false` without `nvidia-smi` is refused at start.
   */
  readonly useActiveGpu?: boolean;
  /** How many trials may share one GPU (default 1; other values need `trialGpuNumber` > 0). */
  readonly maxTrialNumberPerGpu: number;
  /** The GPUs trials may be given (default: every GPU `nvidia-smi` shows). */
  readonly gpuIndices?: readonly number[];
}

/** Where trials run: `archspace worker` processes on any machine, fed through a Redis queue. */
export interface RedisTrainingServiceConfig {
  readonly platform: 'redis';
  /** `redis://[user[:password]@]host[:port][/db]`, or `rediss://…` for TLS. */
  readonly url: string;
  /** The queue the workers read (`archspace worker --queue`). */
  readonly queue: string;
  readonly password?: string;
  readonly username?: string;
  /** `true` for TLS with the system's certificate authorities, or TLS options. */
  readonly tls?: boolean | { readonly rejectUnauthorized?: boolean; readonly ca?: string; readonly servername?: string };
  /** How many more times a trial whose worker was lost runs before it is FAILED (default 0). */
  readonly maxTrialRetries: number;
}

/** Where trials run. */
export type TrainingServiceConfig = LocalTrainingServiceConfig | RedisTrainingServiceConfig;

/**
 * A validated experiment config with every default filled in.
 *
 * @example
 * ```ts
 * const config = parseExperimentConfig({ searchSpace, trialCommand: 'node trial.js', trialConcurrency: 2, tuner: { name: 'TPE' } });
 * config.tuner?.classArgs.direction; // 'maximize'
 * config.trialCodeDirectory;         // an absolute path
 * ```
 */
export interface ExperimentConfig {
  readonly experimentName?: string;
  /** Default `'hpo'`. */
  readonly experimentType: ExperimentType;
  /**
   * The search-space JSON (inline, or read from `searchSpaceFile`, which the canonical config does
   * not keep). Always present for `'hpo'`; for `'nas'` the model space usually comes from code.
   */
  readonly searchSpace?: Readonly<Record<string, unknown>>;
  /** The command that runs one trial, in `trialCodeDirectory`. */
  readonly trialCommand: string;
  /** Absolute. */
  readonly trialCodeDirectory: string;
  /**
   * Present (true) when the trial code declares its search space in annotations: the experiment
   * precompiles `trialCodeDirectory` into its own folder before the first trial, and its trials run there.
   */
  readonly useAnnotation?: true;
  /** Trials running at once. */
  readonly trialConcurrency: number;
  /**
   * GPUs each trial needs. `n` > 0: a trial waits (WAITING) until `n` GPUs are free and runs with
   * `CUDA_VISIBLE_DEVICES` naming them; 0: trials run with `CUDA_VISIBLE_DEVICES` empty (no GPU);
   * unset: trials see whatever GPUs the manager's environment shows.
   */
  readonly trialGpuNumber?: number;
  /** Trials to run at most. */
  readonly maxTrialNumber?: number;
  /** Seconds the experiment may run. */
  readonly maxExperimentDuration?: number;
  /** Seconds a trial may run; a trial running longer is stopped and marked FAILED. */
  readonly maxTrialDuration?: number;
  /** Always present for `'hpo'`; for `'nas'` the strategy may come from code. */
  readonly tuner?: TunerConfig;
  readonly assessor?: AssessorConfig;
  readonly trainingService: TrainingServiceConfig;
  /** Absolute; experiments get a folder each inside it. */
  readonly experimentWorkingDirectory: string;
  /** The seed of the strategy's random draws. */
  readonly seed?: number | string;
  /** Default false. */
  readonly debug: boolean;
  /** Default `'info'`, or `'debug'` when `debug` is set. */
  readonly logLevel: LogLevel;
  /**
   * The metrics a multi-objective experiment searches, read by name from each trial's final result
   * (`{ default: 0.93, flops: 41 }`; a plain number is `{ default: n }`). The first objective's
   * direction is the tuner's. Absent: the experiment searches the final result's one number.
   */
  readonly objectives?: readonly Objective[];
  /** Bounds on metrics of the final result (with `objectives`): a trial breaking one is infeasible. */
  readonly constraints?: readonly MetricConstraint[];
}
