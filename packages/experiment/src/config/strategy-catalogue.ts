/**
 * The tuners and assessors a config can name: the names the reference uses for them (matched
 * case-insensitively), and each `classArgs` key mapped to an archspace option — the reference's
 * snake_case spelling (`population_size`) or archspace's own (`populationSize`), never both.
 *
 * | config name (any case)                    | archspace            | reference `classArgs` → option |
 * |-------------------------------------------|----------------------|--------------------------------|
 * | every tuner                               |                      | `optimize_mode` → `direction`, `seed` → the experiment's `seed` |
 * | `Random`, `RandomSearch`                  | Random               | `dedup`, `retries` |
 * | `GridSearch`                              | GridSearch           | `shuffle`, `max_granularity` → `maxGranularity` |
 * | `TPE`                                     | TPE                  | `n_startup_jobs`, `n_ei_candidates`, `linear_forgetting`, `prior_weight`, `gamma`, `constant_liar_type` (→ `constantLiar`; null → `'none'`), also inside `tpe_args`; `dedup` |
 * | `RegularizedEvolution`                    | RegularizedEvolution | `population_size`, `sample_size` (default: a quarter of the population), `mutation_prob`, `crossover`, `dedup`, `always_mutate`, `canonical_key` |
 * | `Hyperband`                               | Hyperband            | `R` → `maxBudget` (default 60), `min_budget` (default 1), `eta`, `iterations`; `exec_mode` must be `'parallelism'` |
 * | `BOHB`                                    | BOHB                 | `min_budget` (default 1), `max_budget` (default 3), `eta`, `iterations`, `min_points_in_model`, `top_n_percent`, `num_samples`, `random_fraction`, `bandwidth_factor` |
 * | `LocalSearch`                             | LocalSearch          | `initial_samples`, `kick_sizes`, `redraws`, `explore`, `reference_margin`, `restart_distance`, `balanced_start`, `cost_order` (costs known before training order the climb; no effect without them), `swaps`, `additive_model`, `explore_decay`, `model_candidates` (Pareto local search), `canonical_key` (`"nasbench201"`: cells that compute the same function are one sample) |
 * | `PolicyBasedRL`, `PPOTuner`               | PolicyBasedRL        | `learning_rate`/`lr`, `baseline_momentum`, `samples_per_update`/`trials_per_update`, `entropy_weight`/`ent_coef`, `reward_for_invalid`, `dedup`, `rank_rewards` |
 * | `Anneal`, `Evolution`, `BatchTuner`       | (see `nni-tuners.ts`) | |
 * | `NSGA2`, `NSGAII`                          | NSGA2                | `population_size`, `crossover_prob`, `mutation_prob` |
 * | every assessor                            |                      | `optimize_mode` → `direction` (must agree with the tuner's) |
 * | `Medianstop`                              | MedianStop           | `start_step` |
 * | `Curvefitting`                            | CurveFitting         | `epoch_num` (required), `start_step`, `threshold`, `gap` |
 *
 * The reference's tuners archspace refuses (SMAC, MetisTuner, GPTuner, DNGOTuner, PBTTuner,
 * NetworkMorphism) get an error naming the closest strategy (`nni-tuners.ts`).
 *
 * Unlike the reference's TPE (which minimizes unless told otherwise), every tuner maximizes by default.
 * Internal: not exported from the package.
 */
import { nasBench201CanonicalKey } from '@archspace/mutables';
import { BOHB, CurveFitting, GridSearch, Hyperband, LocalSearch, MedianStop, NSGA2, PolicyBasedRL, Random, RegularizedEvolution, TPE } from '@archspace/strategies';
import { z } from 'zod';
import { NNI_TUNERS } from './nni-tuners.js';
import type { AssessorName, TunerName } from './experiment-config.js';

/** One option of a tuner or assessor. */
export interface OptionSpec {
  /** archspace's name for it (the key in the canonical `classArgs`). */
  readonly key: string;
  /** Other names a config may use: the reference's. */
  readonly aliases: readonly string[];
  /** What the value must be, in words. */
  readonly expected: string;
  readonly schema: z.ZodType;
  /** Whether `null` is a value of this option (otherwise `null` means "not set"). */
  readonly nullable?: boolean;
}

/** A tuner or an assessor a config can name. */
export interface AlgorithmSpec {
  /** The name in the canonical config. */
  readonly name: TunerName | AssessorName;
  /** The names a config may use, lower-case without `_`, `-` or spaces. */
  readonly names: readonly string[];
  readonly options: readonly OptionSpec[];
  /** A `classArgs` key whose value is an object of more options (TPE's `tpe_args`). */
  readonly group?: string;
  /** Options the reference defaults differently from archspace's class, filled in when absent. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Fills in options that depend on others the config gave (after `defaults`). */
  readonly derive?: (options: Record<string, unknown>) => Record<string, unknown>;
  /** Options that must be given (by the key or one of its aliases). */
  readonly required?: readonly string[];
  /** Builds the strategy or assessor (throwing `RangeError` for settings it refuses). */
  create(options: Record<string, unknown>): object;
  /** The filled-in options, as a config spells them, of what `create` built (default: its `options`). */
  readonly configOptions?: (created: object) => Record<string, unknown>;
}

const integer = (min: number): Pick<OptionSpec, 'expected' | 'schema'> => ({ expected: `an integer ≥ ${min}`, schema: z.number().int().min(min) });
const number = (expected: string, schema: z.ZodNumber): Pick<OptionSpec, 'expected' | 'schema'> => ({ expected, schema });
const bool: Pick<OptionSpec, 'expected' | 'schema'> = { expected: 'true or false', schema: z.boolean() };
const positive = number('a number > 0', z.number().positive());
const probability = number('a number in [0, 1]', z.number().min(0).max(1));
const option = (key: string, aliases: readonly string[], rule: Pick<OptionSpec, 'expected' | 'schema'>, nullable?: boolean): OptionSpec => ({
  key,
  aliases,
  ...rule,
  ...(nullable ? { nullable } : {}),
});

/** `optimize_mode` → `direction`, which every tuner and assessor has. */
export const DIRECTION_OPTION = option('direction', ['optimize_mode'], { expected: '"maximize" or "minimize"', schema: z.enum(['maximize', 'minimize']) });

/** The reference's tuners take their seed in `classArgs`; archspace keeps it in the config's `seed`. */
export const SEED_OPTION = option('seed', [], { expected: 'an integer or a non-empty string', schema: z.union([z.number().int(), z.string().refine((value) => value.length > 0)]) });

const dedup = option('dedup', [], bool);
const budgets = (maxAliases: readonly string[]): OptionSpec[] => [
  option('minBudget', ['min_budget'], positive),
  option('maxBudget', maxAliases, positive),
  option('eta', [], number('a number > 1', z.number().gt(1))),
  option('iterations', [], integer(1)),
];

/** A config names a canonical key by name; `"nasbench201"` is the only one. */
const canonicalKeyOption = option('canonicalKey', ['canonical_key'], { expected: '"nasbench201" (the only canonical key a config can name)', schema: z.literal('nasbench201') });

/** Options with a canonical key's name replaced by the function it names. */
function withCanonicalKey<T extends { readonly canonicalKey?: unknown }>({ canonicalKey, ...rest }: T): Omit<T, 'canonicalKey'> & { canonicalKey?: typeof nasBench201CanonicalKey } {
  return { ...rest, ...(canonicalKey === 'nasbench201' ? { canonicalKey: nasBench201CanonicalKey } : {}) };
}

/** A strategy's options as a config writes them: its canonical key function by name. */
function namedCanonicalKey({ canonicalKey, ...rest }: { readonly canonicalKey?: unknown }): Record<string, unknown> {
  return canonicalKey ? { ...rest, canonicalKey: 'nasbench201' } : rest;
}

/** Tuners, in the order error messages list them. */
export const TUNERS: readonly AlgorithmSpec[] = [
  {
    name: 'Random',
    names: ['random', 'randomsearch'],
    options: [dedup, option('retries', [], integer(1))],
    create: (o) => new Random(o),
  },
  {
    name: 'GridSearch',
    names: ['gridsearch'],
    options: [option('shuffle', [], bool), option('maxGranularity', ['max_granularity'], integer(1))],
    create: (o) => new GridSearch(o),
  },
  {
    name: 'TPE',
    names: ['tpe'],
    group: 'tpe_args',
    options: [
      option('nStartupJobs', ['n_startup_jobs'], integer(0)),
      option('nEiCandidates', ['n_ei_candidates'], integer(1)),
      option('linearForgetting', ['linear_forgetting'], integer(1)),
      option('priorWeight', ['prior_weight'], number('a number ≥ 0', z.number().min(0))),
      option('gamma', [], positive),
      option(
        'constantLiar',
        ['constant_liar_type'],
        { expected: '"best", "worst", "mean", "none" or null (none)', schema: z.enum(['best', 'worst', 'mean', 'none']).nullable().transform((v) => v ?? 'none') },
        true,
      ),
      dedup,
    ],
    create: (o) => new TPE(o),
  },
  {
    name: 'RegularizedEvolution',
    names: ['regularizedevolution'],
    options: [
      option('populationSize', ['population_size'], integer(1)),
      option('sampleSize', ['sample_size'], integer(1)),
      option('mutationProb', ['mutation_prob'], probability),
      option('crossover', [], bool),
      dedup,
      option('alwaysMutate', ['always_mutate'], bool),
      canonicalKeyOption,
    ],
    // A population size without a sample size: keep archspace's ratio (25 of 100).
    derive: (o) => (o.populationSize !== undefined && o.sampleSize === undefined ? { ...o, sampleSize: Math.max(1, Math.round((o.populationSize as number) / 4)) } : o),
    create: (o) => new RegularizedEvolution(withCanonicalKey(o)),
    configOptions: (created) => namedCanonicalKey((created as RegularizedEvolution).options),
  },
  {
    name: 'Hyperband',
    names: ['hyperband'],
    options: [
      ...budgets(['R', 'max_budget']),
      // archspace runs a bracket's trials in parallel, which is the reference's 'parallelism' mode.
      option('execMode', ['exec_mode'], { expected: '"parallelism" (archspace has no serial mode)', schema: z.literal('parallelism') }),
    ],
    defaults: { minBudget: 1, maxBudget: 60 },
    create: ({ execMode: _, ...o }) => new Hyperband(o as never),
  },
  {
    name: 'BOHB',
    names: ['bohb'],
    options: [
      ...budgets(['max_budget']),
      option('minPointsInModel', ['min_points_in_model'], integer(1)),
      option('topNPercent', ['top_n_percent'], number('a number in (0, 100)', z.number().gt(0).lt(100))),
      option('numSamples', ['num_samples'], integer(1)),
      option('randomFraction', ['random_fraction'], probability),
      option('bandwidthFactor', ['bandwidth_factor'], positive),
    ],
    defaults: { minBudget: 1, maxBudget: 3 },
    create: (o) => new BOHB(o as never),
  },
  {
    name: 'LocalSearch',
    names: ['localsearch'],
    options: [
      option('initialSamples', ['initial_samples'], integer(1)),
      option('kickSizes', ['kick_sizes'], { expected: 'a non-empty list of integers ≥ 1', schema: z.array(z.number().int().min(1)).min(1) }),
      option('redraws', [], integer(1)),
      option('explore', [], { expected: '"contribution" or "uniform"', schema: z.enum(['contribution', 'uniform']) }),
      option('referenceMargin', ['reference_margin'], number('a number ≥ 0', z.number().min(0))),
      option('restartDistance', ['restart_distance'], integer(1)),
      option('balancedStart', ['balanced_start'], bool),
      option('costOrder', ['cost_order'], bool),
      option('swaps', [], bool),
      option('additiveModel', ['additive_model'], bool),
      option('exploreDecay', ['explore_decay'], number('a finite number ≥ 0', z.number().min(0))),
      option('modelCandidates', ['model_candidates'], integer(0)),
      canonicalKeyOption,
    ],
    create: (o) => new LocalSearch(withCanonicalKey(o)),
    configOptions: (created) => namedCanonicalKey((created as LocalSearch).options),
  },
  {
    name: 'PolicyBasedRL',
    names: ['policybasedrl', 'ppotuner'],
    options: [
      option('learningRate', ['learning_rate', 'lr'], positive),
      option('baselineMomentum', ['baseline_momentum'], number('a number in [0, 1)', z.number().min(0).lt(1))),
      option('samplesPerUpdate', ['samples_per_update', 'trials_per_update'], integer(1)),
      option('entropyWeight', ['entropy_weight', 'ent_coef'], number('a number ≥ 0', z.number().min(0))),
      option('rewardForInvalid', ['reward_for_invalid'], number('a finite number', z.number())),
      dedup,
      option('rankRewards', ['rank_rewards'], bool),
    ],
    create: (o) => new PolicyBasedRL(o),
  },
  // Anneal, (naive) Evolution and BatchTuner: see nni-tuners.ts.
  ...NNI_TUNERS,
  {
    name: 'NSGA2',
    names: ['nsga2', 'nsgaii'],
    options: [
      option('populationSize', ['population_size'], integer(2)),
      option('crossoverProb', ['crossover_prob'], probability),
      option('mutationProb', ['mutation_prob'], probability),
    ],
    create: (o) => new NSGA2(o),
  },
];

/** Assessors, in the order error messages list them. */
export const ASSESSORS: readonly AlgorithmSpec[] = [
  {
    name: 'Medianstop',
    names: ['medianstop', 'medianstopassessor'],
    options: [option('startStep', ['start_step'], integer(0))],
    create: (o) => new MedianStop(o),
  },
  {
    name: 'Curvefitting',
    names: ['curvefitting', 'curvefittingassessor'],
    options: [
      option('epochNum', ['epoch_num'], integer(1)),
      option('startStep', ['start_step'], integer(0)),
      option('threshold', [], number('a number in (0, 1]', z.number().gt(0).max(1))),
      option('gap', [], integer(1)),
    ],
    required: ['epochNum'],
    create: (o) => new CurveFitting(o as never),
  },
];

/** A name as the catalogue compares it: lower-case, without `_`, `-` or spaces. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** The spec `name` stands for, if any. */
export function findAlgorithm(specs: readonly AlgorithmSpec[], name: string): AlgorithmSpec | undefined {
  const wanted = normalizeName(name);
  return specs.find((spec) => spec.names.includes(wanted));
}
