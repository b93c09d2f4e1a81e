/**
 * The reference's v1 config keys: each maps to its v2 key (a v1 config and its v2 twin give the same
 * canonical config), and each key archspace cannot honour is an error naming it and what is allowed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { fromLegacyKeys } from './nni-legacy-config.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const dir = mkdtempSync(join(tmpdir(), 'archspace-v1-config-'));
writeFileSync(join(dir, 'search_space.json'), JSON.stringify({ lr: { _type: 'choice', _value: [0.1, 0.01] } }));
const parse = (config: unknown) => parseExperimentConfig(config, { baseDir: dir });

const configErrorOf = (run: () => unknown): ConfigError => errorThrownBy(run, ConfigError);

const v1 = {
  authorName: 'default',
  experimentName: 'example_mnist',
  trialConcurrency: 2,
  maxExecDuration: '1h',
  maxTrialNum: 10,
  maxTrialDuration: '10m',
  trainingServicePlatform: 'local',
  searchSpacePath: 'search_space.json',
  useAnnotation: false,
  logDir: './experiments',
  logLevel: 'debug',
  versionCheck: true,
  multiThread: false,
  logCollection: 'none',
  tuner: { builtinTunerName: 'TPE', classArgs: { optimize_mode: 'maximize' } },
  assessor: { builtinAssessorName: 'Medianstop', classArgs: { optimize_mode: 'maximize', start_step: 3 } },
  trial: { command: 'python3 mnist.py', codeDir: '.', gpuNum: 0 },
};
const v2 = {
  experimentName: 'example_mnist',
  trialConcurrency: 2,
  maxExperimentDuration: '1h',
  maxTrialNumber: 10,
  maxTrialDuration: '10m',
  trainingService: { platform: 'local' },
  searchSpaceFile: 'search_space.json',
  experimentWorkingDirectory: './experiments',
  logLevel: 'debug',
  tuner: { name: 'TPE', classArgs: { optimize_mode: 'maximize' } },
  assessor: { name: 'Medianstop', classArgs: { optimize_mode: 'maximize', start_step: 3 } },
  trialCommand: 'python3 mnist.py',
  trialCodeDirectory: '.',
  trialGpuNumber: 0,
};

describe('v1 keys map to v2 keys', () => {
  it('gives a v1 config the canonical config of its v2 twin', () => {
    const canonical = parse(v1);
    expect(canonical).toEqual(parse(v2));
    expect(canonical).toMatchObject({
      maxExperimentDuration: 3600,
      maxTrialNumber: 10,
      trialCommand: 'python3 mnist.py',
      trialCodeDirectory: dir,
      trialGpuNumber: 0,
      experimentWorkingDirectory: join(dir, 'experiments'),
      searchSpace: { lr: { _type: 'choice', _value: [0.1, 0.01] } },
      tuner: { name: 'TPE' },
      assessor: { name: 'Medianstop', classArgs: { startStep: 3 } },
    });
  });

  it.each([
    ['maxExecDuration', { maxExecDuration: '2h' }, { maxExperimentDuration: '2h' }],
    ['maxTrialNum', { maxTrialNum: 3 }, { maxTrialNumber: 3 }],
    ['searchSpacePath', { searchSpacePath: 'search_space.json', searchSpace: undefined }, { searchSpaceFile: 'search_space.json', searchSpace: undefined }],
    ['logDir', { logDir: '/tmp/x' }, { experimentWorkingDirectory: '/tmp/x' }],
    ['trainingServicePlatform', { trainingServicePlatform: 'local' }, { trainingService: { platform: 'local' } }],
    [
      'localConfig',
      { trialGpuNumber: 1, trainingServicePlatform: 'local', localConfig: { gpuIndices: '0,1', maxTrialNumPerGpu: 2, useActiveGpu: true } },
      { trialGpuNumber: 1, trainingService: { platform: 'local', gpuIndices: '0,1', maxTrialNumberPerGpu: 2, useActiveGpu: true } },
    ],
    ['trial', { trial: { command: 'python3 t.py', codeDir: 'sub', gpuNum: 1 }, trialCommand: undefined }, { trialCommand: 'python3 t.py', trialCodeDirectory: 'sub', trialGpuNumber: 1 }],
    ['builtinTunerName', { tuner: { builtinTunerName: 'Anneal', classArgs: { optimize_mode: 'minimize' } } }, { tuner: { name: 'Anneal', classArgs: { optimize_mode: 'minimize' } } }],
    ['builtinAssessorName', { assessor: { builtinAssessorName: 'Curvefitting', classArgs: { epoch_num: 20 } } }, { assessor: { name: 'Curvefitting', classArgs: { epoch_num: 20 } } }],
    ['builtinAdvisorName', { tuner: undefined, advisor: { builtinAdvisorName: 'Hyperband', classArgs: { R: 9 } } }, { tuner: undefined, advisor: { name: 'Hyperband', classArgs: { R: 9 } } }],
    ['authorName and the other ignored keys', { authorName: 'me', versionCheck: false, multiThread: true, logCollection: 'http', useAnnotation: false }, {}],
  ])('%s', (_key, legacy, modern) => {
    const minimal = { searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, trialCommand: 'python3 trial.py', trialConcurrency: 1, tuner: { name: 'TPE' } };
    expect(parse({ ...minimal, ...legacy })).toEqual(parse({ ...minimal, ...modern }));
  });

  it('takes the hyperopt tuners\' old classArgs: parallel_optimize dropped, constant_liar_type min/max as best/worst', () => {
    const minimal = { searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, trialCommand: 'python3 trial.py', trialConcurrency: 1 };
    const tpe = (classArgs: Record<string, unknown>) => parse({ ...minimal, tuner: { builtinTunerName: 'TPE', classArgs } }).tuner!.classArgs;
    expect(tpe({ optimize_mode: 'maximize', parallel_optimize: true, constant_liar_type: 'min' })).toEqual(tpe({ constant_liar_type: 'best' }));
    expect(tpe({ parallel_optimize: false, constant_liar_type: 'max' })).toMatchObject({ constantLiar: 'worst' });
    expect(tpe({ constant_liar_type: 'mean' })).toMatchObject({ constantLiar: 'mean' });
    expect(parse({ ...minimal, tuner: { name: 'Anneal', classArgs: { parallel_optimize: true, constant_liar_type: 'min' } } }).tuner!.classArgs).toEqual(parse({ ...minimal, tuner: { name: 'Anneal' } }).tuner!.classArgs);
    // Only hyperopt tuners took them.
    expect(configErrorOf(() => parse({ ...minimal, tuner: { name: 'Evolution', classArgs: { parallel_optimize: true } } })).path).toEqual(['tuner', 'classArgs', 'parallel_optimize']);
    expect(configErrorOf(() => parse({ ...minimal, tuner: { name: 'TPE', classArgs: { parallel_optimize: 'yes' } } })).path).toEqual(['tuner', 'classArgs', 'parallel_optimize']);
  });

  it('reads a v1 YAML file as written in the reference\'s examples', () => {
    const yaml = ['authorName: default', 'trialConcurrency: 1', 'trainingServicePlatform: local', 'searchSpacePath: search_space.json', 'useAnnotation: false', 'tuner:', '  builtinTunerName: Evolution', '  classArgs:', '    optimize_mode: maximize', '    population_size: 8', 'trial:', '  command: python3 mnist.py', '  codeDir: .', '  gpuNum: 0'].join('\n');
    expect(parse(yaml).tuner).toEqual({ name: 'NaiveEvolution', classArgs: { direction: 'maximize', populationSize: 8, dedup: true } });
  });

  it('leaves v2 keys, and keys such as __proto__, as they are', () => {
    const config = JSON.parse('{"trialConcurrency": 1, "__proto__": {"polluted": true}, "trial": {"command": "x"}}') as unknown;
    const { value } = fromLegacyKeys(config);
    expect(Object.keys(value as object)).toEqual(['trialConcurrency', '__proto__', 'trialCommand']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(fromLegacyKeys('text').value).toBe('text');
  });
});

describe('v1 keys archspace cannot honour are errors naming the key', () => {
  const minimal = { searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, trialConcurrency: 1, trial: { command: 'python3 trial.py' }, tuner: { builtinTunerName: 'TPE' } };
  it.each([
    ['another platform', { trainingServicePlatform: 'remote' }, 'unsupported-platform', ['trainingServicePlatform'], 'trainingServicePlatform "remote" is not supported: expected "local"'],
    ['an unknown platform', { trainingServicePlatform: 'moon' }, 'unsupported-platform', ['trainingServicePlatform'], '"moon" is not a platform'],
    ['a machine list', { machineList: [{ ip: '10.0.0.1' }] }, 'unsupported-key', ['machineList'], 'the key "machineList" is not supported: archspace runs trials as processes on this machine'],
    ['a PAI section', { paiConfig: { host: 'x' } }, 'unsupported-key', ['paiConfig'], 'not supported'],
    ['a kubeflow section', { kubeflowConfig: {} }, 'unsupported-key', ['kubeflowConfig'], 'not supported'],
    ['a cluster resource of the trial', { trial: { command: 'x', cpuNum: 2 } }, 'unsupported-key', ['trial', 'cpuNum'], 'the key "trial.cpuNum" is not supported: a trial section has only command, codeDir and gpuNum'],
    ['a docker image', { trial: { command: 'x', image: 'msranni/nni' } }, 'unsupported-key', ['trial', 'image'], 'trial.image'],
    ['a trial section that is not an object', { trial: 'python3 x.py' }, 'invalid-value', ['trial'], 'an object {command, codeDir, gpuNum?}'],
    ['an unknown localConfig key', { localConfig: { gpuNum: 1 } }, 'unsupported-key', ['localConfig', 'gpuNum'], 'localConfig has only gpuIndices, maxTrialNumPerGpu, useActiveGpu'],
    ['a custom tuner', { tuner: { codeDir: '.', classFileName: 'my.py', className: 'My' } }, 'unsupported-key', ['tuner', 'codeDir'], 'custom tuners and assessors are not supported'],
    ['tuner GPUs', { tuner: { builtinTunerName: 'TPE', gpuIndices: '0' } }, 'unsupported-key', ['tuner', 'gpuIndices'], 'on the CPU'],
    ['intermediate results for the tuner', { tuner: { builtinTunerName: 'TPE', includeIntermediateResults: true } }, 'unsupported-key', ['tuner', 'includeIntermediateResults'], 'final results'],
    ['the manager\'s address', { nniManagerIp: '10.0.0.1' }, 'unknown-key', ['nniManagerIp'], 'this machine only'],
    ['a v1 and a v2 spelling of one setting', { maxTrialNum: 3, maxTrialNumber: 4 }, 'conflicting-keys', ['maxTrialNumber'], '"maxTrialNum" and "maxTrialNumber" both set maxTrialNumber'],
    ['trial.command and trialCommand', { trialCommand: 'y' }, 'conflicting-keys', ['trialCommand'], '"trial.command" and "trialCommand" both set trialCommand'],
    ['builtinTunerName and name', { tuner: { builtinTunerName: 'TPE', name: 'Random' } }, 'conflicting-keys', ['tuner', 'builtinTunerName'], 'keep one'],
    ['trainingServicePlatform and trainingService', { trainingService: { platform: 'local' }, trainingServicePlatform: 'local' }, 'conflicting-keys', ['trainingServicePlatform'], 'both set trainingService'],
  ])('%s', (_what, change, code, path, message) => {
    const error = configErrorOf(() => parse({ ...minimal, ...change }));
    expect([error.code, error.path]).toEqual([code, path]);
    expect(error.message).toContain(message);
  });

  it('names a rewritten key as written, with its line, when its value is refused', () => {
    const text = ['trialConcurrency: 1', 'searchSpace: {x: {_type: choice, _value: [1]}}', 'maxTrialNum: 0', 'trial:', '  command: python3 t.py', '  gpuNum: 0', 'tuner: {builtinTunerName: TPE}'].join('\n');
    const error = configErrorOf(() => parseExperimentConfig(text, { baseDir: dir, file: 'config.yml' }));
    expect(error.path).toEqual(['maxTrialNum']);
    expect(error.location).toMatchObject({ file: 'config.yml', line: 3 });
    const gpu = configErrorOf(() => parseExperimentConfig(text.replace('maxTrialNum: 0', 'maxTrialNum: 5').replace('gpuNum: 0', 'gpuNum: -1'), { baseDir: dir }));
    expect([gpu.path, gpu.location?.line]).toEqual([['trial', 'gpuNum'], 6]);
    const local = configErrorOf(() => parse({ ...minimal, localConfig: { maxTrialNumPerGpu: 0 } }));
    expect(local.path).toEqual(['localConfig', 'maxTrialNumPerGpu']);
    const tunerName = configErrorOf(() => parse({ ...minimal, tuner: { builtinTunerName: 'Nope' } }));
    expect([tunerName.code, tunerName.path]).toEqual(['unknown-tuner', ['tuner', 'builtinTunerName']]);
  });

  it('throws only ConfigErrors on any mix of v1 keys and values', () => {
    const keys = ['authorName', 'trialConcurrency', 'maxExecDuration', 'maxTrialNum', 'searchSpacePath', 'trainingServicePlatform', 'localConfig', 'logDir', 'useAnnotation', 'trial', 'tuner', 'assessor', 'advisor', 'machineList', '__proto__', 'constructor'];
    const value = fc.oneof(fc.constantFrom<unknown>('local', 'remote', 1, 0, -1, true, false, null, '1h', 'search_space.json'), fc.dictionary(fc.constantFrom('command', 'codeDir', 'gpuNum', 'builtinTunerName', 'builtinAssessorName', 'classArgs', 'name', 'cpuNum', 'gpuIndices', 'constructor'), fc.constantFrom<unknown>('TPE', 'x', 0, 2, null, {}, [])));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (config) => {
        try {
          parse(config);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
