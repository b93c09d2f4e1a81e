/**
 * The reference's small built-in tuners that archspace re-creates under their own names — `Anneal`,
 * `Evolution` (the naive one) and `BatchTuner` — and the ones it refuses, each with the archspace
 * strategy closest to it. The catalogue (`strategy-catalogue.ts`) lists the specs here with the
 * others. Internal: not exported from the package.
 *
 * | config name (any case)                 | archspace      | reference `classArgs` → option |
 * |----------------------------------------|----------------|--------------------------------|
 * | `Anneal`                               | Anneal         | `avg_best_idx`, `shrink_coef` (hyperopt's), `dedup` |
 * | `Evolution`, `NaiveEvolution`          | NaiveEvolution | `population_size` (default 32), `dedup` |
 * | `BatchTuner`, `Batch`                  | Batch          | none |
 */
import { SearchSpaceError } from '@archspace/ir';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { Anneal, Batch, batchDecision, NaiveEvolution } from '@archspace/strategies';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import type { AlgorithmSpec, OptionSpec } from './strategy-catalogue.js';

const dedup: OptionSpec = { key: 'dedup', aliases: [], expected: 'true or false', schema: z.boolean() };

/** The reference's tuners archspace re-creates, in the order error messages list them. */
export const NNI_TUNERS: readonly AlgorithmSpec[] = [
  {
    name: 'Anneal',
    names: ['anneal'],
    options: [
      { key: 'avgBestIdx', aliases: ['avg_best_idx'], expected: 'a number ≥ 1', schema: z.number().min(1).refine(Number.isFinite) },
      { key: 'shrinkCoef', aliases: ['shrink_coef'], expected: 'a number ≥ 0', schema: z.number().min(0).refine(Number.isFinite) },
      dedup,
    ],
    create: (o) => new Anneal(o),
  },
  {
    name: 'NaiveEvolution',
    names: ['evolution', 'naiveevolution'],
    options: [{ key: 'populationSize', aliases: ['population_size'], expected: 'an integer ≥ 1', schema: z.number().int().min(1) }, dedup],
    create: (o) => new NaiveEvolution(o),
  },
  {
    name: 'Batch',
    names: ['batchtuner', 'batch'],
    options: [],
    create: () => new Batch(),
  },
];

/** The reference's tuners archspace does not have, by normalised name: their name, and what to use instead. */
const REFUSED_TUNERS: ReadonlyMap<string, { readonly name: string; readonly instead: string }> = new Map([
  ['smac', { name: 'SMAC', instead: 'TPE (model-based like SMAC; BOHB when trials can run at reduced budgets)' }],
  ['metistuner', { name: 'MetisTuner', instead: 'TPE (model-based, like Metis\'s Gaussian process)' }],
  ['metis', { name: 'MetisTuner', instead: 'TPE (model-based, like Metis\'s Gaussian process)' }],
  ['gptuner', { name: 'GPTuner', instead: 'TPE (model-based, like the Gaussian-process tuner)' }],
  ['gp', { name: 'GPTuner', instead: 'TPE (model-based, like the Gaussian-process tuner)' }],
  ['dngotuner', { name: 'DNGOTuner', instead: 'TPE (model-based, like DNGO\'s neural-network surrogate)' }],
  ['dngo', { name: 'DNGOTuner', instead: 'TPE (model-based, like DNGO\'s neural-network surrogate)' }],
  ['pbttuner', { name: 'PBTTuner', instead: 'RegularizedEvolution (a population bred from its best members; Hyperband to stop weak trials early)' }],
  ['pbt', { name: 'PBTTuner', instead: 'RegularizedEvolution (a population bred from its best members; Hyperband to stop weak trials early)' }],
  ['networkmorphism', { name: 'NetworkMorphism', instead: 'RegularizedEvolution or LocalSearch over a model space (NAS)' }],
  ['networkmorphismtuner', { name: 'NetworkMorphism', instead: 'RegularizedEvolution or LocalSearch over a model space (NAS)' }],
]);

/**
 * Throws the {@link ConfigError} for a tuner name the reference has and archspace refuses (naming the
 * tuner and the closest archspace strategy); returns quietly for any other name. `normalized` is the
 * name lower-cased without `_`, `-` or spaces.
 */
export function refuseReferenceTuner(normalized: string, received: string, path: readonly (string | number)[]): void {
  const refused = REFUSED_TUNERS.get(normalized);
  if (refused === undefined) return;
  throw new ConfigError({
    code: 'unsupported-tuner',
    path,
    expected: `a tuner archspace has; instead of ${refused.name}, use ${refused.instead}`,
    received,
    message: `the reference's tuner ${refused.name} is not available in archspace; the closest is ${refused.instead}`,
  });
}

/**
 * Throws a {@link ConfigError} at `key` (`searchSpace` or `searchSpaceFile`) when the tuner cannot
 * search `searchSpace` (an already validated search-space document): the batch tuner needs exactly
 * one `choice`, as the reference requires.
 */
export function checkTunerFitsSpace(tunerName: string, searchSpace: Readonly<Record<string, unknown>>, key: string): void {
  if (tunerName !== 'Batch') return;
  try {
    batchDecision(fromSearchSpaceJson(searchSpace));
  } catch (error) {
    if (!(error instanceof SearchSpaceError)) throw error;
    throw new ConfigError({ ...error.details, path: [key, ...error.path] });
  }
}
