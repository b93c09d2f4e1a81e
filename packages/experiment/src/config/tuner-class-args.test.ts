import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { LocalSearch, RegularizedEvolution } from '@archspace/strategies';
import { createTuner } from './create-strategy.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const base = { searchSpace: { x: { _type: 'choice', _value: ['a', 'b'] } }, trialCommand: 'node trial.js', trialConcurrency: 1 };
const tuner = (name: string, classArgs?: Record<string, unknown>) => parseExperimentConfig({ ...base, tuner: { name, ...(classArgs ? { classArgs } : {}) } }).tuner!;
const assessor = (name: string, classArgs?: Record<string, unknown>, tunerArgs?: Record<string, unknown>) =>
  parseExperimentConfig({ ...base, tuner: { name: 'TPE', ...(tunerArgs ? { classArgs: tunerArgs } : {}) }, assessor: { name, ...(classArgs ? { classArgs } : {}) } }).assessor!;

function configErrorOf(fn: () => unknown): ConfigError {
  return errorThrownBy(fn, ConfigError);
}

describe('tuner names', () => {
  it.each([
    ['Random', 'Random'],
    ['random_search', 'Random'],
    ['GridSearch', 'GridSearch'],
    ['gridsearch', 'GridSearch'],
    ['TPE', 'TPE'],
    ['tpe', 'TPE'],
    ['RegularizedEvolution', 'RegularizedEvolution'],
    ['Evolution', 'NaiveEvolution'],
    ['Anneal', 'Anneal'],
    ['BatchTuner', 'Batch'],
    ['regularized-evolution', 'RegularizedEvolution'],
    ['Hyperband', 'Hyperband'],
    ['BOHB', 'BOHB'],
    ['bohb', 'BOHB'],
    ['PolicyBasedRL', 'PolicyBasedRL'],
    ['PPOTuner', 'PolicyBasedRL'],
    ['LocalSearch', 'LocalSearch'],
    ['local_search', 'LocalSearch'],
  ])('%s is %s', (name, canonical) => {
    expect(tuner(name).name).toBe(canonical);
  });

  it('refuses a tuner archspace does not have, listing the ones it has', () => {
    const error = configErrorOf(() => tuner('Bayesian'));
    expect([error.code, error.path, error.received]).toEqual(['unknown-tuner', ['tuner', 'name'], 'Bayesian']);
    expect(error.message).toContain('Random, GridSearch, TPE, RegularizedEvolution, Hyperband, BOHB, LocalSearch, PolicyBasedRL');
  });

  it('refuses an assessor archspace does not have', () => {
    const error = configErrorOf(() => assessor('Patience'));
    expect([error.code, error.path]).toEqual(['unknown-assessor', ['assessor', 'name']]);
    expect(error.message).toContain('Medianstop, Curvefitting');
  });
});

describe('classArgs', () => {
  it('maps the reference\'s keys to archspace\'s options', () => {
    expect(tuner('Random', { optimize_mode: 'minimize', dedup: false, retries: 10 }).classArgs).toEqual({ direction: 'minimize', dedup: false, retries: 10 });
    expect(tuner('GridSearch', { shuffle: true, max_granularity: 4 }).classArgs).toEqual({ direction: 'maximize', shuffle: true, maxGranularity: 4 });
    expect(tuner('RegularizedEvolution', { population_size: 40, sample_size: 8, mutation_prob: 0.2, crossover: true, always_mutate: true }).classArgs).toEqual({
      direction: 'maximize',
      populationSize: 40,
      sampleSize: 8,
      mutationProb: 0.2,
      crossover: true,
      dedup: true,
      alwaysMutate: true,
    });
    expect(tuner('Hyperband', { R: 81, eta: 3, exec_mode: 'parallelism' }).classArgs).toEqual({ direction: 'maximize', minBudget: 1, maxBudget: 81, eta: 3 });
    expect(tuner('BOHB', { min_budget: 2, max_budget: 18, top_n_percent: 20, num_samples: 32, random_fraction: 0.5, bandwidth_factor: 2, min_points_in_model: 5 }).classArgs).toEqual({
      direction: 'maximize',
      minBudget: 2,
      maxBudget: 18,
      eta: 3,
      iterations: undefined,
      topNPercent: 20,
      numSamples: 32,
      randomFraction: 0.5,
      bandwidthFactor: 2,
      minPointsInModel: 5,
    });
    expect(tuner('PPOTuner', { lr: 0.01, trials_per_update: 5, ent_coef: 0.1, baseline_momentum: 0.5, reward_for_invalid: -1 }).classArgs).toEqual({
      direction: 'maximize',
      learningRate: 0.01,
      samplesPerUpdate: 5,
      entropyWeight: 0.1,
      baselineMomentum: 0.5,
      rewardForInvalid: -1,
      dedup: true,
      rankRewards: false,
    });
    expect(assessor('Curvefitting', { epoch_num: 20, start_step: 6, threshold: 0.9, gap: 2 }).classArgs).toEqual({ direction: 'maximize', epochNum: 20, startStep: 6, threshold: 0.9, gap: 2 });
    expect(assessor('Medianstop', { start_step: 3 }).classArgs).toEqual({ direction: 'maximize', startStep: 3 });
  });

  it('reads TPE options flat or inside tpe_args, and a null constant_liar_type as "none"', () => {
    const flat = tuner('TPE', { optimize_mode: 'minimize', n_startup_jobs: 5, gamma: 0.5, constant_liar_type: null });
    const nested = tuner('TPE', { optimize_mode: 'minimize', tpe_args: { n_startup_jobs: 5, gamma: 0.5, constant_liar_type: null } });
    expect(nested).toEqual(flat);
    expect(flat.classArgs).toMatchObject({ direction: 'minimize', nStartupJobs: 5, gamma: 0.5, constantLiar: 'none' });
  });

  it('accepts archspace\'s own option names, giving the same config', () => {
    expect(tuner('RegularizedEvolution', { direction: 'minimize', populationSize: 40 })).toEqual(tuner('RegularizedEvolution', { optimize_mode: 'minimize', population_size: 40 }));
  });

  it('fills the defaults the reference uses: maximize everywhere (even TPE), Hyperband R = 60, BOHB budgets 1..3, a quarter of the population sampled', () => {
    for (const name of ['Random', 'GridSearch', 'TPE', 'Evolution', 'RegularizedEvolution', 'Anneal', 'BatchTuner', 'Hyperband', 'BOHB', 'PolicyBasedRL']) expect(tuner(name).classArgs.direction).toBe('maximize');
    expect(tuner('Hyperband').classArgs).toMatchObject({ minBudget: 1, maxBudget: 60 });
    expect(tuner('BOHB').classArgs).toMatchObject({ minBudget: 1, maxBudget: 3 });
    expect(tuner('RegularizedEvolution', { population_size: 20 }).classArgs).toMatchObject({ populationSize: 20, sampleSize: 5 });
    expect(tuner('RegularizedEvolution').classArgs).toMatchObject({ populationSize: 100, sampleSize: 25 });
  });

  it('names LocalSearch\'s canonical key by name in the config, and builds the strategy with the function', () => {
    const config = tuner('LocalSearch', { initial_samples: 5, kick_sizes: [2], canonical_key: 'nasbench201' });
    expect(config.classArgs).toEqual({ direction: 'maximize', initialSamples: 5, kickSizes: [2], redraws: 4, explore: 'contribution', referenceMargin: 1, costOrder: true, swaps: true, additiveModel: true, exploreDecay: 1, modelCandidates: 100, canonicalKey: 'nasbench201' });
    const strategy = createTuner(config) as LocalSearch;
    expect(strategy).toBeInstanceOf(LocalSearch);
    expect(strategy.options.canonicalKey!({ '0_1': 'conv_3x3', '0_2': 'none', '1_2': 'none', '0_3': 'none', '1_3': 'skip_connect', '2_3': 'none' })).toBe('conv_3x3(x)');
    expect(tuner('LocalSearch').classArgs).toEqual({ direction: 'maximize', initialSamples: 10, kickSizes: [2, 3], redraws: 4, explore: 'contribution', referenceMargin: 1, costOrder: true, swaps: true, additiveModel: true, exploreDecay: 1, modelCandidates: 100 });
    expect(tuner('LocalSearch', { swaps: false, additive_model: false, explore_decay: 0 }).classArgs).toMatchObject({ swaps: false, additiveModel: false, exploreDecay: 0 });
    expect(() => tuner('LocalSearch', { explore_decay: -1 })).toThrow(/explore_decay/);
    expect(tuner('LocalSearch', { model_candidates: 0 }).classArgs).toMatchObject({ modelCandidates: 0 });
    expect(() => tuner('LocalSearch', { model_candidates: 2.5 })).toThrow(/model_candidates/);
    expect(tuner('LocalSearch', { explore: 'uniform', reference_margin: 0.5 }).classArgs).toMatchObject({ explore: 'uniform', referenceMargin: 0.5 });
    expect(configErrorOf(() => tuner('LocalSearch', { explore: 'best' })).expected).toBe('"contribution" or "uniform"');
    expect(configErrorOf(() => tuner('LocalSearch', { canonical_key: 'nasbench101' })).path).toEqual(['tuner', 'classArgs', 'canonical_key']);
    expect(configErrorOf(() => tuner('LocalSearch', { kick_sizes: [] })).expected).toBe('a non-empty list of integers ≥ 1');
  });

  it('takes LocalSearch\'s restart_distance and balanced_start, and RegularizedEvolution\'s canonical_key', () => {
    const local = tuner('LocalSearch', { restart_distance: 4, balanced_start: true, canonical_key: 'nasbench201' });
    expect(local.classArgs).toMatchObject({ restartDistance: 4, balancedStart: true, canonicalKey: 'nasbench201' });
    expect((createTuner(local) as LocalSearch).options).toMatchObject({ restartDistance: 4, balancedStart: true });
    expect(configErrorOf(() => tuner('LocalSearch', { restart_distance: 0 })).path).toEqual(['tuner', 'classArgs', 'restart_distance']);
    const evolution = tuner('RegularizedEvolution', { population_size: 35, sample_size: 30, canonical_key: 'nasbench201' });
    expect(evolution.classArgs).toMatchObject({ populationSize: 35, sampleSize: 30, canonicalKey: 'nasbench201' });
    const strategy = createTuner(evolution) as RegularizedEvolution;
    expect(strategy.options.canonicalKey!({ '0_1': 'conv_3x3', '0_2': 'none', '1_2': 'none', '0_3': 'none', '1_3': 'skip_connect', '2_3': 'none' })).toBe('conv_3x3(x)');
    expect(configErrorOf(() => tuner('RegularizedEvolution', { canonical_key: 'nasbench101' })).path).toEqual(['tuner', 'classArgs', 'canonical_key']);
  });

  it('takes PolicyBasedRL\'s rank_rewards', () => {
    expect(tuner('PolicyBasedRL', { rank_rewards: true, lr: 0.3 }).classArgs).toMatchObject({ rankRewards: true, learningRate: 0.3 });
    expect(tuner('PolicyBasedRL').classArgs).toMatchObject({ rankRewards: false });
  });

  it('moves a tuner\'s seed to the experiment\'s seed', () => {
    const config = parseExperimentConfig({ ...base, tuner: { name: 'Random', classArgs: { seed: 42 } } });
    expect(config.seed).toBe(42);
    expect(config.tuner!.classArgs).not.toHaveProperty('seed');
    expect(parseExperimentConfig({ ...base, seed: 42, tuner: { name: 'Random', classArgs: { seed: 42 } } }).seed).toBe(42);
  });

  it('gives the assessor the tuner\'s direction', () => {
    expect(assessor('Medianstop', undefined, { optimize_mode: 'minimize' }).classArgs.direction).toBe('minimize');
    expect(assessor('Medianstop', { optimize_mode: 'minimize' }, { optimize_mode: 'minimize' }).classArgs.direction).toBe('minimize');
  });

  it('names the key as written when a value is refused, with what was expected and found', () => {
    const error = configErrorOf(() => tuner('RegularizedEvolution', { population_size: 0 }));
    expect([error.code, error.path, error.expected, error.received]).toEqual(['invalid-value', ['tuner', 'classArgs', 'population_size'], 'an integer ≥ 1', 0]);
    expect(error.message).toBe('invalid-value at "tuner/classArgs/population_size": expected an integer ≥ 1, received 0');
    expect(configErrorOf(() => tuner('TPE', { tpe_args: { gamma: -1 } })).path).toEqual(['tuner', 'classArgs', 'tpe_args', 'gamma']);
    expect(configErrorOf(() => tuner('TPE', { optimize_mode: 'Maximize' })).path).toEqual(['tuner', 'classArgs', 'optimize_mode']);
    expect(configErrorOf(() => tuner('Hyperband', { exec_mode: 'serial' })).message).toContain('no serial mode');
  });

  it('points at the key a class refuses when options disagree with each other', () => {
    const sample = configErrorOf(() => tuner('RegularizedEvolution', { population_size: 5, sample_size: 10 }));
    expect(sample.path).toEqual(['tuner', 'classArgs', 'sample_size']);
    expect(sample.message).toContain('sampleSize must be an integer in [1, populationSize = 5], got 10');
    expect(configErrorOf(() => tuner('BOHB', { min_budget: 9, max_budget: 3 })).path).toEqual(['tuner', 'classArgs', 'max_budget']);
  });

  it('refuses an unknown option with a suggestion, and an option given twice', () => {
    const unknown = configErrorOf(() => tuner('RegularizedEvolution', { populaton_size: 10 }));
    expect([unknown.code, unknown.path]).toEqual(['unknown-key', ['tuner', 'classArgs', 'populaton_size']]);
    expect(unknown.message).toContain('did you mean "population_size"?');
    expect(configErrorOf(() => tuner('BOHB', { min_bandwidth: 0.001 })).message).toContain('is not an option of BOHB');
    const twice = configErrorOf(() => tuner('RegularizedEvolution', { population_size: 10, populationSize: 10 }));
    expect([twice.code, twice.path]).toEqual(['duplicate-key', ['tuner', 'classArgs', 'populationSize']]);
    expect(configErrorOf(() => tuner('TPE', { optimize_mode: 'minimize', tpe_args: { optimize_mode: 'minimize' } })).code).toBe('duplicate-key');
  });

  it('requires Curvefitting\'s epoch_num', () => {
    const error = configErrorOf(() => assessor('Curvefitting', { start_step: 2 }));
    expect([error.code, error.path]).toEqual(['missing-key', ['assessor', 'classArgs', 'epoch_num']]);
    expect(error.message).toContain('"epoch_num" or "epochNum"');
  });
});
