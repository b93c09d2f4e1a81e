/**
 * `useAnnotation: true`: the search space comes from the annotated trial code, so the config names
 * none; a search space given as well, or a NAS experiment, is refused; a canonical config parses again unchanged.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';

const annotated = { useAnnotation: true, trialCommand: 'python3 train.py', trialConcurrency: 1, tuner: { name: 'TPE' }, experimentWorkingDirectory: '/tmp/archspace-experiments' };

describe('useAnnotation', () => {
  it('needs no search space and is kept in the canonical config', () => {
    const config = parseExperimentConfig(annotated);
    expect(config.useAnnotation).toBe(true);
    expect(config.searchSpace).toBeUndefined();
    expect(parseExperimentConfig(config)).toEqual(config);
  });

  it('is left out of the canonical config when false', () => {
    const config = parseExperimentConfig({ ...annotated, useAnnotation: false, searchSpace: { x: { _type: 'choice', _value: [1] } } });
    expect('useAnnotation' in config).toBe(false);
  });

  it.each([
    ['a search space as well', { searchSpace: { x: { _type: 'choice', _value: [1] } } }, 'remove searchSpace and searchSpaceFile'],
    ['a NAS experiment', { experimentType: 'nas' }, 'it does not apply to nas experiments'],
  ])('refuses %s', (_what, extra, message) => {
    const error = errorThrownBy(() => parseExperimentConfig({ ...annotated, ...extra }), ConfigError);
    expect([error.code, error.path]).toEqual(['conflicting-keys', ['useAnnotation']]);
    expect(error.message).toContain(message);
  });

  it('is a boolean', () => {
    const error = errorThrownBy(() => parseExperimentConfig({ ...annotated, useAnnotation: 'yes' }), ConfigError);
    expect([error.code, error.path]).toEqual(['invalid-value', ['useAnnotation']]);
  });
});
