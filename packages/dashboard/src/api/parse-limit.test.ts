import { describe, expect, it } from 'vitest';
import { parseLimit } from './experiment-actions.js';

describe('parseLimit', () => {
  it('accepts positive integers for counts only', () => {
    expect(parseLimit('TRIAL_CONCURRENCY', ' 4 ')).toBe(4);
    expect(parseLimit('MAX_TRIAL_NUM', '0')).toBeUndefined();
    expect(parseLimit('MAX_TRIAL_NUM', '2.5')).toBeUndefined();
    expect(parseLimit('TRIAL_CONCURRENCY', '-1')).toBeUndefined();
    expect(parseLimit('TRIAL_CONCURRENCY', '')).toBeUndefined();
  });

  it('accepts seconds or a number with a unit for the duration', () => {
    expect(parseLimit('MAX_EXEC_DURATION', '3600')).toBe(3600);
    expect(parseLimit('MAX_EXEC_DURATION', '1.5 h')).toBe('1.5h');
    expect(parseLimit('MAX_EXEC_DURATION', '30m')).toBe('30m');
    expect(parseLimit('MAX_EXEC_DURATION', '0')).toBeUndefined();
    expect(parseLimit('MAX_EXEC_DURATION', '10 weeks')).toBeUndefined();
  });
});
