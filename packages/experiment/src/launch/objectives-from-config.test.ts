/**
 * A config with `objectives` and `constraints` reaches the manager: a launched NSGA2 experiment ends
 * DONE with the objectives in its profile, its Pareto front served over REST to the client, and a
 * resumed or viewed experiment gives the same front from the store.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Experiment } from '../client/experiment.js';
import { TRIAL_PRELUDE } from '../manager/test-support/manager-fixture.js';
import { resumeExperiment, startExperiment, viewExperiment } from './launch-experiment.js';

it('runs a multi-objective experiment from its config and serves its front', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-objectives-'));
  writeFileSync(join(workingDirectory, 'trial.cjs'), `${TRIAL_PRELUDE}\nout('FINAL', 0, { default: x % 4, flops: x, latency: 10 - x });\n`);
  const objectives = [
    { name: 'default', direction: 'maximize' },
    { name: 'flops', direction: 'minimize' },
  ];
  const experiment = await startExperiment({
    searchSpace: { x: { _type: 'choice', _value: [1, 2, 3, 4, 5, 6] } },
    trialCommand: `"${process.execPath}" trial.cjs`,
    trialCodeDirectory: workingDirectory,
    trialConcurrency: 2,
    maxTrialNumber: 6,
    tuner: { name: 'NSGA2', classArgs: { population_size: 4 } },
    objectives,
    constraints: [{ name: 'latency', min: 5 }],
    experimentWorkingDirectory: workingDirectory,
  });
  let front;
  try {
    expect(await experiment.done).toBe('DONE');
    const client = await Experiment.connect(experiment.server!.url, { token: experiment.token! });
    expect((await client.getExperimentProfile()).params).toMatchObject({ objectives, constraints: [{ name: 'latency', min: 5 }] });
    front = await client.getParetoFront();
  } finally {
    await experiment.close();
  }
  // x = 6 breaks latency ≥ 5; of 1 … 5, x = 1 (1, 1), 2 (2, 2) and 3 (3, 3) trade accuracy for flops; 4 (0, 4) and 5 (1, 5) are dominated.
  expect(front.configured).toBe(true);
  expect(front.trials.map((t) => [t.parameters['x'], t.values]).sort()).toEqual([
    [1, [1, 1]],
    [2, [2, 2]],
    [3, [3, 3]],
  ]);
  const resumed = await resumeExperiment(experiment.dir, { noServer: true });
  try {
    expect(await resumed.done).toBe('DONE');
    expect(resumed.manager.paretoFront()).toEqual(front);
  } finally {
    await resumed.close();
  }
  const viewed = await viewExperiment(experiment.dir, { noServer: true });
  try {
    expect(viewed.manager.paretoFront()).toEqual(front);
  } finally {
    await viewed.close();
  }
}, 60_000);
