import { describe, expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import type { TrialCurve } from './assessor.js';
import { CurveFitting, predictCurve } from './curve-fitting.js';

const steps = (n: number, f: (x: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i + 1));
const saturating = (x: number) => 0.9 - 0.5 * Math.exp(-0.3 * x);

describe('predictCurve', () => {
  it.each([
    ['exponential', saturating],
    ['power law', (x: number) => 0.92 - 0.6 * x ** -0.7],
    ['inverse log', (x: number) => 0.85 - 0.3 / Math.log(x + 1)],
    ['falling loss', (x: number) => 0.2 + 2 * Math.exp(-0.25 * x)],
    ['negative values', (x: number) => -1 + 0.5 * Math.exp(-0.3 * x)],
  ])('predicts the final value of a noise-free %s curve from 6 points', (_name, f) => {
    expect(predictCurve(steps(6, f), 30)).toBeCloseTo(f(30), 3);
  });

  it('predicts a noisy saturating curve within 0.02 from 10 points', () => {
    const errors = Array.from({ length: 20 }, (_, seed) => {
      const rng = createRng(seed);
      const ys = steps(10, (x) => saturating(x) + 0.005 * rng.normal());
      return Math.abs(predictCurve(ys, 30)! - saturating(30));
    }).sort((a, b) => a - b);
    expect(errors[10]).toBeLessThan(0.02); // median
    expect(errors[19]).toBeLessThan(0.15); // worst of 20
  });

  it('gives up on too short or broken curves, and keeps flat ones flat', () => {
    expect(predictCurve([0.1, 0.2], 20)).toBeUndefined();
    expect(predictCurve([0.1, Number.NaN, 0.3], 20)).toBeUndefined();
    expect(predictCurve([0.5, 0.5, 0.5, 0.5], 20)).toBeCloseTo(0.5, 6);
    expect(predictCurve([0, 0, 0], 20)).toBe(0);
  });
});

describe('CurveFitting', () => {
  const finished: TrialCurve = { id: 1, intermediates: steps(20, saturating) }; // final 0.899
  const assessor = new CurveFitting({ epochNum: 20 });

  it('stops a curve heading clearly below the best final value, not a good one', () => {
    expect(assessor.assess({ id: 2, intermediates: steps(6, (x) => 0.6 - 0.3 * Math.exp(-0.3 * x)) }, [finished], 'maximize')).toBe('stop');
    expect(assessor.assess({ id: 3, intermediates: steps(6, (x) => 0.88 - 0.6 * Math.exp(-0.3 * x)) }, [finished], 'maximize')).toBe('continue');
  });

  it('follows the direction', () => {
    const loss = (x: number) => 0.2 + 2 * Math.exp(-0.25 * x);
    const best: TrialCurve = { id: 1, intermediates: steps(20, loss) };
    expect(assessor.assess({ id: 2, intermediates: steps(6, (x) => 0.5 + 2 * Math.exp(-0.25 * x)) }, [best], 'minimize')).toBe('stop');
    expect(assessor.assess({ id: 3, intermediates: steps(6, (x) => 0.19 + 2.2 * Math.exp(-0.25 * x)) }, [best], 'minimize')).toBe('continue');
  });

  it('judges only from startStep, every gap steps, once a trial has finished', () => {
    const poor = (n: number) => ({ id: 2, intermediates: steps(n, (x) => 0.5 - 0.3 * Math.exp(-0.3 * x)) });
    expect(assessor.assess(poor(5), [finished], 'maximize')).toBe('continue');
    expect(assessor.assess(poor(6), [], 'maximize')).toBe('continue');
    expect(assessor.assess(poor(6), [{ id: 3, intermediates: steps(19, saturating) }], 'maximize')).toBe('continue');
    const everyThird = new CurveFitting({ epochNum: 20, startStep: 6, gap: 3 });
    expect([6, 7, 8, 9].map((n) => everyThird.assess(poor(n), [finished], 'maximize'))).toEqual(['stop', 'continue', 'continue', 'stop']);
  });

  it('refuses bad settings', () => {
    expect(() => new CurveFitting({ epochNum: 0 })).toThrow(/epochNum/);
    expect(() => new CurveFitting({ epochNum: 10, threshold: 1.5 })).toThrow(/threshold/);
    expect(() => new CurveFitting({ epochNum: 10, gap: 0 })).toThrow(/gap/);
  });
});
