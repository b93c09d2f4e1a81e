/**
 * The `archspace` command under ordinary faults: an experiment whose trials all fail exits non-zero
 * naming the reasons, and `export` carries them; `list` goes past a corrupt store; `stop` settles an
 * experiment whose manager was SIGKILLed (no readyTimeoutMs advice); the token is in a file only its
 * owner can read, never on a command line, and a trial of one experiment cannot stop another; an id
 * cannot lead outside the working directory.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteStore, StoreError } from '@archspace/experiment';
import { liveMembersOfGroup } from './support/processes.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, ...env } });

function config(workingDirectory: string, lines: string[]): string {
  const file = join(workingDirectory, `config-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, ['searchSpace:', '  x: { _type: choice, _value: [1, 2, 3, 4, 5, 6] }', '  y: { _type: uniform, _value: [0, 1] }', `trialCodeDirectory: ${fixtures}`, 'tuner: { name: Random }', ...lines].join('\n'));
  return file;
}

function background(args: string[], env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [cli, ...args], { cwd: fixtures, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let text = '';
  child.stdout!.on('data', (c) => (text += c));
  child.stderr!.on('data', (c) => (text += c));
  return Object.assign(child, { output: () => text });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 1500) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('archspace under faults', () => {
  it('exits 1 and prints the first reasons when every trial fails; export keeps the reasons', () => {
    const w = mkdtempSync(join(tmpdir(), 'archspace-cli-faults-'));
    const created = run(['create', '--config', config(w, ['trialCommand: no-such-trial-command', 'trialConcurrency: 2', 'maxTrialNumber: 3']), '--id', 'allfail', '-w', w]);
    expect(created.status).toBe(1);
    expect(created.stdout).toMatch(/experiment allfail ended: ERROR \(trials: 0 succeeded, 3 failed\)/);
    expect(created.stdout).toMatch(/no trial succeeded; the first failure reasons:\n {2}trial \w+: the trial exited with code 127; stderr ends with: .*no-such-trial-command.*not found/);
    const exported = JSON.parse(run(['export', 'allfail', '-w', w]).stdout) as { status: string; message: string }[];
    expect(exported).toHaveLength(3);
    for (const trial of exported) expect(trial).toMatchObject({ status: 'FAILED', message: expect.stringMatching(/code 127/) });
    const csv = run(['export', 'allfail', '-w', w, '--format', 'csv']).stdout;
    expect(csv.split('\n')[0]).toContain('message');
  }, 60_000);

  it('lists every experiment, saying which store is unreadable, instead of stopping at it', () => {
    const w = mkdtempSync(join(tmpdir(), 'archspace-cli-faults-'));
    for (const id of ['a-corrupt', 'b-good']) mkdirSync(join(w, id));
    writeFileSync(join(w, 'a-corrupt', 'experiment.db'), 'this is not a database, just bytes'.repeat(100));
    expect(run(['create', '--config', config(w, ['trialCommand: node hpo-trial.mjs', 'trialConcurrency: 2', 'maxTrialNumber: 2']), '--id', 'b-good', '-w', w]).status).toBe(0);
    const list = run(['list', '-w', w]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^a-corrupt {2}UNREADABLE {2}\(.*not an archspace experiment store/m);
    expect(list.stdout).toMatch(/^b-good {2}DONE/m);
  }, 60_000);

  it('refuses an id that leaves the working directory, and a working directory under /proc, at once', () => {
    const w = mkdtempSync(join(tmpdir(), 'archspace-cli-faults-'));
    const file = config(w, ['trialCommand: node hpo-trial.mjs', 'trialConcurrency: 1', 'maxTrialNumber: 1']);
    const escaped = run(['create', '--config', file, '--id', '../escaped', '-w', join(w, 'inner')]);
    expect(escaped.status).toBe(1);
    expect(escaped.stderr).toMatch(/id.*1 to 64 letters/);
    expect(existsSync(join(w, 'escaped'))).toBe(false);
    expect(run(['resume', '../escaped', '-w', w]).stderr).toMatch(/1 to 64 letters/);
    const proc = run(['create', '--config', file, '-w', '/proc/x']);
    expect(proc.status).toBe(1);
    expect(proc.stderr).toMatch(/\/proc/);
  }, 60_000);

  it('stop settles an experiment whose manager was SIGKILLed: orphaned trials stopped, finished work kept, STOPPED', async () => {
    const w = mkdtempSync(join(tmpdir(), 'archspace-cli-faults-'));
    const manager = background(['create', '--config', config(w, ['trialCommand: node hpo-trial.mjs', 'trialConcurrency: 3', 'maxTrialNumber: 6']), '--id', 'orphans', '-w', w], { ARCHSPACE_TRIAL_SLEEP_MS: '20000' });
    const db = join(w, 'orphans', 'experiment.db');
    const running = () => {
      if (!existsSync(db)) return [];
      let store: SqliteStore;
      try {
        store = SqliteStore.open(db, { readonly: true });
      } catch (error) {
        // The manager creates the file a moment before it writes the schema.
        if (error instanceof StoreError && error.code === 'store-empty') return [];
        throw error;
      }
      try {
        return store.listTrials({ status: 'RUNNING' });
      } finally {
        store.close();
      }
    };
    await until(() => running().length === 3, 'three running trials');
    manager.kill('SIGKILL');
    await new Promise((r) => manager.once('exit', r));
    const orphans = running().map((t) => t.pid!);
    for (const pgid of orphans) expect(liveMembersOfGroup(pgid).length).toBeGreaterThan(0);
    expect(run(['list', '-w', w]).stdout).toMatch(/^orphans {2}INTERRUPTED .*archspace resume orphans/m);
    const stop = run(['stop', 'orphans', '-w', w]);
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(/experiment orphans was not running .* marked STOPPED: .* 3 leftover trial processes stopped/);
    expect(stop.stdout + stop.stderr).not.toMatch(/readyTimeoutMs/);
    for (const pgid of orphans) expect(liveMembersOfGroup(pgid)).toEqual([]);
    expect(run(['list', '-w', w]).stdout).toMatch(/^orphans {2}STOPPED/m);
    const store = SqliteStore.open(db, { readonly: true });
    try {
      expect(store.listTrials().filter((t) => t.status === 'RUNNING')).toEqual([]);
    } finally {
      store.close();
    }
  }, 60_000);
});
