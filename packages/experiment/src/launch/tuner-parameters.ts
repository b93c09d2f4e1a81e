/**
 * What a trial receives when the tuner shapes its parameters itself: the reference's batch tuner
 * hands each trial the listed option itself (`{"lr": 0.1}`), not the option under the search space's
 * one key (`{"combine_params": {"lr": 0.1}}`), and archspace does the same so that trial scripts
 * written for it run unchanged.
 */
import type { Sample } from '@archspace/mutables';
import type { TunerConfig } from '../config/experiment-config.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The batch tuner's parameters of `sample`: its one value when that is an object, else the sample
 * itself (a trial's parameters are always a record).
 */
export function batchParameters(sample: Sample): Readonly<Record<string, unknown>> {
  const values = Object.values(sample);
  return values.length === 1 && isPlainObject(values[0]) ? values[0] : sample;
}

/** The parameters function of `tuner` when it shapes parameters itself, else `undefined` (the space's frozen sample). */
export function tunerParametersOf(tuner: TunerConfig | undefined): ((sample: Sample) => Readonly<Record<string, unknown>>) | undefined {
  return tuner?.name === 'Batch' ? batchParameters : undefined;
}
