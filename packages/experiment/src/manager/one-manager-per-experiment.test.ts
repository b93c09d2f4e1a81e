/**
 * Defect 3: a second manager (`resume` on a running experiment) was let in. The manager lock refuses
 * it, in this process or another, and is free again the moment its holder dies, SIGKILL included,
 * with nothing stale to clean up.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ArchspaceError } from '@archspace/ir';
import { ExperimentManager } from './experiment-manager.js';
import { acquireManagerLock, isManagerRunning } from './manager-lock.js';
import { managerFixture } from './test-support/manager-fixture.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ArchspaceError);
    return (error as ArchspaceError).code;
  }
  return undefined;
}

describe('one manager per experiment', () => {
  it('refuses a second manager of a running experiment and lets one in once the first is closed', async () => {
    const fixture = managerFixture(`await sleep(200); out('FINAL', 0, x);`, { sqlite: true });
    const first = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
    const running = first.run();
    expect(isManagerRunning(fixture.dir)).toBe(true);
    expect(codeOf(() => ExperimentManager.open('resume', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy: new GridSearch() }))).toBe('experiment-running');
    expect(codeOf(() => ExperimentManager.open('new', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy: new GridSearch() }))).toBe('experiment-running');
    // The refused manager touched nothing: the first one finishes every trial.
    expect(await running).toBe('DONE');
    expect(fixture.store.listTrials().map((t) => t.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    first.close();
    expect(isManagerRunning(fixture.dir)).toBe(false);
    const second = ExperimentManager.open('resume', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy: new GridSearch() });
    expect(await second.run()).toBe('DONE');
    second.close();
  }, 30_000);

  it('is held by another process until that process is SIGKILLed, then free at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archspace-lock-'));
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import Database from 'better-sqlite3'; const db = new Database(process.argv[1] + '/manager.lock'); db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, since INTEGER NOT NULL); COMMIT'); console.log('held'); setInterval(() => {}, 1000);`, dir],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(isManagerRunning(dir)).toBe(true);
    expect(codeOf(() => acquireManagerLock(dir, { waitMs: 100 }))).toBe('experiment-running');
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(isManagerRunning(dir)).toBe(false);
    const lock = acquireManagerLock(dir, { waitMs: 0 });
    expect(isManagerRunning(dir)).toBe(true);
    lock.release();
    lock.release();
  }, 30_000);
});
