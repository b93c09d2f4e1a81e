/**
 * `close()` of a launched experiment whose trials still run stops it first: it ends STOPPED, its
 * trials SYS_CANCELED (resumable), no trial process is left, and no late trial result meets the
 * closed store (which would be an unhandled error that ends the process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite-store.js';
import { startExperiment, STORE_FILE } from './launch-experiment.js';

it('stops a running experiment before it closes, keeping its store consistent', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-close-running-'));
  const experiment = await startExperiment(
    {
      searchSpace: { x: { _type: 'choice', _value: [1, 2, 3] } },
      trialCommand: `"${process.execPath}" -e "setTimeout(() => {}, 30000)"`,
      trialCodeDirectory: workingDirectory,
      trialConcurrency: 2,
      maxTrialNumber: 3,
      tuner: { name: 'Random' },
      experimentWorkingDirectory: workingDirectory,
    },
    { noServer: true },
  );
  const deadline = Date.now() + 20_000;
  while (experiment.manager.store.countTrials('RUNNING') < 2) {
    if (Date.now() > deadline) throw new Error('the trials did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  const pids = experiment.manager.store.listTrials().map((t) => t.pid);
  await experiment.close();
  expect(await experiment.done).toBe('STOPPED');
  const store = SqliteStore.open(join(experiment.dir, STORE_FILE), { readonly: true });
  try {
    expect(store.getExperiment()?.status).toBe('STOPPED');
    expect(store.listTrials().map((t) => t.status)).toEqual(['SYS_CANCELED', 'SYS_CANCELED']);
  } finally {
    store.close();
  }
  for (const pid of pids) {
    expect(pid).toBeTypeOf('number');
    expect(() => process.kill(pid!, 0)).toThrow();
  }
}, 60_000);
