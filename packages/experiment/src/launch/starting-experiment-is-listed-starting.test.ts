/**
 * A manager takes its experiment's lock before it creates the store, so that `archspace list` never
 * finds the store of a starting experiment without its manager (which it would show as UNREADABLE).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fromSearchSpaceJson, type Mutable } from '@archspace/mutables';
import { Random } from '@archspace/strategies';
import { listLine } from '../cli/list-line.js';
import { resumeExperiment, startExperiment } from './launch-experiment.js';

const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-starting-'));
afterAll(() => rmSync(workingDirectory, { recursive: true, force: true }));

it('lists a new experiment as STARTING from the moment its store exists, and refuses a second manager', async () => {
  const id = 'starting';
  const dir = join(workingDirectory, id);
  const space = fromSearchSpaceJson({ x: { _type: 'choice', _value: [1, 2] } });
  const seenWhileStarting: string[] = [];
  // The launcher reads the space after it has opened (created) the store, before the experiment is written.
  const code = {
    get space(): Mutable {
      seenWhileStarting.push(listLine(id, dir));
      return space;
    },
    strategy: new Random(),
    parametersOf: (sample: Readonly<Record<string, unknown>>) => sample,
  };
  const experiment = await startExperiment(
    {
      searchSpace: { x: { _type: 'choice', _value: [1, 2] } },
      tuner: { name: 'Random' },
      trialCommand: `"${process.execPath}" -e ""`,
      trialCodeDirectory: workingDirectory,
      trialConcurrency: 1,
      maxTrialNumber: 1,
      experimentWorkingDirectory: workingDirectory,
    },
    { noServer: true, id },
    code,
  );
  try {
    expect(seenWhileStarting).toEqual([`${id}  STARTING  (its manager is creating it)`]);
    await expect(resumeExperiment(dir, { noServer: true })).rejects.toThrow(/another manager is running it/);
  } finally {
    await experiment.close();
  }
});
