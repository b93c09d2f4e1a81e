/**
 * The overview's `best` (what `GET /overview` and the dashboard's header show) follows the config's
 * objectives: one named objective ranks by that metric in its direction, several rank the Pareto
 * front by the first; failed and infeasible trials are never best. Without objectives it is the final
 * result's number, as before.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { Random } from '@archspace/strategies';
import { ExperimentManager } from '../manager/experiment-manager.js';
import type { ExperimentObjectives } from '../manager/objective-outcome.js';
import type { TrialJobStatus } from '../records.js';
import { MemoryStore } from '../store/memory-store.js';
import { experimentOverview } from './experiment-overview.js';

/** An overview over stored trials `[status, final result]`, numbered from 1. */
function overviewBest(trials: readonly [TrialJobStatus, Record<string, number>][], direction: 'maximize' | 'minimize', goals?: ExperimentObjectives) {
  const store = new MemoryStore();
  const workDir = mkdtempSync(join(tmpdir(), 'archspace-overview-best-'));
  const manager = ExperimentManager.open(
    'new',
    { id: 'best', dir: workDir, trialCommand: 'node none.js', trialCodeDirectory: workDir, trialConcurrency: 1, seed: 1, direction, config: {}, ...(goals ? { goals } : {}) },
    { store, space: fromSearchSpaceJson({ x: { _type: 'choice', _value: [1] } }), strategy: new Random() },
  );
  trials.forEach(([status, result], i) => {
    const id = `t${i + 1}`;
    store.insertTrial({ trialJobId: id, sequenceId: i + 1, status, parameterId: i + 1, parameters: { x: 1 }, sample: { x: 1 } });
    store.insertMetric({ trialJobId: id, parameterId: i + 1, type: 'FINAL', sequence: 0, timestamp: 0, data: JSON.stringify(result) });
  });
  return experimentOverview(manager).best;
}

describe("the overview's best trial", () => {
  it('ranks by the one named objective in its direction, not by the final result’s default number', () => {
    const best = overviewBest(
      [
        ['SUCCEEDED', { default: 1, loss: 0.3 }],
        ['SUCCEEDED', { default: 5, loss: 0.1 }],
        ['SUCCEEDED', { default: 3, loss: 0.2 }],
        ['FAILED', { default: 0, loss: 0.01 }],
      ],
      'minimize',
      { objectives: [{ name: 'loss', direction: 'minimize' }], constraints: [] },
    );
    expect(best).toEqual({ trialJobId: 't2', sequenceId: 2, metric: 0.1 });
  });

  it('with several objectives, is the feasible front member best by the first objective', () => {
    const goals: ExperimentObjectives = {
      objectives: [
        { name: 'default', direction: 'maximize' },
        { name: 'constructor', direction: 'minimize' },
      ],
      constraints: [{ name: 'latency', max: 1 }],
    };
    const best = overviewBest(
      [
        ['SUCCEEDED', { default: 0.9, constructor: 50, latency: 0.5 }],
        ['SUCCEEDED', { default: 0.8, constructor: 10, latency: 0.5 }],
        ['SUCCEEDED', { default: 0.95, constructor: 80, latency: 2 }],
        ['FAILED', { default: 0.99, constructor: 5, latency: 0.1 }],
      ],
      'maximize',
      goals,
    );
    expect(best).toEqual({ trialJobId: 't1', sequenceId: 1, metric: 0.9 });
  });

  it('without objectives, is the final result’s best number in the direction', () => {
    const trials: [TrialJobStatus, Record<string, number>][] = [
      ['SUCCEEDED', { default: 1 }],
      ['SUCCEEDED', { default: 5 }],
    ];
    expect(overviewBest(trials, 'maximize')?.trialJobId).toBe('t2');
    expect(overviewBest(trials, 'minimize')?.trialJobId).toBe('t1');
  });
});
