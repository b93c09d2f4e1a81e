/**
 * The SQLite layout of an experiment store and its version. A file records the schema version it was
 * written with; a store refuses a file from a newer archspace instead of misreading it. Internal: not
 * exported from the package.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';
import { finalValueOf, searchTextOf } from './trial-page-columns.js';

/** The schema version this archspace writes and reads. */
export const SCHEMA_VERSION = 3;

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
 * Version 3 adds the columns the dashboard's page query (`trialPage`) sorts and filters on, kept up
 * to date by the store and indexed: `final_value` (the first FINAL metric's number, or its numeric
 * `default`), `duration` (end − start in ms, when both are known) and `search_text` (the sample's
 * values as JSON text, one a line, ASCII letters lower-cased); and `trial_count`, the number of
 * trials in each status, kept by triggers, so that a page's total needs no scan of the table; and
 * `sample_label`, every label any trial's sample has had, kept by triggers, so that the dashboard's
 * first overview need not read every sample (a label stays listed after the only sample holding it is
 * rewritten without it).
 */
const SCHEMA_V3 = `
ALTER TABLE trial ADD COLUMN final_value REAL;
ALTER TABLE trial ADD COLUMN duration INTEGER;
ALTER TABLE trial ADD COLUMN search_text TEXT;
UPDATE trial SET duration = end_time - start_time WHERE start_time IS NOT NULL AND end_time IS NOT NULL;
CREATE INDEX trial_by_final ON trial (final_value, sequence_id);
CREATE INDEX trial_by_duration ON trial (duration, sequence_id);
CREATE INDEX trial_by_start ON trial (start_time, sequence_id);
CREATE INDEX trial_by_end ON trial (end_time, sequence_id);
CREATE TABLE trial_count (status TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO trial_count (status, n) SELECT status, COUNT(*) FROM trial GROUP BY status;
CREATE TRIGGER trial_count_insert AFTER INSERT ON trial BEGIN
  INSERT INTO trial_count (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER trial_count_delete AFTER DELETE ON trial BEGIN
  UPDATE trial_count SET n = n - 1 WHERE status = OLD.status;
END;
CREATE TRIGGER trial_count_status AFTER UPDATE OF status ON trial WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE trial_count SET n = n - 1 WHERE status = OLD.status;
  INSERT INTO trial_count (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TABLE sample_label (label TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO sample_label (label) SELECT j.key FROM trial AS t, json_each(t.sample) AS j;
CREATE TRIGGER sample_label_insert AFTER INSERT ON trial BEGIN
  INSERT OR IGNORE INTO sample_label (label) SELECT key FROM json_each(NEW.sample);
END;
CREATE TRIGGER sample_label_update AFTER UPDATE OF sample ON trial BEGIN
  INSERT OR IGNORE INTO sample_label (label) SELECT key FROM json_each(NEW.sample);
END;
`;

/** Fills version 3's `final_value` and `search_text` of the trials already stored (by the same functions the store writes them with). */
function backFillV3(db: Database): void {
  const setSearch = db.prepare('UPDATE trial SET search_text = ? WHERE sequence_id = ?');
  for (const [sequenceId, sample] of db.prepare('SELECT sequence_id, sample FROM trial').raw().all() as [number, string][]) setSearch.run(searchTextOf(sample), sequenceId);
  const setFinal = db.prepare('UPDATE trial SET final_value = ? WHERE trial_job_id = ?');
  const finals = db
    .prepare("SELECT m.trial_job_id, m.data FROM metric m WHERE m.id = (SELECT f.id FROM metric f WHERE f.trial_job_id = m.trial_job_id AND f.type = 'FINAL' ORDER BY f.id LIMIT 1)")
    .raw()
    .all() as [string, string][];
  for (const [trialJobId, data] of finals) setFinal.run(finalValueOf(data), trialJobId);
}

/**
 * The step from the version before to each version: SQL, or a function for what SQL cannot compute
 * the way the store does. Version 2 adds `trial.process_identity`: which process the pid named (boot
 * and start time), so a resumed manager never signals a process that reused a trial's pid.
 */
const MIGRATIONS: Readonly<Record<number, string | ((db: Database) => void)>> = {
  2: 'ALTER TABLE trial ADD COLUMN process_identity TEXT;',
  3: (db) => {
    db.exec(SCHEMA_V3);
    backFillV3(db);
  },
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
        const step = MIGRATIONS[next]!;
        if (typeof step === 'string') db.exec(step);
        else step(db);
        db.prepare('INSERT INTO archspace_schema (version) VALUES (?)').run(next);
      }
    }).immediate();
  }
}

/** Whether the store's trial table has the `process_identity` column (a read-only view of a version 1 file has not). */
export function hasProcessIdentity(db: Database): boolean {
  return (db.prepare("SELECT COUNT(*) FROM pragma_table_info('trial') WHERE name = 'process_identity'").pluck().get() as number) > 0;
}

/** Whether the store's trial table has version 3's page columns (a read-only view of an older file has not). */
export function hasPageColumns(db: Database): boolean {
  return (db.prepare("SELECT COUNT(*) FROM pragma_table_info('trial') WHERE name = 'final_value'").pluck().get() as number) > 0;
}

/** Whether the store has version 3's `trial_count` table (trials per status, kept by triggers). */
export function hasTrialCounts(db: Database): boolean {
  return (db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'trial_count'").pluck().get() as number) > 0;
}

/** Whether the store keeps its labels in the `sample_label` table (a read-only view of an older file does not). */
export function hasLabelTable(db: Database): boolean {
  return (db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sample_label'").pluck().get() as number) > 0;
}
