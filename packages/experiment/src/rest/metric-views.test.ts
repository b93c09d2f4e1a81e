import { describe, expect, it, vi } from 'vitest';
import { metricDataRange } from './metric-views.js';
import { FakeManager } from './test-support/fake-manager.js';

/** What a range must answer: each trial's metrics, trial by trial in sequence order. */
function expectedRange(manager: FakeManager, min: number, max: number): unknown[] {
  return manager
    .listTrialJobs()
    .filter((t) => t.sequenceId >= min && t.sequenceId <= max)
    .sort((a, b) => a.sequenceId - b.sequenceId)
    .flatMap((t) => manager.metricData({ trialJobId: t.trialJobId }));
}

describe('metricDataRange', () => {
  it('gives the same answer whether it reads a few trials or all of them', () => {
    const manager = new FakeManager();
    for (let min = 0; min < 5; min++) {
      for (let max = min; max < 6; max++) expect(metricDataRange(manager, min, max), `${min}..${max}`).toEqual(expectedRange(manager, min, max));
    }
  });

  it('asks only for the metrics of the trials in a small range, not for every metric', () => {
    const manager = new FakeManager();
    const asked = vi.spyOn(manager, 'metricData');
    metricDataRange(manager, 1, 1);
    expect(asked.mock.calls).toEqual([[{ trialJobId: 'trialB' }]]);
  });

  it('reads every metric once for a range of most trials', () => {
    const manager = new FakeManager();
    const asked = vi.spyOn(manager, 'metricData');
    metricDataRange(manager, 0, 3);
    expect(asked.mock.calls).toEqual([[]]);
  });
});
