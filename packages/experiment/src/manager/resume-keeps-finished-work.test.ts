/**
 * Defect 5: over SIGKILL-and-resume cycles, in-flight trials were canceled although their final
 * result was already in their metrics file. Resume now stores every metric a trial wrote to disk,
 * keeps a trial whose final result is there (SUCCEEDED), and runs the others again under the same
 * trial id, so each trial exists once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

const metric = (type: 'PERIODICAL' | 'FINAL', sequence: number, value: unknown) => `${JSON.stringify({ type, sequence, parameter_id: 0, value: JSON.stringify(value), timestamp: 1000 + sequence })}\n`;

it('keeps final results found on disk, stores the metrics the killed manager had not read, and re-runs the rest once', async () => {
  const fixture = managerFixture(`out('PERIODICAL', 0, x); out('FINAL', 0, x * 10);`, { xs: [1, 2, 3, 4], sqlite: true });
  const { store, dir } = fixture;
  store.saveExperiment({ id: 'fixture', config: {}, status: 'RUNNING', startTime: 1, execDuration: 5, nextSequenceId: 4, revision: 0, logDir: dir });
  const trial = (id: string, x: number, status: 'RUNNING' | 'WAITING' | 'SYS_CANCELED', file?: string) => {
    const logPath = join(dir, 'trials', id);
    mkdirSync(logPath, { recursive: true });
    if (file !== undefined) writeFileSync(join(logPath, 'metrics.jsonl'), file);
    store.insertTrial({ trialJobId: id, sequenceId: x - 1, status, parameterId: x - 1, parameters: { x }, sample: { x }, logPath });
  };
  // Finished on disk, its manager killed before reading any of it.
  trial('done', 1, 'RUNNING', metric('PERIODICAL', 0, 0.1) + metric('FINAL', 0, 7));
  // Half-way: one intermediate result stored already, one more on disk, a line cut short, no final.
  trial('half', 2, 'RUNNING', metric('PERIODICAL', 0, 0.2) + metric('PERIODICAL', 1, 0.3) + '{"type": "PERIOD');
  store.insertMetric({ trialJobId: 'half', parameterId: 1, type: 'PERIODICAL', sequence: 0, timestamp: 1000, data: '0.2' });
  // Recorded, never started; and interrupted by an experiment stop.
  trial('never', 3, 'WAITING');
  trial('stopped', 4, 'SYS_CANCELED', metric('PERIODICAL', 0, 0.4));

  const manager = ExperimentManager.open('resume', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy: new GridSearch() });
  expect(manager.recovery).toMatchObject({ kept: ['done'], failed: [], interrupted: ['half', 'never', 'stopped'] });
  expect(await manager.run()).toBe('DONE');
  manager.close();

  const trials = store.listTrials();
  expect(trials.map((t) => [t.trialJobId, t.status])).toEqual([
    ['done', 'SUCCEEDED'],
    ['half', 'SUCCEEDED'],
    ['never', 'SUCCEEDED'],
    ['stopped', 'SUCCEEDED'],
  ]);
  // The kept trial's metrics are what it wrote; the re-run ones hold only their second run's.
  expect(store.listMetrics({ trialJobId: 'done' }).map((m) => [m.type, m.data])).toEqual([
    ['PERIODICAL', '0.1'],
    ['FINAL', '7'],
  ]);
  for (const [id, x] of [['half', 2], ['never', 3], ['stopped', 4]] as const) {
    expect(store.listMetrics({ trialJobId: id }).map((m) => [m.type, m.sequence, m.data])).toEqual([
      ['PERIODICAL', 0, String(x)],
      ['FINAL', 0, String(x * 10)],
    ]);
  }
  // GridSearch proposed nothing new: the four samples were all known to it.
  expect(new Set(trials.map((t) => t.parameters['x'])).size).toBe(4);
}, 30_000);
