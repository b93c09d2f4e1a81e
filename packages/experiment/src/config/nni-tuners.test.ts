/**
 * The reference's tuner names: Anneal, (naive) Evolution and BatchTuner build archspace's new
 * strategies with the reference's classArgs; the tuners archspace lacks are refused, naming the
 * tuner and the closest archspace strategy.
 */
import { Anneal, Batch, NaiveEvolution } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { batchParameters, tunerParametersOf } from '../launch/tuner-parameters.js';
import { ConfigError } from './config-error.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { createTuner } from './create-strategy.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const space = { x: { _type: 'choice', _value: ['a', 'b'] }, y: { _type: 'uniform', _value: [0, 1] } };
const batchSpace = { combine_params: { _type: 'choice', _value: [{ lr: 0.1, opt: 'sgd' }, { lr: 0.01, opt: 'adam' }] } };
const parse = (tuner: Record<string, unknown>, searchSpace: unknown = space) => parseExperimentConfig({ searchSpace, trialCommand: 'python3 t.py', trialConcurrency: 1, tuner });

const configErrorOf = (run: () => unknown): ConfigError => errorThrownBy(run, ConfigError);

describe('the reference\'s small tuners', () => {
  it('Anneal takes hyperopt\'s avg_best_idx and shrink_coef', () => {
    const config = parse({ name: 'Anneal', classArgs: { optimize_mode: 'minimize', avg_best_idx: 3, shrink_coef: 0.2 } });
    expect(config.tuner).toEqual({ name: 'Anneal', classArgs: { direction: 'minimize', avgBestIdx: 3, shrinkCoef: 0.2, dedup: true } });
    expect(createTuner(config.tuner!)).toBeInstanceOf(Anneal);
    expect(parse({ name: 'anneal' }).tuner!.classArgs).toEqual({ direction: 'maximize', avgBestIdx: 2, shrinkCoef: 0.1, dedup: true });
    expect(configErrorOf(() => parse({ name: 'Anneal', classArgs: { avg_best_idx: 0 } })).path).toEqual(['tuner', 'classArgs', 'avg_best_idx']);
  });

  it('Evolution is the naive evolution, with the reference\'s population_size (default 32)', () => {
    const config = parse({ name: 'Evolution', classArgs: { optimize_mode: 'maximize', population_size: 100 } });
    expect(config.tuner).toEqual({ name: 'NaiveEvolution', classArgs: { direction: 'maximize', populationSize: 100, dedup: true } });
    expect(createTuner(config.tuner!)).toBeInstanceOf(NaiveEvolution);
    expect(parse({ name: 'Evolution' }).tuner!.classArgs).toMatchObject({ populationSize: 32 });
    const error = configErrorOf(() => parse({ name: 'Evolution', classArgs: { sample_size: 5 } }));
    expect([error.code, error.path]).toEqual(['unknown-key', ['tuner', 'classArgs', 'sample_size']]);
    expect(error.message).toContain('"sample_size" is not an option of NaiveEvolution');
  });

  it('BatchTuner runs a space with one choice, and refuses any other space naming the parameter', () => {
    const config = parse({ name: 'BatchTuner' }, batchSpace);
    expect(config.tuner).toEqual({ name: 'Batch', classArgs: { direction: 'maximize' } });
    expect(createTuner(config.tuner!)).toBeInstanceOf(Batch);
    const two = configErrorOf(() => parse({ name: 'BatchTuner' }));
    expect([two.code, two.path]).toEqual(['not-a-batch-space', ['searchSpace', 'y']]);
    expect(two.message).toContain('exactly one parameter');
    const numeric = configErrorOf(() => parse({ name: 'BatchTuner' }, { lr: { _type: 'uniform', _value: [0, 1] } }));
    expect(numeric.path).toEqual(['searchSpace', 'lr']);
    expect(configErrorOf(() => parse({ name: 'BatchTuner', classArgs: { batch_size: 2 } })).code).toBe('unknown-key');
  });

  it('hands a batch trial the listed option itself, as the reference does', () => {
    expect(tunerParametersOf(parse({ name: 'BatchTuner' }, batchSpace).tuner)).toBe(batchParameters);
    expect(tunerParametersOf(parse({ name: 'TPE' }).tuner)).toBeUndefined();
    expect(batchParameters({ combine_params: { lr: 0.1, opt: 'sgd' } })).toEqual({ lr: 0.1, opt: 'sgd' });
    // An option that is not a dict stays under its key: a trial's parameters are a record.
    expect(batchParameters({ combine_params: 3 })).toEqual({ combine_params: 3 });
  });
});

describe('the reference\'s tuners archspace refuses', () => {
  it.each([
    ['SMAC', 'SMAC', 'TPE'],
    ['MetisTuner', 'MetisTuner', 'TPE'],
    ['GPTuner', 'GPTuner', 'TPE'],
    ['DNGOTuner', 'DNGOTuner', 'TPE'],
    ['PBTTuner', 'PBTTuner', 'RegularizedEvolution'],
    ['NetworkMorphism', 'NetworkMorphism', 'RegularizedEvolution'],
    ['smac', 'SMAC', 'TPE'],
  ])('%s: names the tuner and the closest strategy', (name, shown, closest) => {
    const error = configErrorOf(() => parse({ name }));
    expect([error.code, error.path, error.received]).toEqual(['unsupported-tuner', ['tuner', 'name'], name]);
    expect(error.message).toContain(`the reference's tuner ${shown} is not available in archspace; the closest is ${closest}`);
  });

  it('names the v1 key when a v1 config names a refused tuner', () => {
    const error = configErrorOf(() => parseExperimentConfig({ searchSpace: space, trialConcurrency: 1, trial: { command: 'x' }, tuner: { builtinTunerName: 'GPTuner' } }));
    expect([error.code, error.path]).toEqual(['unsupported-tuner', ['tuner', 'builtinTunerName']]);
  });

  it('still maps PPOTuner to PolicyBasedRL', () => {
    expect(parse({ name: 'PPOTuner' }).tuner!.name).toBe('PolicyBasedRL');
  });
});
