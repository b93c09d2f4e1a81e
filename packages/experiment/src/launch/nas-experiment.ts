/**
 * Multi-trial NAS as an experiment: a model space, a traced evaluator and a strategy. Each trial
 * process receives the frozen architecture as IR JSON and the evaluator through the serializer, and
 * imports only the modules the caller names (so their `trace()` registrations exist there).
 */
import { fileURLToPath } from 'node:url';
import { dumpModel } from '@archspace/ir';
import { applySample, type Module, type Sample, type Shape, toModel } from '@archspace/mutables';
import type { Strategy } from '@archspace/strategies';
import { parseExperimentConfig } from '../config/parse-experiment-config.js';
import type { ModelEvaluator } from '../nas/evaluator.js';
import type { NasTrialParameters } from '../nas/nas-trial.js';
import { dump } from '../serializer/index.js';
import { TRIAL_ENV } from '../trial/trial-env.js';
import { type LaunchedExperiment, type LaunchOptions, resumeExperiment, startExperiment } from './launch-experiment.js';

/** What a NAS experiment searches and how. */
export interface NasExperimentSpec {
  readonly space: Module;
  /** The shapes of the model's inputs, for lowering (e.g. `[[null, 3, 32, 32]]`). */
  readonly inputShapes: readonly Shape[];
  /** An evaluator made from a class wrapped by `trace()`. */
  readonly evaluator: ModelEvaluator;
  readonly strategy: Strategy;
  /** Modules (paths or package names) the trial imports before loading the evaluator. */
  readonly imports: readonly string[];
  /** The rest of the experiment config (trialConcurrency, maxTrialNumber, seed, experimentWorkingDirectory…). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** The command that runs one NAS trial. */
export function nasTrialCommand(): string {
  // From src/launch or dist/launch alike: the compiled runner in the package's dist folder.
  const script = fileURLToPath(new URL('../../dist/nas/nas-trial-main.js', import.meta.url));
  return `"${process.execPath}" "${script}"`;
}

function codeParts(spec: NasExperimentSpec) {
  const { model, mutators } = toModel(spec.space, spec.inputShapes);
  const evaluator = dump(spec.evaluator);
  return {
    space: spec.space,
    strategy: spec.strategy,
    parametersOf: (sample: Sample): NasTrialParameters => ({ model: dumpModel(applySample(model, mutators, sample)), evaluator, sample }),
    env: { [TRIAL_ENV.imports]: spec.imports.join(',') },
  };
}

function nasConfig(spec: NasExperimentSpec) {
  return parseExperimentConfig({ trialCodeDirectory: process.cwd(), ...spec.config, experimentType: 'nas', trialCommand: nasTrialCommand() });
}

/**
 * Starts a multi-trial NAS experiment.
 *
 * @example
 * ```ts
 * const experiment = await startNasExperiment({
 *   space: Net.create(), inputShapes: [[null, 3, 16, 16]], evaluator: new ClassificationEvaluator({ epochs: 2 }),
 *   strategy: new RegularizedEvolution({ populationSize: 6, sampleSize: 3 }), imports: ['@archspace/tfjs'],
 *   config: { trialConcurrency: 2, maxTrialNumber: 20 },
 * });
 * await experiment.done;
 * ```
 */
export async function startNasExperiment(spec: NasExperimentSpec, options: LaunchOptions & { id?: string } = {}): Promise<LaunchedExperiment> {
  return startExperiment(nasConfig(spec), options, codeParts(spec));
}

/** Resumes a NAS experiment: the space, evaluator and strategy come from code again. */
export async function resumeNasExperiment(dir: string, spec: Omit<NasExperimentSpec, 'config'>, options: LaunchOptions = {}): Promise<LaunchedExperiment> {
  return resumeExperiment(dir, options, codeParts({ ...spec, config: {} }));
}
