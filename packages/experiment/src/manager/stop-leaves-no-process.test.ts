/**
 * Defect 6: a trial that ignored SIGTERM survived `stop` and `maxTrialDuration` (the SIGKILL that was
 * to follow was on an unref'd timer, and the manager exited first). Now a stopped or timed-out trial
 * gets SIGTERM, then SIGKILL once the grace period is over, and `stop()` resolves only once every
 * process of every trial's group is gone, children that the trial left behind included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { isGroupAlive } from '../training-service/process-group.js';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

// Ignores SIGTERM, and leaves a grandchild that ignores it too, in the same process group.
const STUBBORN = `
process.on('SIGTERM', () => {});
require('child_process').spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' }).unref();
fs.writeFileSync(process.env.ARCHSPACE_TRIAL_DIR + '/started', '');
out('FINAL', 0, 0);
if (x === 2) return;
setInterval(() => {}, 1000);
`;

const groupsOf = (fixture: ReturnType<typeof managerFixture>) => fixture.store.listTrials().map((t) => t.pid!);

it('stop() ends trials that ignore SIGTERM, and everything they started, before it resolves', async () => {
  const fixture = managerFixture(STUBBORN, { xs: [1, 3], settings: { trialConcurrency: 2, killGraceMs: 300 } });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
  const done = manager.run();
  for (let i = 0; i < 100 && fixture.store.listTrials().filter((t) => t.status === 'RUNNING').length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  for (const t of fixture.store.listTrials()) for (let i = 0; i < 100; i++) {
    try {
      readFileSync(join(t.logPath!, 'started'));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await manager.stop();
  expect(await done).toBe('STOPPED');
  manager.close();
  for (const pgid of groupsOf(fixture)) expect(isGroupAlive(pgid)).toBe(false);
  // They had reported their final result: that is kept.
  expect(fixture.store.listTrials().map((t) => t.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
}, 30_000);

it('maxTrialDuration ends a trial that ignores SIGTERM, and a finished trial leaves no process behind', async () => {
  const fixture = managerFixture(STUBBORN.replace("out('FINAL', 0, 0);", ''), { xs: [1, 2], settings: { trialConcurrency: 2, maxTrialDurationSeconds: 1, killGraceMs: 300 } });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
  expect(await manager.run()).toBe('ERROR');
  manager.close();
  const [timedOut, exited] = fixture.store.listTrials();
  expect(timedOut).toMatchObject({ status: 'FAILED', message: expect.stringMatching(/longer than maxTrialDuration \(1 s\)/) });
  expect(exited).toMatchObject({ status: 'FAILED', message: expect.stringMatching(/without reporting a final result/) });
  for (const pgid of groupsOf(fixture)) expect(isGroupAlive(pgid)).toBe(false);
}, 30_000);
