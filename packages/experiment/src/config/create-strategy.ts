/**
 * Builds the strategy and the assessor a canonical config names, so the manager never repeats the
 * catalogue's name → class table.
 */
import type { Assessor, Strategy } from '@archspace/strategies';
import type { AssessorConfig, TunerConfig } from './experiment-config.js';
import { ASSESSORS, TUNERS } from './strategy-catalogue.js';

function build(specs: typeof TUNERS, name: string, classArgs: object): object {
  const spec = specs.find((s) => s.name === name);
  if (spec === undefined) throw new RangeError(`"${name}" is not a name of the canonical config (parse the config first)`);
  const { direction: _, ...options } = classArgs as Record<string, unknown>;
  return spec.create(options);
}

/**
 * The strategy of a canonical config's `tuner`. Its direction is `tuner.classArgs.direction`, which
 * the search takes separately.
 *
 * @example
 * ```ts
 * const config = loadExperimentConfig('config.yml');
 * const strategy = createTuner(config.tuner!); // e.g. a TPE
 * ```
 */
export function createTuner(tuner: TunerConfig): Strategy {
  return build(TUNERS, tuner.name, tuner.classArgs) as Strategy;
}

/**
 * The assessor of a canonical config's `assessor`.
 *
 * @example
 * ```ts
 * const assessor = config.assessor && createAssessor(config.assessor); // e.g. a MedianStop
 * ```
 */
export function createAssessor(assessor: AssessorConfig): Assessor {
  return build(ASSESSORS, assessor.name, assessor.classArgs) as Assessor;
}
