import { describe, expect, it } from 'vitest';
import { GridSearch, Random } from '@archspace/strategies';
import { ExperimentManager, type ManagerSettings } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

// Two intermediate results, then a final one; x = 3 crashes, x = 4 hangs (for the timeout), x = 5
// exits without a final result.
const TRIAL = `
out('PERIODICAL', 0, x / 2);
out('PERIODICAL', 1, x);
if (x === 3) { console.error('boom: x is 3'); process.exit(1); }
if (x === 4) setInterval(() => {}, 1000);
else if (x !== 5) out('FINAL', 0, { default: x * 10, note: 'ok' });
`;

function setup(overrides: Partial<ManagerSettings> = {}) {
  return managerFixture(TRIAL, { xs: [1, 2, 3, 4, 5, 6], settings: { trialConcurrency: 3, maxTrialNumber: 6, maxTrialDurationSeconds: 3, ...overrides } });
}

describe('ExperimentManager', () => {
  it('runs every trial, records statuses and metrics, and goes on after failures', async () => {
    const { settings, space, store } = setup();
    const manager = ExperimentManager.open('new', settings, { store, space, strategy: new GridSearch() });
    expect(await manager.run()).toBe('DONE');
    manager.close();
    const byX = new Map(store.listTrials().map((t) => [t.parameters['x'], t]));
    expect(byX.size).toBe(6);
    expect(byX.get(1)!.status).toBe('SUCCEEDED');
    expect(byX.get(3)!.status).toBe('FAILED');
    expect(byX.get(3)!.message).toMatch(/exited with code 1.*boom: x is 3/);
    expect(byX.get(4)!.status).toBe('FAILED');
    expect(byX.get(4)!.message).toMatch(/maxTrialDuration/);
    expect(byX.get(5)!.message).toMatch(/without reporting a final result/);
    expect(manager.exportData().map((e) => JSON.parse(e.value).default).sort((a, b) => a - b)).toEqual([10, 20, 60]);
    const metrics = manager.metricData({ trialJobId: byX.get(6)!.trialJobId });
    expect(metrics.map((m) => [m.type, m.sequence, JSON.parse(JSON.parse(m.data))])).toEqual([
      ['PERIODICAL', 0, 3],
      ['PERIODICAL', 1, 6],
      ['FINAL', 0, { default: 60, note: 'ok' }],
    ]);
    expect(manager.jobStatistics()).toEqual([
      { trialJobStatus: 'SUCCEEDED', trialJobNumber: 3 },
      { trialJobStatus: 'FAILED', trialJobNumber: 3 },
    ]);
    expect(manager.profile().execDuration).toBeGreaterThan(0);
  }, 30_000);

  it('stops at maxTrialNumber and resumes without repeating a finished trial', async () => {
    const { settings, space, store } = setup({ maxTrialNumber: 2, trialConcurrency: 1 });
    const first = ExperimentManager.open('new', settings, { store, space, strategy: new Random() });
    expect(await first.run()).toBe('DONE');
    first.close();
    expect(store.countTrials()).toBe(2);
    const resumed = ExperimentManager.open('resume', { ...settings, maxTrialNumber: 6 }, { store, space, strategy: new Random() });
    expect(await resumed.run()).toBe('DONE');
    resumed.close();
    const xs = store.listTrials().map((t) => t.parameters['x']);
    expect(xs).toHaveLength(6);
    expect(new Set(xs).size).toBe(6);
  }, 30_000);

  it('stops on request: running trials are interrupted (SYS_CANCELED, to run again on resume) and the experiment STOPPED', async () => {
    const { settings, space, store } = setup({ maxTrialDurationSeconds: 60 });
    const manager = ExperimentManager.open('new', settings, { store, space, strategy: new GridSearch() });
    const done = manager.run();
    await new Promise((r) => setTimeout(r, 800));
    await manager.stop();
    expect(await done).toBe('STOPPED');
    manager.close();
    const interrupted = store.listTrials().filter((t) => t.status === 'SYS_CANCELED');
    expect(interrupted.length).toBeGreaterThan(0);
    for (const t of interrupted) expect(t.message).toMatch(/^interrupted: the experiment stopped/);
    expect(store.listTrials().every((t) => t.status !== 'RUNNING' && t.status !== 'WAITING')).toBe(true);
  }, 30_000);
});
