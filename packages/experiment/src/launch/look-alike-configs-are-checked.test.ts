/**
 * `startExperiment` skips checking only a config `parseExperimentConfig` returned: an object that
 * merely has a canonical config's keys (`trainingService`, `experimentWorkingDirectory`) is checked
 * like any other input, so a hostile or mistaken one is refused before anything is written.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { isCheckedConfig, parseExperimentConfig } from '../config/parse-experiment-config.js';
import { startExperiment } from './launch-experiment.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('configs handed to startExperiment', () => {
  it('checks an object that only looks canonical, and writes nothing', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'archspace-lookalike-'));
    dirs.push(workDir);
    const lookAlike = {
      trainingService: { platform: 'local' },
      experimentWorkingDirectory: workDir,
      trialCommand: 'node trial.js',
      trialCodeDirectory: workDir,
      trialConcurrency: -3,
      searchSpace: { x: { _type: 'choice', _value: [1, 2] } },
      tuner: { name: 'Random' },
    };
    await expect(startExperiment(lookAlike)).rejects.toThrow(ConfigError);
    await expect(startExperiment(lookAlike)).rejects.toThrow(/trialConcurrency/);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('knows the configs parseExperimentConfig returned, and only those', () => {
    const config = parseExperimentConfig({ trialCommand: 'node trial.js', trialCodeDirectory: tmpdir(), trialConcurrency: 1, searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, tuner: { name: 'Random' } });
    expect(isCheckedConfig(config)).toBe(true);
    expect(isCheckedConfig({ ...config })).toBe(false);
    expect(isCheckedConfig(JSON.parse(JSON.stringify(config)))).toBe(false);
    for (const value of [undefined, null, 1, 'config', []]) expect(isCheckedConfig(value)).toBe(false);
  });
});
