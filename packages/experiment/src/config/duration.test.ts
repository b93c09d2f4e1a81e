import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { durationSeconds, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads seconds and the units s, m, h and d', () => {
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration(0.5)).toBe(0.5);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('2d')).toBe(172_800);
    expect(parseDuration(' 10 M ')).toBe(600);
    expect(parseDuration('.5h')).toBe(1800);
  });

  it('refuses zero, negative, unit-less, unknown-unit and non-finite durations, naming the path', () => {
    for (const bad of [0, -1, '0s', '-5m', '10', '10 minutes', '1w', 'h', '', Number.NaN, Number.POSITIVE_INFINITY, '1e3s', null, true, [60]]) {
      expect(durationSeconds(bad)).toBeUndefined();
      let error: unknown;
      try {
        parseDuration(bad, ['maxTrialDuration']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toEqual(['maxTrialDuration']);
      expect((error as ConfigError).message).toContain('1.5h');
    }
  });
});
