import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const baseDir = '/work/project';
const searchSpace = { lr: { _type: 'loguniform', _value: [0.0001, 0.1] }, batch: { _type: 'choice', _value: [32, 64] } };
const minimal = { searchSpace, trialCommand: 'python3 train.py', trialConcurrency: 2, tuner: { name: 'TPE' } };

function configErrorOf(input: unknown): ConfigError {
  try {
    parseExperimentConfig(input, { baseDir, file: 'config.yml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('parseExperimentConfig: the canonical config', () => {
  it('fills every default of a minimal config', () => {
    expect(parseExperimentConfig(minimal, { baseDir })).toStrictEqual({
      experimentType: 'hpo',
      searchSpace,
      trialCommand: 'python3 train.py',
      trialCodeDirectory: baseDir,
      trialConcurrency: 2,
      tuner: {
        name: 'TPE',
        classArgs: { direction: 'maximize', nStartupJobs: 20, nEiCandidates: 24, linearForgetting: 25, priorWeight: 1, gamma: 0.25, constantLiar: 'best', dedup: true },
      },
      trainingService: { platform: 'local', maxTrialNumberPerGpu: 1 },
      experimentWorkingDirectory: join(homedir(), 'archspace-experiments'),
      debug: false,
      logLevel: 'info',
    });
  });

  it('reads YAML and JSON text alike', () => {
    const yaml = `
searchSpace:
  lr: { _type: loguniform, _value: [0.0001, 0.1] }
  batch: { _type: choice, _value: [32, 64] }
trialCommand: python3 train.py
trialConcurrency: 2
tuner:
  name: TPE
`;
    const fromObject = parseExperimentConfig(minimal, { baseDir });
    expect(parseExperimentConfig(yaml, { baseDir })).toStrictEqual(fromObject);
    expect(parseExperimentConfig(JSON.stringify(minimal, null, 2), { baseDir })).toStrictEqual(fromObject);
  });

  it('keeps every optional setting, with paths made absolute and durations in seconds', () => {
    const config = parseExperimentConfig(
      {
        ...minimal,
        experimentName: 'mnist',
        trialCodeDirectory: '../code',
        trialGpuNumber: 1,
        maxTrialNumber: 50,
        maxExperimentDuration: '1.5h',
        maxTrialDuration: 600,
        assessor: { name: 'Medianstop' },
        trainingService: { platform: 'local', useActiveGpu: true, maxTrialNumberPerGpu: 2, gpuIndices: '0, 2' },
        experimentWorkingDirectory: '~/runs',
        seed: 7,
        debug: true,
      },
      { baseDir },
    );
    expect(config).toMatchObject({
      experimentName: 'mnist',
      trialCodeDirectory: '/work/code',
      trialGpuNumber: 1,
      maxTrialNumber: 50,
      maxExperimentDuration: 5400,
      maxTrialDuration: 600,
      assessor: { name: 'Medianstop', classArgs: { direction: 'maximize', startStep: 0 } },
      trainingService: { platform: 'local', useActiveGpu: true, maxTrialNumberPerGpu: 2, gpuIndices: [0, 2] },
      experimentWorkingDirectory: join(homedir(), 'runs'),
      seed: 7,
      debug: true,
      logLevel: 'debug',
    });
  });

  it('accepts every form of gpuIndices and an explicit log level', () => {
    const gpus = (gpuIndices: unknown) => (parseExperimentConfig({ ...minimal, trainingService: { platform: 'local', gpuIndices } }).trainingService as { gpuIndices?: number[] }).gpuIndices;
    expect(gpus(1)).toEqual([1]);
    expect(gpus([0, 3])).toEqual([0, 3]);
    expect(gpus('2')).toEqual([2]);
    expect(parseExperimentConfig({ ...minimal, debug: true, logLevel: 'warning' }).logLevel).toBe('warning');
  });

  it('treats null (an empty YAML value) as "not set"', () => {
    const config = parseExperimentConfig(`${JSON.stringify(minimal).slice(0, -1)}, "maxTrialNumber": null, "experimentName": null, "assessor": null}`, { baseDir });
    expect(config).toStrictEqual(parseExperimentConfig(minimal, { baseDir }));
  });

  it('gives the same config when parsing a canonical config again', () => {
    for (const input of [
      minimal,
      { ...minimal, tuner: { name: 'hyperband', classArgs: { R: 27, optimize_mode: 'minimize', seed: 'abc' } }, assessor: { name: 'curvefitting', classArgs: { epoch_num: 10 } } },
      { ...minimal, trainingService: { platform: 'local', gpuIndices: '1,2' }, maxExperimentDuration: '2d', trialCodeDirectory: 'src' },
      { trialCommand: 'node trial.js', trialConcurrency: 1, experimentType: 'nas' },
    ]) {
      const canonical = parseExperimentConfig(input, { baseDir });
      expect(parseExperimentConfig(canonical, { baseDir: '/elsewhere' })).toStrictEqual(canonical);
      expect(parseExperimentConfig(JSON.stringify(canonical))).toStrictEqual(canonical);
    }
  });

  it('lets a NAS experiment leave the search space and the tuner to code', () => {
    const config = parseExperimentConfig({ trialCommand: 'node trial.js', trialConcurrency: 1, experimentType: 'nas' }, { baseDir });
    expect(config.experimentType).toBe('nas');
    expect(config.searchSpace).toBeUndefined();
    expect(config.tuner).toBeUndefined();
  });

  it('accepts the reference\'s "advisor" as the tuner', () => {
    const config = parseExperimentConfig({ ...minimal, tuner: undefined, advisor: { name: 'BOHB', classArgs: { optimize_mode: 'maximize', max_budget: 27 } } });
    expect(config.tuner).toMatchObject({ name: 'BOHB', classArgs: { minBudget: 1, maxBudget: 27, eta: 3 } });
  });
});

describe('parseExperimentConfig: errors name the key, what was expected and what was found', () => {
  const cases: [string, Record<string, unknown> | unknown, string, (string | number)[], string][] = [
    ['a missing trialCommand', { ...minimal, trialCommand: undefined }, 'missing-key', ['trialCommand'], 'the required key "trialCommand" is missing'],
    ['an empty trialCommand', { ...minimal, trialCommand: '' }, 'invalid-value', ['trialCommand'], 'received ""'],
    ['trialConcurrency 0', { ...minimal, trialConcurrency: 0 }, 'invalid-value', ['trialConcurrency'], 'expected an integer > 0 (how many trials run at once), received 0'],
    ['a fractional trialConcurrency', { ...minimal, trialConcurrency: 1.5 }, 'invalid-value', ['trialConcurrency'], 'received 1.5'],
    ['a string trialConcurrency', { ...minimal, trialConcurrency: '2' }, 'invalid-value', ['trialConcurrency'], 'received "2"'],
    ['maxTrialNumber 0', { ...minimal, maxTrialNumber: 0 }, 'invalid-value', ['maxTrialNumber'], 'received 0'],
    ['a duration with a long unit', { ...minimal, maxExperimentDuration: '10 minutes' }, 'invalid-value', ['maxExperimentDuration'], 'received "10 minutes"'],
    ['a negative trial duration', { ...minimal, maxTrialDuration: -5 }, 'invalid-value', ['maxTrialDuration'], 'received -5'],
    ['a misspelt key', { ...minimal, maxTrialNumbers: 10 }, 'unknown-key', ['maxTrialNumbers'], 'unknown key "maxTrialNumbers" (did you mean "maxTrialNumber"?)'],
    ['a snake_case key', { ...minimal, trial_gpu_number: 0 }, 'unknown-key', ['trial_gpu_number'], 'did you mean "trialGpuNumber"?'],
    ['a reference key left out on purpose', { ...minimal, nniManagerIp: '1.2.3.4' }, 'unknown-key', ['nniManagerIp'], 'this machine only'],
    ['both searchSpace and searchSpaceFile', { ...minimal, searchSpaceFile: 'space.json' }, 'conflicting-keys', ['searchSpaceFile'], 'keep exactly one'],
    ['no search space', { ...minimal, searchSpace: undefined }, 'missing-key', ['searchSpace'], 'searchSpaceFile'],
    ['no tuner', { ...minimal, tuner: undefined }, 'missing-key', ['tuner'], 'TPE'],
    ['a tuner and an advisor', { ...minimal, advisor: { name: 'BOHB' } }, 'conflicting-keys', ['advisor'], 'keep exactly one'],
    ['a custom tuner', { ...minimal, tuner: { className: 'my.Tuner', codeDirectory: '.' } }, 'unknown-key', ['tuner', 'className'], 'custom tuners'],
    ['a tuner that is not an object', { ...minimal, tuner: 'TPE' }, 'invalid-value', ['tuner'], 'received "TPE"'],
    ['classArgs that are a list', { ...minimal, tuner: { name: 'TPE', classArgs: [1] } }, 'invalid-value', ['tuner', 'classArgs'], 'received [1]'],
    ['a remote platform', { ...minimal, trainingService: { platform: 'remote', machineList: [] } }, 'unsupported-platform', ['trainingService', 'platform'], 'received "remote"'],
    ['no platform', { ...minimal, trainingService: { useActiveGpu: true } }, 'missing-key', ['trainingService', 'platform'], '"local"'],
    ['a list of training services', { ...minimal, trainingService: [{ platform: 'local' }] }, 'invalid-value', ['trainingService'], 'hybrid'],
    ['an unknown trainingService key', { ...minimal, trainingService: { platform: 'local', reuseMode: true } }, 'unknown-key', ['trainingService', 'reuseMode'], 'this machine only'],
    ['bad gpuIndices', { ...minimal, trainingService: { platform: 'local', gpuIndices: '0,x' } }, 'invalid-value', ['trainingService', 'gpuIndices'], 'received "0,x"'],
    ['an unknown log level', { ...minimal, logLevel: 'verbose' }, 'invalid-value', ['logLevel'], 'expected one of fatal, error, warning, info, debug, trace, received "verbose"'],
    ['an unknown experiment type', { ...minimal, experimentType: 'rl' }, 'invalid-value', ['experimentType'], 'received "rl"'],
    ['a debug flag as a string', { ...minimal, debug: 'yes' }, 'invalid-value', ['debug'], 'expected true or false'],
    ['a search space that is a list', { ...minimal, searchSpace: [1, 2] }, 'invalid-search-space', ['searchSpace'], 'received [1,2]'],
    ['a bad search-space bound', { ...minimal, searchSpace: { lr: { _type: 'loguniform', _value: [0, 1] } } }, 'invalid-search-space', ['searchSpace', 'lr', '_value', 0], 'low > 0'],
    ['an unknown search-space type', { ...minimal, searchSpace: { lr: { _type: 'gaussian', _value: [0, 1] } } }, 'invalid-search-space', ['searchSpace', 'lr', '_type'], '"gaussian"'],
    ['two different seeds', { ...minimal, seed: 1, tuner: { name: 'TPE', classArgs: { seed: 2 } } }, 'conflicting-keys', ['tuner', 'classArgs', 'seed'], 'keep one'],
    [
      'an assessor minimizing while the tuner maximizes',
      { ...minimal, assessor: { name: 'Medianstop', classArgs: { optimize_mode: 'minimize' } } },
      'conflicting-keys',
      ['assessor', 'classArgs', 'optimize_mode'],
      'expected "maximize", the tuner\'s direction',
    ],
    ['a number instead of a config', 42, 'invalid-value', [], 'expected an object of experiment settings'],
    ['a list instead of a config', [minimal], 'invalid-value', [], 'expected an object of experiment settings'],
  ];
  it.each(cases)('%s', (_what, input, code, path, message) => {
    const error = configErrorOf(input);
    expect(error.code).toBe(code);
    expect(error.path).toEqual(path);
    expect(error.message).toContain(message);
  });

  it('says where in the text the offending value is', () => {
    const error = configErrorOf(`searchSpace: {x: {_type: choice, _value: [1]}}
trialCommand: node trial.js
trialConcurrency: 0
tuner: {name: TPE}
`);
    expect(error.path).toEqual(['trialConcurrency']);
    expect(error.location).toEqual({ file: 'config.yml', line: 3, column: 1 });
    expect(error.message).toMatch(/config\.yml:3:1\)$/);
    const nested = configErrorOf(`searchSpace: {x: {_type: choice, _value: []}}
trialCommand: node trial.js
trialConcurrency: 1
tuner: {name: TPE}
`);
    expect(nested.path).toEqual(['searchSpace', 'x', '_value']);
    expect(nested.location).toMatchObject({ line: 1 });
  });

  it('reports text that is not YAML or JSON, duplicate keys included, with its line', () => {
    const syntax = configErrorOf('trialCommand: [unclosed\ntrialConcurrency: 1\n');
    expect(syntax.code).toBe('config-syntax');
    expect(syntax.location?.line).toBeGreaterThanOrEqual(1);
    const duplicate = configErrorOf('trialCommand: a\ntrialConcurrency: 1\ntrialCommand: b\n');
    expect(duplicate.code).toBe('config-syntax');
    expect(duplicate.location?.line).toBe(3);
  });

  it('reports a YAML scalar or an empty document as "not an object"', () => {
    expect(configErrorOf('just a sentence').code).toBe('invalid-value');
    expect(configErrorOf('').path).toEqual([]);
  });
});
