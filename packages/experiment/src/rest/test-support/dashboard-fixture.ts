/**
 * A real `ExperimentManager` over a SQLite store holding a few trials written straight into the
 * store (no process runs), for the dashboard endpoint tests: awkward labels (`__proto__`, `a/b`, a
 * label only some trials have), final and intermediate metrics, every kind of time. Test-only.
 */
import { Random } from '@archspace/strategies';
import { ExperimentManager } from '../../manager/experiment-manager.js';
import { managerFixture } from '../../manager/test-support/manager-fixture.js';
import type { TrialJobStatus } from '../../records.js';
import { SqliteStore } from '../../store/sqlite-store.js';

/** The trials of the fixture: id, status, sample, times, final metric JSON, intermediate values. */
export const DASHBOARD_TRIALS: readonly {
  id: string;
  status: TrialJobStatus;
  sample: Record<string, unknown>;
  start?: number;
  end?: number;
  final?: string;
  periodical: readonly number[];
}[] = [
  { id: 'tA', status: 'SUCCEEDED', sample: Object.fromEntries([['lr', 0.1], ['__proto__', 'adam'], ['a/b', 1]]), start: 1000, end: 3000, final: '{"default":0.9,"loss":0.1}', periodical: [0.5, 0.7] },
  { id: 'tB', status: 'SUCCEEDED', sample: Object.fromEntries([['lr', 0.01], ['__proto__', 'SGD']]), start: 2000, end: 2500, final: '0.6', periodical: [0.4] },
  { id: 'tC', status: 'RUNNING', sample: Object.fromEntries([['lr', 0.05], ['__proto__', 'adam'], ['a/b', 2]]), start: 5000, periodical: [0.3, 0.35, 0.4] },
  { id: 'tD', status: 'FAILED', sample: Object.fromEntries([['lr', 1], ['__proto__', 'sgd']]), start: 4000, end: 4100, periodical: [] },
  { id: 'tE', status: 'WAITING', sample: Object.fromEntries([['lr', 0.2]]), periodical: [] },
];

/** A manager (`new`, not running) over the fixture's trials; `view()` opens the same store read-only. */
export function dashboardFixture(): { manager: ExperimentManager; view: () => ExperimentManager; close: () => void } {
  const fixture = managerFixture('', { sqlite: true, settings: { maxTrialNumber: 20 } });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new Random() });
  const store = fixture.store;
  DASHBOARD_TRIALS.forEach((t, i) => {
    store.insertTrial({
      trialJobId: t.id,
      sequenceId: i,
      status: t.status,
      parameterId: i,
      parameters: { ...t.sample, model: { layers: i } },
      sample: t.sample,
      ...(t.start !== undefined ? { startTime: t.start } : {}),
      ...(t.end !== undefined ? { endTime: t.end } : {}),
      ...(t.status === 'FAILED' ? { message: 'exit code 1' } : {}),
      logPath: `${fixture.dir}/trials/${t.id}`,
    });
    t.periodical.forEach((v, s) => store.insertMetric({ trialJobId: t.id, parameterId: i, type: 'PERIODICAL', sequence: s, timestamp: (t.start ?? 0) + s + 1, data: JSON.stringify(v) }));
    if (t.final !== undefined) store.insertMetric({ trialJobId: t.id, parameterId: i, type: 'FINAL', sequence: 0, timestamp: (t.start ?? 0) + 100, data: t.final });
  });
  store.updateExperiment({ nextSequenceId: DASHBOARD_TRIALS.length });
  const opened: { close(): void }[] = [manager];
  const stores: SqliteStore[] = [];
  return {
    manager,
    view: () => {
      const viewStore = SqliteStore.open(`${fixture.dir}/experiment.db`, { readonly: true });
      stores.push(viewStore);
      const viewed = ExperimentManager.open('view', fixture.settings, { store: viewStore, space: fixture.space, strategy: new Random() });
      opened.push(viewed);
      return viewed;
    },
    close: () => {
      for (const m of opened) m.close();
      for (const s of stores) s.close();
      store.close();
    },
  };
}
