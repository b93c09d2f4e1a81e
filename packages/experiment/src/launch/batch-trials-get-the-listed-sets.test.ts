/**
 * An experiment with the batch tuner runs each listed parameter set once, and each trial receives the
 * set itself (`{lr, opt}`), not under the search space's key, as the reference's batch tuner does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite-store.js';
import { startExperiment, STORE_FILE } from './launch-experiment.js';

const SETS = [
  { lr: 0.1, opt: 'sgd' },
  { lr: 0.01, opt: 'adam' },
  { lr: 0.001, opt: 'adam' },
];
// Reports the parameters it read as its final result's extra keys.
const TRIAL = `const fs = require('fs'); const p = JSON.parse(fs.readFileSync(process.env.ARCHSPACE_PARAMETERS_FILE, 'utf8')).parameters; fs.appendFileSync(process.env.ARCHSPACE_METRICS_FILE, JSON.stringify({ type: 'FINAL', sequence: 0, value: JSON.stringify({ default: p.lr, seen: p }) }) + '\\n');`;

it('runs every listed set once, handing each trial the set itself', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-batch-'));
  const experiment = await startExperiment(
    {
      searchSpace: { combine_params: { _type: 'choice', _value: SETS } },
      trialCommand: `"${process.execPath}" -e "${TRIAL.replace(/"/g, '\\"')}"`,
      trialCodeDirectory: workingDirectory,
      trialConcurrency: 2,
      maxTrialNumber: 10,
      tuner: { name: 'BatchTuner' },
      experimentWorkingDirectory: workingDirectory,
    },
    { noServer: true },
  );
  expect(await experiment.done).toBe('DONE');
  await experiment.close();
  const store = SqliteStore.open(join(experiment.dir, STORE_FILE), { readonly: true });
  try {
    const trials = store.listTrials();
    expect(trials.map((t) => t.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(trials.map((t) => t.parameters)).toEqual(SETS);
    expect(store.finalMetrics().map((m) => (JSON.parse(m.data) as { seen: unknown }).seen).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [...SETS].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  } finally {
    store.close();
  }
}, 60_000);
