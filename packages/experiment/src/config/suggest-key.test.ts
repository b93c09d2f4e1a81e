import { describe, expect, it } from 'vitest';
import { suggestKey } from './suggest-key.js';

describe('suggestKey', () => {
  const known = ['trialConcurrency', 'trialCommand', 'maxTrialNumber', 'maxTrialDuration', 'seed', 'debug'];
  it('finds typos, other cases, snake_case and shortened keys', () => {
    expect(suggestKey('trialConcurency', known)).toBe('trialConcurrency');
    expect(suggestKey('TRIALCOMMAND', known)).toBe('trialCommand');
    expect(suggestKey('max_trial_number', known)).toBe('maxTrialNumber');
    expect(suggestKey('maxTrialNum', known)).toBe('maxTrialNumber');
    expect(suggestKey('sed', known)).toBe('seed');
  });
  it('suggests nothing for a key unlike any known one', () => {
    expect(suggestKey('platform', known)).toBeUndefined();
    expect(suggestKey('x', known)).toBeUndefined();
  });
});

describe('suggestKey between spellings of one key', () => {
  it('prefers the spelling in the style the user wrote', () => {
    const spellings = ['populationSize', 'population_size'];
    expect(suggestKey('populaton_size', spellings)).toBe('population_size');
    expect(suggestKey('populatonSize', spellings)).toBe('populationSize');
  });
});
