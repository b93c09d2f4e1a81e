/**
 * Defect 1: replacing the search space while trials ran made the manager die when the next trial
 * finished ("tell(): proposal N already has an outcome"). The new session now takes the running
 * trials as its pending proposals, and each outcome is told once, to the session that holds it.
 */
import { expect, it } from 'vitest';
import { Random, TPE } from '@archspace/strategies';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

it.each([
  ['Random', () => new Random()],
  ['TPE', () => new TPE({ nStartupJobs: 2 })],
])('%s: the search space is replaced twice while trials run; the experiment finishes every trial', async (_name, strategy) => {
  const fixture = managerFixture(`await sleep(300); out('FINAL', 0, Number(x) || 0);`, {
    xs: [1, 2, 3, 4, 5, 6],
    settings: { maxTrialNumber: 10, trialConcurrency: 3 },
  });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: strategy(), spaceFromJson: (json) => fromSearchSpaceJson(json) });
  const done = manager.run();
  const update = (values: number[]) => {
    const profile = manager.profile();
    manager.updateProfile('SEARCH_SPACE', { ...profile, params: { ...profile.params, searchSpace: { x: { _type: 'choice', _value: values } } } });
  };
  await new Promise((r) => setTimeout(r, 150));
  update([1, 2, 3, 7, 8, 9]);
  await new Promise((r) => setTimeout(r, 450));
  update([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  const lastUpdate = Date.now();
  expect(await done).toBe('DONE');
  manager.close();
  const trials = fixture.store.listTrials();
  expect(trials).toHaveLength(10);
  expect(trials.every((t) => t.status === 'SUCCEEDED')).toBe(true);
  expect(manager.status().errors).toEqual([]);
  // Trials started after the last update come from the last space.
  const last = trials.filter((t) => t.startTime! > lastUpdate);
  expect(last.length).toBeGreaterThan(0);
  for (const t of last) expect([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]).toContain(t.parameters['x']);
}, 60_000);
