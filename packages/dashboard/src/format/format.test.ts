import { describe, expect, it } from 'vitest';
import { formatDuration, formatMetric, formatSeconds, formatTime, formatValue, NONE, percentOf } from './format.js';

describe('formatMetric', () => {
  it('keeps six significant digits', () => {
    expect(formatMetric(0.934567891)).toBe('0.934568');
    expect(formatMetric(12.5)).toBe('12.5');
    expect(formatMetric(-3)).toBe('-3');
  });
  it('uses exponents for very large and very small values', () => {
    expect(formatMetric(1.23456e9)).toBe('1.235e+9');
    expect(formatMetric(0.0000123)).toBe('1.230e-5');
  });
  it('writes missing and infinite values', () => {
    expect(formatMetric(null)).toBe(NONE);
    expect(formatMetric(Number.NaN)).toBe(NONE);
    expect(formatMetric(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatMetric(0)).toBe('0');
  });
});

describe('formatDuration', () => {
  it('writes the two largest units', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(123_000)).toBe('2 min 03 s');
    expect(formatDuration(3_723_000)).toBe('1 h 02 min');
    expect(formatDuration(90_000_000)).toBe('1 d 01 h');
  });
  it('writes missing and invalid durations as none', () => {
    expect(formatDuration(null)).toBe(NONE);
    expect(formatDuration(-5)).toBe(NONE);
  });
  it('reads seconds for limits', () => {
    expect(formatSeconds(3600)).toBe('1 h 00 min');
    expect(formatSeconds(null)).toBe(NONE);
  });
});

describe('formatTime', () => {
  it('writes a local date and time to the second', () => {
    const ms = new Date(2026, 0, 2, 3, 4, 5).getTime();
    expect(formatTime(ms)).toBe('2026-01-02 03:04:05');
    expect(formatTime(null)).toBe(NONE);
  });
});

describe('formatValue', () => {
  it('writes strings as they are and other values as JSON', () => {
    expect(formatValue('conv3x3')).toBe('conv3x3');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatValue({ a: true })).toBe('{"a":true}');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(undefined)).toBe(NONE);
  });
  it('cuts long values', () => {
    const text = formatValue('x'.repeat(200), 10);
    expect(text).toHaveLength(10);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('percentOf', () => {
  it('clamps to 0…100 and has no whole when the limit is unset', () => {
    expect(percentOf(5, 20)).toBe(25);
    expect(percentOf(30, 20)).toBe(100);
    expect(percentOf(5, null)).toBe(0);
    expect(percentOf(5, 0)).toBe(0);
  });
});
