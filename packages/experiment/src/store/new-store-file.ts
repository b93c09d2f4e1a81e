/**
 * Creating a store file whole: the schema is written to a file of its own and only then linked to the
 * store's name, so that nobody who opens the store (`archspace list`, a dashboard, another manager) or
 * a manager killed half-way ever leaves or finds a database without its tables.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Makes sure `file` exists as a database with the tables `prepare` writes: when there is no such file,
 * prepares one under a temporary name beside it (in WAL mode, as stores are kept) and links it into
 * place. A file that appears meanwhile (another process creating the same store) is left as it is.
 */
export function createStoreFileWhole(file: string, prepare: (db: Database.Database, file: string) => void): void {
  if (existsSync(file)) return;
  const temporary = `${file}.creating-${process.pid}-${randomUUID()}`;
  try {
    const db = new Database(temporary);
    try {
      db.pragma('journal_mode = WAL');
      prepare(db, temporary);
    } finally {
      // Closing the last connection checkpoints the log into the file and removes it.
      db.close();
    }
    linkIntoPlace(temporary, file);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(temporary + suffix, { force: true });
  }
}

/** Gives `temporary` the name `file` unless a file of that name appeared meanwhile. */
function linkIntoPlace(temporary: string, file: string): void {
  try {
    linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: a rename is atomic too, but would replace a file that
    // appeared since, so it is done only if none has (a creator racing within that instant loses).
    if (!existsSync(file)) renameSync(temporary, file);
  }
}
