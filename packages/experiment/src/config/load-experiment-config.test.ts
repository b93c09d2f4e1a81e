import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadExperimentConfig } from './parse-experiment-config.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** Writes `files` into a new folder and returns its path. */
function project(files: Record<string, string>): string {
  const dir = join(root, `project-${folders++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function configErrorOf(file: string): ConfigError {
  try {
    loadExperimentConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

const yamlConfig = (space: string) => `experimentName: demo
searchSpaceFile: ${space}
trialCommand: python3 train.py
trialCodeDirectory: code
trialConcurrency: 1
tuner:
  name: Random
`;

describe('loadExperimentConfig', () => {
  it('reads a YAML config and a YAML search-space file, both relative to the config file', () => {
    const dir = project({
      'exp/config.yml': yamlConfig('spaces/space.yml'),
      'exp/spaces/space.yml': 'lr:\n  _type: uniform\n  _value: [0.1, 0.5]\n',
    });
    const config = loadExperimentConfig(join(dir, 'exp/config.yml'));
    expect(config.searchSpace).toEqual({ lr: { _type: 'uniform', _value: [0.1, 0.5] } });
    expect(config.trialCodeDirectory).toBe(join(dir, 'exp/code'));
    expect(config).not.toHaveProperty('searchSpaceFile');
  });

  it('reads a JSON config and a JSON search-space file', () => {
    const dir = project({
      'config.json': JSON.stringify({ searchSpaceFile: 'space.json', trialCommand: 'node t.js', trialConcurrency: 3, tuner: { name: 'GridSearch' } }),
      'space.json': JSON.stringify({ k: { _type: 'choice', _value: [1, 2, 3] } }),
    });
    const config = loadExperimentConfig(join(dir, 'config.json'));
    expect(config.searchSpace).toEqual({ k: { _type: 'choice', _value: [1, 2, 3] } });
    expect(config.trialCodeDirectory).toBe(dir);
  });

  it('says when the config file cannot be read', () => {
    const error = configErrorOf(join(root, 'nowhere', 'config.yml'));
    expect(error.code).toBe('config-file-not-found');
    expect(error.message).toContain('ENOENT');
  });

  it('says when the search-space file cannot be read, pointing at the key in the config', () => {
    const dir = project({ 'config.yml': yamlConfig('missing.json') });
    const error = configErrorOf(join(dir, 'config.yml'));
    expect([error.code, error.path]).toEqual(['file-not-found', ['searchSpaceFile']]);
    expect(error.received).toBe(join(dir, 'missing.json'));
    expect(error.location).toMatchObject({ file: join(dir, 'config.yml'), line: 2 });
  });

  it('reports a malformed search-space file with its own line', () => {
    const dir = project({ 'config.yml': yamlConfig('space.yml'), 'space.yml': 'lr:\n  _type: uniform\n  _value: [0.1, 0.5\n' });
    const error = configErrorOf(join(dir, 'config.yml'));
    expect([error.code, error.path]).toEqual(['config-syntax', ['searchSpaceFile']]);
    expect(error.location?.file).toBe(join(dir, 'space.yml'));
  });

  it('reports an invalid search space at its key in the search-space file', () => {
    const dir = project({ 'config.yml': yamlConfig('space.yml'), 'space.yml': 'lr:\n  _type: uniform\n  _value: [0.5, 0.1]\n' });
    const error = configErrorOf(join(dir, 'config.yml'));
    expect([error.code, error.path]).toEqual(['invalid-search-space', ['searchSpaceFile', 'lr', '_value']]);
    expect(error.message).toContain('low < high');
    expect(error.location).toEqual({ file: join(dir, 'space.yml'), line: 3, column: 3 });
  });

  it('names the config file and line of an invalid value', () => {
    const dir = project({ 'config.yml': yamlConfig('space.json').replace('trialConcurrency: 1', 'trialConcurrency: -1'), 'space.json': '{"x": {"_type": "choice", "_value": [1]}}' });
    const file = join(dir, 'config.yml');
    const error = configErrorOf(file);
    expect(error.path).toEqual(['trialConcurrency']);
    expect(error.message.endsWith(`(${file}:5:1)`)).toBe(true);
  });
});
