/**
 * An object with a `length` key where the config wants a string (`{ length: {} }` from YAML or JSON)
 * is a ConfigError naming the key. zod's length checks run on such objects and threw a TypeError
 * ("Cannot convert object to primitive value"), found by the fuzz suite.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const base = { searchSpace: { x: { _type: 'choice', _value: [1] } }, trialCommand: 'true', trialConcurrency: 1, tuner: { name: 'Random' } };
const lookAlike = { length: Object.create(null) as object };

describe('length look-alikes in a config', () => {
  it.each([
    ['trialCommand', { ...base, trialCommand: lookAlike }],
    ['seed', { ...base, seed: lookAlike }],
    ['experimentName', { ...base, experimentName: lookAlike }],
    ['trainingService.url', { ...base, trainingService: { platform: 'redis', url: lookAlike, queue: 'q' } }],
    ['tuner seed', { ...base, tuner: { name: 'TPE', classArgs: { seed: lookAlike } } }],
  ])('%s is a ConfigError', (_name, config) => {
    expect(() => parseExperimentConfig(config)).toThrow(ConfigError);
  });
});
