/**
 * The SQLite layout of an experiment store and its version. A file records the schema version it was
 * written with; a store refuses a file from a newer archspace instead of misreading it. Internal: not
 * exported from the package.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';

/** The schema version this archspace writes and reads. */
export const SCHEMA_VERSION = 2;

/**
 * Version 1. `trial.sequence_id` is the rowid, so listing trials in sequence order is a plain table
 * scan. `trial.info` is the trial's `TrialJobInfo` as JSON text (with its first FINAL metric), kept up
 * to date by the store, so `GET /trial-jobs` is one concatenation. The partial index `metric_final`
 * finds a trial's first FINAL metric with one seek.
 */
export const SCHEMA_V1 = `
CREATE TABLE archspace_schema (version INTEGER NOT NULL);
CREATE TABLE experiment (
  id TEXT PRIMARY KEY NOT NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  exec_duration REAL NOT NULL,
  next_sequence_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  log_dir TEXT NOT NULL,
  error TEXT
);
CREATE TABLE trial (
  sequence_id INTEGER PRIMARY KEY NOT NULL,
  trial_job_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  parameter_id INTEGER NOT NULL,
  parameters TEXT NOT NULL,
  sample TEXT NOT NULL,
  budget REAL,
  start_time INTEGER,
  end_time INTEGER,
  message TEXT,
  log_path TEXT,
  pid INTEGER,
  info TEXT NOT NULL
);
CREATE INDEX trial_by_status ON trial (status, sequence_id);
CREATE TABLE metric (
  id INTEGER PRIMARY KEY NOT NULL,
  trial_job_id TEXT NOT NULL REFERENCES trial (trial_job_id),
  parameter_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX metric_by_time ON metric (timestamp, sequence, id);
CREATE INDEX metric_by_trial ON metric (trial_job_id, timestamp, sequence, id);
CREATE INDEX metric_final ON metric (trial_job_id, id) WHERE type = 'FINAL';
`;

/**
 * Version 2 adds `trial.process_identity`: which process the pid named (boot and start time), so a
 * resumed manager never signals a process that reused a trial's pid.
 */
const MIGRATIONS: Readonly<Record<number, string>> = {
  2: 'ALTER TABLE trial ADD COLUMN process_identity TEXT;',
};

function tableNames(db: Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
  return rows as string[];
}

function storedVersion(db: Database, file: string): number {
  const version = db.prepare('SELECT MAX(version) FROM archspace_schema').pluck().get();
  if (typeof version !== 'number') throw new StoreError({ code: 'not-a-store', message: `"${file}" has an empty schema version table: it is not an archspace store` });
  return version;
}

/**
 * Makes sure `db` holds a store of {@link SCHEMA_VERSION}: creates the tables in an empty file
 * (unless read-only) and refuses a file written by a newer archspace or by something else.
 */
export function prepareSchema(db: Database, file: string, readonly: boolean): void {
  const check = (): number | undefined => {
    const tables = tableNames(db);
    if (tables.includes('archspace_schema')) return storedVersion(db, file);
    if (tables.length === 0 && readonly) {
      throw new StoreError({ code: 'store-empty', message: `"${file}" is an empty database: no experiment is stored in it (yet; one may be being created)` });
    }
    if (tables.length > 0) {
      throw new StoreError({
        code: 'not-a-store',
        message: `"${file}" is not an archspace experiment store (it has no archspace_schema table${tables.length > 0 ? `; its tables are ${tables.join(', ')}` : ''})`,
      });
    }
    return undefined;
  };
  let version = check();
  if (version === undefined) {
    // IMMEDIATE: two processes creating the same store at once must not both create the tables.
    db.transaction(() => {
      if (check() !== undefined) return;
      db.exec(SCHEMA_V1);
      db.prepare('INSERT INTO archspace_schema (version) VALUES (?)').run(1);
    }).immediate();
    version = check()!;
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError({
      code: 'schema-too-new',
      expected: `schema version ${SCHEMA_VERSION} or older`,
      received: version,
      message: `"${file}" was written by a newer archspace (schema version ${version}; this archspace reads version ${SCHEMA_VERSION} or older): upgrade archspace to open it`,
    });
  }
  if (version < SCHEMA_VERSION && !readonly) {
    db.transaction(() => {
      const current = storedVersion(db, file);
      for (let next = current + 1; next <= SCHEMA_VERSION; next++) {
        db.exec(MIGRATIONS[next]!);
        db.prepare('INSERT INTO archspace_schema (version) VALUES (?)').run(next);
      }
    }).immediate();
  }
}

/** Whether the store's trial table has the `process_identity` column (a read-only view of a version 1 file has not). */
export function hasProcessIdentity(db: Database): boolean {
  return (db.prepare("SELECT COUNT(*) FROM pragma_table_info('trial') WHERE name = 'process_identity'").pluck().get() as number) > 0;
}
