/**
 * End to end: an HPO experiment from a YAML config runs 20 trials at concurrency 4 as local
 * processes; every parameter and metric lands in SQLite and in exportData(); a crashing trial is
 * FAILED and the rest succeed; every client method works against the running REST server.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Experiment, SqliteStore, loadExperimentConfig, startExperiment } from '@archspace/experiment';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('an HPO experiment from a YAML config', () => {
  it('runs 20 trials at concurrency 4, records everything, and answers every client method', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-e2e-'));
    const config = { ...loadExperimentConfig(join(fixtures, 'hpo-config.yml')), experimentWorkingDirectory: workingDirectory };
    const experiment = await startExperiment(config, { id: 'e2e' });
    const client = await Experiment.connect(experiment.server!.url, { token: experiment.token });

    // While it runs: status, profile and a concurrency update.
    expect(['RUNNING', 'INITIALIZED']).toContain(await client.getStatus());
    expect((await client.getExperimentProfile()).id).toBe('e2e');
    await client.updateConcurrency(4);
    await client.updateDuration('1h');
    const sequenceId = await client.addCustomizedTrial({ x: 5, y: 1 });
    expect(sequenceId).toBeGreaterThanOrEqual(0);

    expect(await experiment.done).toBe('DONE');
    const trials = await client.listTrialJobs();
    expect(trials).toHaveLength(20);
    const failed = trials.filter((t) => t.status === 'FAILED');
    const succeeded = trials.filter((t) => t.status === 'SUCCEEDED');
    expect(failed.length + succeeded.length).toBe(20);
    for (const trial of failed) {
      expect(trial.hyperParameters[0]!.parameters['x']).toBe(7);
      expect(await client.getTrialFile(trial.trialJobId, 'stderr')).toMatch(/x = 7 is a bad trial/);
    }
    expect(succeeded.length).toBeGreaterThan(10);

    const one = await client.getTrialJob(succeeded[0]!.trialJobId);
    expect(one.status).toBe('SUCCEEDED');
    const metrics = await client.getJobMetrics(succeeded[0]!.trialJobId);
    const series = metrics[succeeded[0]!.trialJobId]!;
    expect(series.filter((m) => m.type === 'PERIODICAL')).toHaveLength(3);
    expect(series.filter((m) => m.type === 'FINAL')).toHaveLength(1);

    const exported = await client.exportData();
    expect(exported).toHaveLength(succeeded.length);
    for (const row of exported) expect((row.value as unknown as { x: number }).x).toBe(row.parameter["x"]);
    expect((await client.getJobStatistics()).find((s) => s.trialJobStatus === 'SUCCEEDED')!.trialJobNumber).toBe(succeeded.length);
    expect((await client.getExperimentStatus()).status).toBe('DONE');
    expect(await client.getVersion()).toMatch(/\d+\.\d+/);
    await experiment.close();

    // Everything is in SQLite.
    const store = SqliteStore.open(join(experiment.dir, 'experiment.db'), { readonly: true });
    try {
      expect(store.countTrials()).toBe(20);
      const stored = store.listTrials();
      expect(new Set(stored.map((t) => t.trialJobId)).size).toBe(20);
      expect(stored.every((t) => typeof t.parameters['x'] === 'number' && typeof t.parameters['y'] === 'number')).toBe(true);
      expect(store.finalMetrics()).toHaveLength(succeeded.length);
      expect(store.listMetrics({ type: 'PERIODICAL' }).length).toBe(3 * succeeded.length);
      expect(JSON.parse(readFileSync(join(stored[0]!.logPath!, 'parameters.json'), 'utf8')).parameters).toEqual(stored[0]!.parameters);
    } finally {
      store.close();
    }
  }, 120_000);
});
