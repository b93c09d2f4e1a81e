/**
 * Defect 2: a trial reporting NaN (Python's json.dumps(float('nan'))) crashed the manager for good,
 * 1e999 was taken as Infinity, and strings or null read as "no final result". Every metric line is
 * now checked: a bad one is the trial's failure reason, the experiment goes on, and a resume of the
 * store works.
 */
import { describe, expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

// x picks what the trial reports as its final result; x = 0 is a good trial.
const CASES: readonly [x: number, line: string, reason: RegExp][] = [
  [1, `out('FINAL', 0, 0); line(JSON.stringify({ type: 'FINAL', sequence: 0, value: 'NaN', timestamp: Date.now() }))`, /the metric is NaN, not a finite number/],
  [2, `line(JSON.stringify({ type: 'FINAL', sequence: 0, value: '1e999', timestamp: Date.now() }))`, /the metric "1e999" is Infinity, not a finite number/],
  [3, `line(JSON.stringify({ type: 'FINAL', sequence: 0, value: '-Infinity', timestamp: Date.now() }))`, /the metric is -Infinity/],
  [4, `out('FINAL', 0, 'high')`, /the metric "\\"high\\"" is a string/],
  [5, `out('FINAL', 0, null)`, /the metric "null" is null/],
  [6, `out('FINAL', 0, { loss: 1 })`, /an object without a numeric "default"/],
  [7, `line('{"type": "FINAL", "sequence": 0, "value": NaN}')`, /is not JSON/],
  [8, `out('PERIODICAL', 0, 0.5); line(JSON.stringify({ type: 'PERIODICAL', sequence: 1, value: JSON.stringify({ default: 'x' }) })); out('FINAL', 0, 1)`, /intermediate result #1: the "default" of the metric .* is a string/],
  [9, `line('x'.repeat(200000)); out('FINAL', 0, 1)`, /longer than 65536 bytes/],
  [10, `line(JSON.stringify({ type: 'LAST', sequence: 0, value: '1' }))`, /"type" is "LAST"; allowed: "PERIODICAL" or "FINAL"/],
];

describe('a trial that reports an invalid metric', () => {
  it('fails with the reason, while the experiment goes on, ends DONE, and resumes', async () => {
    const body = `
      if (x === 0) { out('PERIODICAL', 0, 0.5); out('FINAL', 0, { default: 0.9 }); return; }
      ${CASES.map(([x, code]) => `if (x === ${x}) { ${code}; return; }`).join('\n')}
    `;
    const fixture = managerFixture(body, { xs: [0, ...CASES.map(([x]) => x)], sqlite: true, settings: { trialConcurrency: 4 } });
    const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
    expect(await manager.run()).toBe('DONE');
    manager.close();
    const byX = new Map(fixture.store.listTrials().map((t) => [t.parameters['x'], t]));
    expect(byX.get(0)).toMatchObject({ status: 'SUCCEEDED' });
    for (const [x, , reason] of CASES) {
      const trial = byX.get(x)!;
      expect(trial.status, `x = ${x}`).toBe('FAILED');
      expect(trial.message, `x = ${x}`).toMatch(/^the trial reported an invalid result: line \d+ of the metrics file/);
      expect(trial.message, `x = ${x}`).toMatch(reason);
    }
    // Valid lines before the bad one are kept.
    expect(fixture.store.listMetrics({ trialJobId: byX.get(8)!.trialJobId }).map((m) => [m.type, m.data])).toEqual([
      ['PERIODICAL', '0.5'],
      ['FINAL', '1'],
    ]);
    expect(manager.status().errors.some((e) => /NaN/.test(e))).toBe(true);
    // Nothing non-finite reached the store: the export and a resume read every value.
    expect(manager.exportData().map((e) => e.value)).toEqual(['{"default":0.9}']);
    const resumed = ExperimentManager.open('resume', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy: new GridSearch() });
    expect(await resumed.run()).toBe('DONE');
    resumed.close();
  }, 60_000);
});
