/**
 * The median stopping rule at its boundaries: the median of an even number of averages is the mean
 * of the middle two (of the sorted averages), a trial exactly at the median goes on, others with
 * exactly as many results as the trial count, and averages that are NaN are left out.
 */
import { describe, expect, it } from 'vitest';
import type { TrialCurve } from './assessor.js';
import { MedianStop } from './median-stop.js';

const curve = (id: number, intermediates: number[]): TrialCurve => ({ id, intermediates });
/** Others with one result each: the running averages at step 1 are these values. */
const at1 = (...values: number[]): TrialCurve[] => values.map((v, i) => curve(i + 1, [v]));
const assess = (best: number, others: readonly TrialCurve[]) => new MedianStop().assess(curve(0, [best]), others, 'maximize');

describe('MedianStop boundaries', () => {
  it('takes the median of the sorted averages', () => {
    // Sorted 2, 3, 10: median 3 (the middle one unsorted would be 2).
    expect(assess(2.5, at1(10, 2, 3))).toBe('stop');
    expect(assess(3, at1(10, 2, 3))).toBe('continue');
  });

  it('takes the mean of the middle two of an even number of averages', () => {
    // 4, 1, 3, 2: median 2.5.
    expect(assess(2.4, at1(4, 1, 3, 2))).toBe('stop');
    expect(assess(2.6, at1(4, 1, 3, 2))).toBe('continue');
  });

  it('lets a trial exactly at the median go on', () => {
    expect(assess(2.5, at1(4, 1, 3, 2))).toBe('continue');
    expect(assess(2, at1(1, 2, 3))).toBe('continue');
  });

  it('counts others with exactly as many results as the trial', () => {
    expect(assess(0.5, at1(1))).toBe('stop');
    expect(new MedianStop().assess(curve(0, [0.5, 0.5]), [curve(1, [1, 1]), curve(2, [9])], 'maximize')).toBe('stop');
  });

  it('leaves out NaN averages', () => {
    expect(assess(0.5, at1(1, Number.NaN))).toBe('stop');
    expect(assess(1.5, at1(1, Number.NaN))).toBe('continue');
  });
});
