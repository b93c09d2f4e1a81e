/** The experiment the fault tests run: quick trials of `fixtures/fault-trial.sh`, and the seed of the faults. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TrialRow } from '@archspace/experiment';
import { createRng, type Rng } from '@archspace/mutables';

/** The test fixtures' folder. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Writes the config of a `trials`-trial random search over `x` whose trials are `fault-trial.sh`
 * (two intermediate results and a final one), in a new working directory; `extra` lines are added.
 */
export function writeFaultExperiment(id: string, options: { trials: number; concurrency: number; seed: number; extra?: readonly string[] }): { workingDirectory: string; dir: string; configFile: string } {
  const workingDirectory = mkdtempSync(join(tmpdir(), `archspace-${id}-`));
  const configFile = join(workingDirectory, 'config.yml');
  writeFileSync(
    configFile,
    [
      'searchSpace:',
      '  x: { _type: randint, _value: [0, 1000000] }',
      `trialCommand: sh ${join(FIXTURES, 'fault-trial.sh')}`,
      `trialCodeDirectory: ${FIXTURES}`,
      `trialConcurrency: ${options.concurrency}`,
      `maxTrialNumber: ${options.trials}`,
      'tuner: { name: Random }',
      `seed: ${options.seed}`,
      ...(options.extra ?? []),
    ].join('\n'),
  );
  return { workingDirectory, dir: join(workingDirectory, id), configFile };
}

/** The faults' random source: `$ARCHSPACE_FAULT_SEED`, else a fresh seed, named in `context` for failure messages. */
export function faultRandom(): { rng: Rng; context: string } {
  const seed = Number(process.env['ARCHSPACE_FAULT_SEED'] ?? Date.now() % 100000);
  return { rng: createRng(seed), context: `(fault seed ${seed}; rerun with ARCHSPACE_FAULT_SEED=${seed})` };
}

/** Asserts that the store holds exactly `count` trials, with sequence ids 0 … count − 1 and distinct trial ids. */
export function expectEachTrialOnce(trials: readonly TrialRow[], count: number, context: string): void {
  expect(trials, context).toHaveLength(count);
  expect(trials.map((t) => t.sequenceId)).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(new Set(trials.map((t) => t.trialJobId)).size).toBe(count);
}
