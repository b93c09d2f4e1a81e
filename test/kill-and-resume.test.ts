/**
 * The manager is killed with SIGKILL mid-run; `resume` finishes the experiment, and no finished
 * trial is lost or run twice.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SqliteStore, resumeExperiment } from '@archspace/experiment';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

function succeededIds(dbFile: string): string[] {
  if (!existsSync(dbFile)) return [];
  let store: SqliteStore;
  try {
    store = SqliteStore.open(dbFile, { readonly: true });
  } catch {
    return []; // still being created
  }
  try {
    return store.listTrials({ status: 'SUCCEEDED' }).map((t) => t.trialJobId);
  } finally {
    store.close();
  }
}

it('resumes after a SIGKILL of the manager without losing or repeating a finished trial', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-kill-'));
  const config = join(fixtures, 'hpo-config.yml');
  const manager = spawn(process.execPath, [cli, 'create', '--config', config, '--id', 'killed', '--working-directory', workingDirectory], {
    cwd: fixtures,
    env: { ...process.env, ARCHSPACE_TRIAL_SLEEP_MS: '300' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const dir = join(workingDirectory, 'killed');
  const db = join(dir, 'experiment.db');
  const deadline = Date.now() + 60_000;
  while (succeededIds(db).length < 4) {
    if (Date.now() > deadline) throw new Error('the manager did not finish 4 trials in time');
    if (manager.exitCode !== null) throw new Error(`the manager exited early with code ${manager.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  manager.kill('SIGKILL');
  await new Promise((r) => manager.once('exit', r));
  const finishedBeforeKill = succeededIds(db);

  const resumed = await resumeExperiment(dir, { noServer: true });
  expect(await resumed.done).toBe('DONE');
  await resumed.close();

  const store = SqliteStore.open(db, { readonly: true });
  try {
    const trials = store.listTrials();
    const byId = new Map(trials.map((t) => [t.trialJobId, t]));
    for (const id of finishedBeforeKill) expect(byId.get(id)?.status).toBe('SUCCEEDED');
    // Interrupted trials ran again under their own ids: 20 trials in all, none canceled.
    const counted = trials;
    expect(counted).toHaveLength(20);
    expect(trials.every((t) => t.status === 'SUCCEEDED' || t.status === 'FAILED')).toBe(true);
    // No sample ran twice: Random deduplicates, and resume restores what ran.
    const keys = counted.map((t) => JSON.stringify(t.sample));
    expect(new Set(keys).size).toBe(keys.length);
    // Every succeeded trial has exactly one final metric.
    const finals = store.finalMetrics();
    expect(new Set(finals.map((m) => m.trialJobId)).size).toBe(finals.length);
    expect(store.listMetrics({ type: 'FINAL' }).length).toBe(finals.length);
    expect(trials.every((t) => t.status !== 'RUNNING' && t.status !== 'WAITING')).toBe(true);
  } finally {
    store.close();
  }
}, 180_000);
