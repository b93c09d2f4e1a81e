/**
 * End to end: an NNI-style Python trial script (`import nni`, `nni.get_next_parameter()`,
 * `nni.report_intermediate_result()`, `nni.report_final_result({'default': …})`) and its config in
 * both of the reference's formats — v1 (`authorName`, `trainingServicePlatform`, `trial: {command,
 * codeDir}`, `tuner: {builtinTunerName}`) run by `archspace create --config`, and v2 run through
 * `startExperiment` — run unchanged to completion with TPE and the median-stop assessor; every
 * intermediate and final result reaches the store.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteStore, loadExperimentConfig, startExperiment } from '@archspace/experiment';
import { startCli } from './support/cli-process.js';

const fixtures = fileURLToPath(new URL('./fixtures/nni-mnist/', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Checks what an experiment of the fixture left in its store. */
function checkStore(dir: string): void {
  const store = SqliteStore.open(join(dir, 'experiment.db'), { readonly: true });
  try {
    expect(store.getExperiment()?.status).toBe('DONE');
    const config = store.getExperiment()!.config as { tuner: { name: string }; assessor: { name: string; classArgs: { startStep: number } } };
    expect(config.tuner.name).toBe('TPE');
    expect(config.assessor).toMatchObject({ name: 'Medianstop', classArgs: { startStep: 2 } });
    const trials = store.listTrials();
    expect(trials).toHaveLength(8);
    for (const trial of trials) {
      expect(['SUCCEEDED', 'EARLY_STOPPED'], `${trial.trialJobId}: ${trial.status} ${trial.message ?? ''}`).toContain(trial.status);
      expect(Object.keys(trial.parameters).sort()).toEqual(['hidden_size', 'lr', 'optimizer']);
      const periodical = store.listMetrics({ trialJobId: trial.trialJobId, type: 'PERIODICAL' });
      // A succeeded trial reported all 5 epochs; a stopped one at least the 2 of start_step.
      expect(periodical.length).toBeGreaterThanOrEqual(trial.status === 'SUCCEEDED' ? 5 : 2);
      expect(periodical.map((m) => m.sequence)).toEqual(periodical.map((_, i) => i));
      for (const metric of periodical) expect(typeof JSON.parse(metric.data)).toBe('number');
    }
    const succeeded = trials.filter((t) => t.status === 'SUCCEEDED');
    expect(succeeded.length).toBeGreaterThan(0);
    // The median rule stops some trial: those with optimizer "bad" are far below the others.
    expect(trials.some((t) => t.status === 'EARLY_STOPPED')).toBe(true);
    const finals = store.finalMetrics();
    expect(finals.map((m) => m.trialJobId).sort()).toEqual(succeeded.map((t) => t.trialJobId).sort());
    for (const final of finals) {
      const value = JSON.parse(final.data) as { default: number; loss: number; trial: string };
      expect(value.loss).toBeCloseTo(1 - value.default, 12);
      // nni.get_trial_id() saw the trial's own id.
      expect(value.trial).toBe(final.trialJobId);
    }
  } finally {
    store.close();
  }
}

// The two experiments run at once (each has its own folder and manager; their trials mostly sleep),
// so the file takes as long as the slower one, not the sum.
describe.skipIf(!hasPython).concurrent('NNI experiments run unchanged', () => {
  it('runs the v2 config.yml through startExperiment', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-nni-v2-'));
    const config = { ...loadExperimentConfig(join(fixtures, 'config.yml')), experimentWorkingDirectory: workingDirectory };
    const experiment = await startExperiment(config, { id: 'nni-v2', noServer: true });
    expect(await experiment.done).toBe('DONE');
    await experiment.close();
    checkStore(experiment.dir);
  }, 120_000);

  it('runs the v1 config_v1.yml with `archspace create --config`', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-nni-v1-'));
    // Not spawnSync: the other experiment's manager runs in this process meanwhile.
    const created = startCli(['create', '--config', join(fixtures, 'config_v1.yml'), '--id', 'nni-v1', '-w', workingDirectory], fixtures);
    const timer = setTimeout(() => created.kill('SIGKILL'), 110_000);
    const [status] = (await once(created, 'close')) as [number | null];
    clearTimeout(timer);
    expect(status, created.output()).toBe(0);
    expect(created.output()).toMatch(/experiment nni-v1 ended: DONE/);
    checkStore(join(workingDirectory, 'nni-v1'));
  }, 120_000);
});
