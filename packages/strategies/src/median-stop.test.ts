import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict } from '@archspace/mutables';
import type { TrialCurve } from './assessor.js';
import { MedianStop } from './median-stop.js';
import { Random } from './random.js';
import { search } from './search.js';

const curve = (id: number, intermediates: number[]): TrialCurve => ({ id, intermediates });
const others = [curve(1, [0.5, 0.6, 0.7, 0.75, 0.8]), curve(2, [0.4, 0.55, 0.65, 0.7, 0.72]), curve(3, [0.45, 0.6, 0.68, 0.74, 0.78])];

describe('MedianStop', () => {
  it('stops a clearly worse curve and lets a better one go on', () => {
    const assessor = new MedianStop();
    // Running averages at step 3: 0.6, 0.533, 0.577 → median 0.577.
    expect(assessor.assess(curve(9, [0.2, 0.3, 0.35]), others, 'maximize')).toBe('stop');
    expect(assessor.assess(curve(9, [0.5, 0.62, 0.7]), others, 'maximize')).toBe('continue');
  });

  it('judges the best value so far, not the last one', () => {
    // Best 0.6 ≥ median 0.577, although the last value dropped.
    expect(new MedianStop().assess(curve(9, [0.6, 0.3, 0.2]), others, 'maximize')).toBe('continue');
  });

  it('follows the direction', () => {
    const losses = others.map((c) => curve(c.id, c.intermediates.map((v) => 1 - v)));
    expect(new MedianStop().assess(curve(9, [0.8, 0.7, 0.65]), losses, 'minimize')).toBe('stop');
    expect(new MedianStop().assess(curve(9, [0.5, 0.38, 0.3]), losses, 'minimize')).toBe('continue');
  });

  it('waits for startStep and for another trial at the same step', () => {
    expect(new MedianStop({ startStep: 4 }).assess(curve(9, [0.1, 0.1, 0.1]), others, 'maximize')).toBe('continue');
    expect(new MedianStop({ startStep: 4 }).assess(curve(9, [0.1, 0.1, 0.1, 0.1]), others, 'maximize')).toBe('stop');
    expect(new MedianStop().assess(curve(9, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]), others, 'maximize')).toBe('continue');
    expect(new MedianStop().assess(curve(9, [0.1]), [], 'maximize')).toBe('continue');
    expect(() => new MedianStop({ startStep: -1 })).toThrow(/startStep/);
  });

  it('stops poor trials in the search loop', async () => {
    const space = new MutableDict({ quality: new Categorical([0.2, 0.4, 0.6, 0.8, 1], { label: 'quality' }) });
    const result = await search(
      space,
      (s, trial) => {
        const q = s['quality'] as number;
        for (let step = 1; step <= 10; step++) trial.report(q * (1 - Math.exp(-step / 3)));
        return q;
      },
      new Random(),
      { maxTrials: 5 },
      { seed: 1, assessor: new MedianStop({ startStep: 2 }) },
    );
    const stopped = result.trials.filter((t) => t.outcome.status === 'stopped').map((t) => t.sample['quality']);
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped).not.toContain(1);
    expect(result.best?.sample['quality']).toBe(1);
  });
});
