/**
 * One manager per experiment. The running manager holds an exclusive lock on `manager.lock` in the
 * experiment's folder; a second `create`, `resume` or `stop` recovery finds it held and is refused.
 *
 * The lock is the operating system's file lock (taken through SQLite, already a dependency), not a
 * pid written in a file: the kernel drops it the moment its process dies, SIGKILL and crashes
 * included, so a killed manager never leaves a stale lock to recover from, and a reused pid can never
 * look like a live manager.
 */
import { chmodSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ArchspaceError } from '@archspace/ir';

/** The lock's file name in an experiment's folder. */
export const LOCK_FILE = 'manager.lock';

/** A held manager lock. */
export interface ManagerLock {
  /** Lets another manager take the experiment. Idempotent. */
  release(): void;
}

/** Options of {@link acquireManagerLock}. */
export interface AcquireOptions {
  /** How long to wait for a lock held by someone else, in ms (default 500: a `list` may be probing it). */
  readonly waitMs?: number;
  /** Words for the refusal: what was being attempted (default "run experiment <folder>"). */
  readonly action?: string;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * Takes the manager lock of the experiment in `dir`, or throws an `ArchspaceError` with code
 * `"experiment-running"` when another manager (in this process or any other) holds it.
 *
 * @example
 * ```ts
 * const lock = acquireManagerLock(dir);
 * try { await run(); } finally { lock.release(); }
 * ```
 */
export function acquireManagerLock(dir: string, options: AcquireOptions = {}): ManagerLock {
  const file = join(dir, LOCK_FILE);
  const db = new Database(file, { timeout: options.waitMs ?? 500 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close().
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, since INTEGER NOT NULL)');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, host, since) VALUES (?, ?, ?)').run(process.pid, hostname(), Date.now());
    db.exec('COMMIT');
    chmodSync(file, 0o600);
  } catch (error) {
    db.close();
    if (isBusy(error)) {
      throw new ArchspaceError({
        code: 'experiment-running',
        path: ['id'],
        message: `cannot ${options.action ?? `run the experiment in ${dir}`}: another manager is running it; stop that one first (archspace stop <id>), or open it read-only (archspace view <id>)`,
      });
    }
    throw error;
  }
  return {
    release() {
      if (db.open) db.close();
    },
  };
}

/**
 * Whether a manager holds the lock of the experiment in `dir` right now. An experiment whose store
 * says RUNNING while no manager holds its lock was interrupted (its manager was killed).
 */
export function isManagerRunning(dir: string): boolean {
  const file = join(dir, LOCK_FILE);
  if (!existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 });
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').all();
    return false;
  } catch (error) {
    return isBusy(error);
  } finally {
    db?.close();
  }
}
