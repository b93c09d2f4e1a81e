/**
 * Defect 10: an experiment whose trials all failed (trial command missing, trialCodeDirectory
 * missing → "spawn /bin/sh ENOENT") ended DONE. It now ends ERROR, and its error gives the count and
 * the first distinct reasons; the code directory is named when it is missing.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

async function runWith(settings: NonNullable<Parameters<typeof managerFixture>[1]>['settings'], body = `out('FINAL', 0, x);`) {
  const fixture = managerFixture(body, { settings });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
  const status = await manager.run();
  manager.close();
  return { status, experiment: fixture.store.getExperiment()!, trials: fixture.store.listTrials() };
}

it('ends ERROR, naming the first reasons, when the trial command does not exist', async () => {
  const { status, experiment, trials } = await runWith({ trialCommand: 'no-such-trial-command --epochs 3' });
  expect(status).toBe('ERROR');
  expect(trials.every((t) => t.status === 'FAILED')).toBe(true);
  expect(experiment.error).toMatch(/^all 4 trials failed; first reasons: \[trial \w+\] the trial exited with code 127; stderr ends with: .*no-such-trial-command.*not found/);
}, 30_000);

it('ends ERROR, naming the folder, when trialCodeDirectory does not exist', async () => {
  const { status, experiment } = await runWith({ trialCodeDirectory: join('/nonexistent', 'code') });
  expect(status).toBe('ERROR');
  expect(experiment.error).toMatch(/the trial command could not start: the trial code directory "\/nonexistent\/code" does not exist or is not a folder \(trialCodeDirectory\)/);
  expect(experiment.error).not.toMatch(/ENOENT/);
}, 30_000);

it('ends DONE when at least one trial succeeded', async () => {
  const { status, experiment } = await runWith({}, `if (x !== 2) process.exit(3); out('FINAL', 0, x);`);
  expect(status).toBe('DONE');
  expect(experiment.error).toBeUndefined();
}, 30_000);
