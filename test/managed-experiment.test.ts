/** The client's lifecycle methods with the seed's names: start, connect, view, resume, stop. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { ManagedExperiment, loadExperimentConfig } from '@archspace/experiment';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

it('starts an experiment, connects a second client, stops it, views it and resumes it', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-managed-'));
  const config = { ...loadExperimentConfig(join(fixtures, 'hpo-config.yml')), experimentWorkingDirectory: workingDirectory, maxTrialNumber: 6, trialConcurrency: 2 };
  const started = await ManagedExperiment.startExperiment(config, { id: 'managed' });
  const other = await ManagedExperiment.connectExperiment(started.endpoint);
  expect((await other.getExperimentProfile()).id).toBe('managed');
  await started.stopExperiment();
  expect(await started.launched.done).toBe('STOPPED');
  await started.launched.close();

  const viewed = await ManagedExperiment.viewExperiment('managed', workingDirectory);
  expect(await viewed.getStatus()).toBe('VIEWED');
  const before = (await viewed.listTrialJobs()).filter((t) => t.status === 'SUCCEEDED').length;
  await viewed.launched.close();

  const resumed = await ManagedExperiment.resumeExperiment('managed', workingDirectory);
  expect(await resumed.launched.done).toBe('DONE');
  const after = await resumed.listTrialJobs();
  expect(after.filter((t) => t.status !== 'SYS_CANCELED' && t.status !== 'USER_CANCELED').length).toBeGreaterThanOrEqual(before);
  expect(after.filter((t) => t.status === 'SUCCEEDED').length).toBeGreaterThanOrEqual(before);
  await resumed.launched.close();
}, 120_000);
