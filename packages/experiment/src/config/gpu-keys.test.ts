/**
 * GPU keys that cannot be honoured together are refused when the config is read, naming the key
 * (and its line in a YAML file); the v1 keys are named as written.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const minimal = { searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, trialCommand: 'python3 trial.py', trialConcurrency: 2, tuner: { name: 'TPE' } };
const redis = { platform: 'redis', url: 'redis://127.0.0.1:6379', queue: 'q' };

function refusal(input: unknown): ConfigError {
  return errorThrownBy(() => parseExperimentConfig(input, { baseDir: '/work/project' }), ConfigError);
}

describe('GPU keys', () => {
  it.each([
    ['GPUs on the redis platform', { trialGpuNumber: 1, trainingService: redis }, 'conflicting-keys', ['trialGpuNumber'], 'trialGpuNumber is 1 but the redis platform cannot hand GPUs to trials'],
    ['a GPU listed twice', { trialGpuNumber: 1, trainingService: { platform: 'local', gpuIndices: '0,1,0' } }, 'invalid-value', ['trainingService', 'gpuIndices'], 'gpuIndices lists GPU 0 twice'],
    ['more GPUs per trial than listed', { trialGpuNumber: 3, trainingService: { platform: 'local', gpuIndices: [0, 1] } }, 'conflicting-keys', ['trialGpuNumber'], 'trialGpuNumber is 3 but trainingService.gpuIndices lists only 2 GPUs'],
    ['sharing GPUs trials do not get', { trainingService: { platform: 'local', maxTrialNumberPerGpu: 2 } }, 'conflicting-keys', ['trainingService', 'maxTrialNumberPerGpu'], 'it only applies with trialGpuNumber > 0'],
  ])('refuses %s', (_, extra, code, path, message) => {
    const error = refusal({ ...minimal, ...extra });
    expect([error.code, error.path]).toEqual([code, path]);
    expect(error.message).toContain(message);
  });

  it('names the v1 key and its line', () => {
    const yaml = ['trialConcurrency: 1', 'searchSpace: {x: {_type: choice, _value: [1]}}', 'trial:', '  command: python3 t.py', '  gpuNum: 0', 'localConfig:', '  maxTrialNumPerGpu: 2', 'tuner: {builtinTunerName: TPE}'].join('\n');
    const error = refusal(yaml);
    expect([error.path, error.location?.line]).toEqual([['localConfig', 'maxTrialNumPerGpu'], 7]);
  });

  it('accepts what can be honoured, keeping useActiveGpu only when written', () => {
    expect(parseExperimentConfig({ ...minimal, trialGpuNumber: 0, trainingService: redis }).trialGpuNumber).toBe(0);
    const local = parseExperimentConfig({ ...minimal, trialGpuNumber: 2, trainingService: { platform: 'local', gpuIndices: '1,3', maxTrialNumberPerGpu: 2 } }).trainingService;
    expect(local).toStrictEqual({ platform: 'local', maxTrialNumberPerGpu: 2, gpuIndices: [1, 3] });
    expect(parseExperimentConfig({ ...minimal, trainingService: { platform: 'local', useActiveGpu: false } }).trainingService).toStrictEqual({ platform: 'local', useActiveGpu: false, maxTrialNumberPerGpu: 1 });
  });
});
