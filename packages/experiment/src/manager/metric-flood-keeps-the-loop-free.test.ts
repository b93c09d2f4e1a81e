/**
 * Defect 9 (ingestion): a trial writing 200,000 metric lines froze the REST API for 8.5 s, because
 * the manager read and stored them in one go. It now takes them in bounded slices, each in one
 * transaction, and yields between slices: timers (and so requests) run while a flood is ingested,
 * and no line is lost.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

const LINES = 200_000;

it(`stores all ${LINES} lines of a metric flood while the event loop keeps running`, async () => {
  const fixture = managerFixture(
    `const lines = [];
     for (let i = 0; i < ${LINES}; i++) lines.push(JSON.stringify({ type: 'PERIODICAL', sequence: i, parameter_id: 0, value: String(i / ${LINES}), timestamp: 1000 + i }));
     fs.appendFileSync(process.env.ARCHSPACE_METRICS_FILE, lines.join('\\n') + '\\n');
     out('FINAL', 0, 1);`,
    { xs: [1], sqlite: true },
  );
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
  // A timer that counts, through a connection of its own, the metrics stored so far.
  const reader = new Database(join(fixture.dir, 'experiment.db'), { readonly: true });
  const count = reader.prepare("SELECT COUNT(*) FROM metric WHERE type = 'PERIODICAL'").pluck();
  const seen: number[] = [];
  const probe = setInterval(() => seen.push(count.get() as number), 25);
  expect(await manager.run()).toBe('DONE');
  clearInterval(probe);
  reader.close();
  manager.close();
  const trial = fixture.store.listTrials()[0]!;
  expect(trial.status).toBe('SUCCEEDED');
  expect(fixture.store.listMetrics({ trialJobId: trial.trialJobId, type: 'PERIODICAL' })).toHaveLength(LINES);
  // The timer ran while the flood was being stored, and saw part of it.
  expect(seen.some((n) => n > 0 && n < LINES)).toBe(true);
}, 120_000);
