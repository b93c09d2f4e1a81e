/**
 * The default {@link ExperimentStore}: one SQLite file in the experiment's folder. Writes are
 * committed before each call returns, in WAL mode with `synchronous = NORMAL`: a manager killed at any
 * moment (SIGKILL included) loses nothing it had recorded, and readers in other processes (`view`, a
 * dashboard) see every committed row without blocking the writer. Only a power cut or an operating
 * system crash may lose the last few commits — the price of not calling fsync at every trial.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { type ExperimentRow, type MetricRow, type MetricType, type TrialJobInfo, type TrialJobStatus, type TrialRow } from '../records.js';
import type { ExperimentPatch, ExperimentStore, MetricQuery, TrialPatch, TrialQuery } from './experiment-store.js';
import { applyPatch, checkExperimentFields, checkExperimentRow, encodeJsonObject, checkMetricQuery, checkMetricRow, checkStatusFilter, checkTrialPatch, checkTrialRow, isThenable, pageOf, zeroStatusCounts } from './row-checks.js';
import { hasLabelTable, hasPageColumns, hasProcessIdentity, hasTrialCounts, prepareSchema } from './sqlite-schema.js';
import { type PageColumnSql, sqliteTrialPage } from './sqlite-trial-page.js';
import { finalValueOf, searchTextOf } from './trial-page-columns.js';
import type { TrialPage, TrialPageQuery } from './trial-page.js';
import { type ListingRow, TrialListingCache } from './trial-listing-cache.js';
import { createStoreFileWhole } from './new-store-file.js';
import { StoreError } from './store-error.js';
import { type FinalMetricColumns, patchChangesInfo, type TrialColumns, trialJobInfoJson } from './trial-job-info.js';

/** How to open a store file. */
export interface SqliteStoreOptions {
  /**
   * Open for reading only (`archspace view`): the file must exist, and every write is refused with
   * `StoreError` code `"read-only-store"`.
   */
  readonly readonly?: boolean;
}

type SqlRow = Record<string, unknown>;

const TRIAL_COLUMNS = 'trial_job_id, sequence_id, status, parameter_id, parameters, sample, budget, start_time, end_time, message, log_path, pid, process_identity';
/** The trial columns `updateTrial` may write, with their fields, `parameters` and `sample` aside. */
const UPDATABLE_COLUMNS = [
  ['status', 'status'],
  ['parameter_id', 'parameterId'],
  ['budget', 'budget'],
  ['start_time', 'startTime'],
  ['end_time', 'endTime'],
  ['message', 'message'],
  ['log_path', 'logPath'],
  ['pid', 'pid'],
  ['process_identity', 'processIdentity'],
] as const;
/** A trial's columns without its `parameters` and `sample` JSON. */
const SCALAR_COLUMNS = 'trial_job_id, sequence_id, status, parameter_id, budget, start_time, end_time, message, log_path, pid, process_identity';
/** What a trial's `info` text is built from. */
const INFO_COLUMNS = 'trial_job_id, sequence_id, status, parameter_id, parameters, start_time, end_time, message, log_path';
const FIRST_FINAL = "SELECT timestamp, parameter_id AS parameterId, sequence, data FROM metric WHERE trial_job_id = ? AND type = 'FINAL' ORDER BY id LIMIT 1";
const METRIC_COLUMNS = 'trial_job_id, parameter_id, type, sequence, timestamp, data';

/** Copies the non-null `columns` of `row` into `out` under their field names. */
function addPresent(out: Record<string, unknown>, row: SqlRow, columns: readonly (readonly [string, string])[]): Record<string, unknown> {
  for (const [column, field] of columns) {
    const value = row[column];
    if (value !== null && value !== undefined) out[field] = value;
  }
  return out;
}

const OPTIONAL_TRIAL_COLUMNS = [
  ['budget', 'budget'],
  ['start_time', 'startTime'],
  ['end_time', 'endTime'],
  ['message', 'message'],
  ['log_path', 'logPath'],
  ['pid', 'pid'],
  ['process_identity', 'processIdentity'],
] as const;

/** A trial row from its columns; `json` gives `parameters` and `sample` already parsed. */
function decodeTrial(row: SqlRow, json?: { parameters: unknown; sample: unknown }): TrialRow {
  const trial = {
    trialJobId: row.trial_job_id,
    sequenceId: row.sequence_id,
    status: row.status,
    parameterId: row.parameter_id,
    parameters: json ? json.parameters : (JSON.parse(row.parameters as string) as unknown),
    sample: json ? json.sample : (JSON.parse(row.sample as string) as unknown),
  };
  return addPresent(trial, row, OPTIONAL_TRIAL_COLUMNS) as unknown as TrialRow;
}

function decodeMetric(row: SqlRow): MetricRow {
  return {
    trialJobId: row.trial_job_id as string,
    parameterId: row.parameter_id as number,
    type: row.type as MetricType,
    sequence: row.sequence as number,
    timestamp: row.timestamp as number,
    data: row.data as string,
  };
}

function decodeExperiment(row: SqlRow): ExperimentRow {
  const experiment = {
    id: row.id,
    config: JSON.parse(row.config as string) as unknown,
    status: row.status,
    startTime: row.start_time,
    execDuration: row.exec_duration,
    nextSequenceId: row.next_sequence_id,
    revision: row.revision,
    logDir: row.log_dir,
  };
  return addPresent(experiment, row, [
    ['end_time', 'endTime'],
    ['error', 'error'],
  ]) as unknown as ExperimentRow;
}

/** The experiment's columns other than `id` and `config`, with their fields. */
const EXPERIMENT_FIELDS = [
  ['status', 'status'],
  ['start_time', 'startTime'],
  ['end_time', 'endTime'],
  ['exec_duration', 'execDuration'],
  ['next_sequence_id', 'nextSequenceId'],
  ['revision', 'revision'],
  ['log_dir', 'logDir'],
  ['error', 'error'],
] as const;
const EXPERIMENT_FIELD_COLUMNS = `id, ${EXPERIMENT_FIELDS.map(([column]) => column).join(', ')}`;

/** How many listing entries `trialJobInfoSlices` reads at a time. */
const LISTING_SLICE = 4000;

/** A trial's duration column: end − start in ms when both are known. */
const durationColumn = (trial: { readonly startTime?: number | undefined; readonly endTime?: number | undefined }): number | null =>
  trial.startTime !== undefined && trial.endTime !== undefined ? trial.endTime - trial.startTime : null;

/** The page columns of a version 3 file. */
const PAGE_COLUMNS: PageColumnSql = { finalValue: 'final_value', duration: 'duration', searchText: 'search_text', countTable: true };

/**
 * The page columns computed from an older file's data, for a read-only view that cannot add them:
 * the first FINAL metric's number (or numeric `default`), end − start, and the whole sample's text
 * (labels included) for search.
 */
const OLD_FILE_PAGE_COLUMNS: PageColumnSql = {
  finalValue: `(SELECT CASE WHEN NOT json_valid(m.data) THEN NULL
      WHEN json_type(m.data) IN ('integer', 'real') THEN json_extract(m.data, '$')
      WHEN json_type(m.data) = 'object' AND json_type(m.data, '$.default') IN ('integer', 'real') THEN json_extract(m.data, '$.default') END
    FROM metric m WHERE m.trial_job_id = trial.trial_job_id AND m.type = 'FINAL' ORDER BY m.id LIMIT 1)`,
  duration: '(end_time - start_time)',
  searchText: 'lower(sample)',
  countTable: false,
};

function trialParams(row: TrialRow, json: { parameters: string; sample: string }, final: FinalMetricColumns | undefined): unknown[] {
  const info = trialJobInfoJson({ ...row, parametersJson: json.parameters }, final);
  return [
    row.trialJobId,
    row.sequenceId,
    row.status,
    row.parameterId,
    json.parameters,
    json.sample,
    row.budget ?? null,
    row.startTime ?? null,
    row.endTime ?? null,
    row.message ?? null,
    row.logPath ?? null,
    row.pid ?? null,
    row.processIdentity ?? null,
    info,
    durationColumn(row),
    searchTextOf(json.sample),
  ];
}

/** What {@link trialJobInfoJson} needs, from the columns `INFO_COLUMNS` selects. */
function infoColumns(row: SqlRow): TrialColumns {
  return {
    trialJobId: row.trial_job_id as string,
    sequenceId: row.sequence_id as number,
    status: row.status as TrialJobStatus,
    parameterId: row.parameter_id as number,
    parametersJson: row.parameters as string,
    message: row.message as string | null,
    startTime: row.start_time as number | null,
    endTime: row.end_time as number | null,
    logPath: row.log_path as string | null,
  };
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

/**
 * The SQLite store.
 *
 * @example
 * ```ts
 * const store = SqliteStore.open('/home/me/archspace-experiments/Xa2bC/db/experiment.db');
 * store.saveExperiment({ id: 'Xa2bC', config, status: 'RUNNING', startTime: Date.now(), execDuration: 0, nextSequenceId: 0, revision: 0, logDir });
 * store.close();
 * const view = SqliteStore.open(file, { readonly: true }); // for `archspace view`
 * ```
 */
export class SqliteStore implements ExperimentStore {
  readonly readonly: boolean;
  /** The store's file. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Statement>();
  readonly #listing: TrialListingCache;
  /** The trial columns to select (a read-only view of a version 1 file has no `process_identity`). */
  readonly #trialColumns: string;
  readonly #scalarColumns: string;
  /** The page columns' SQL (computed in a read-only view of a file older than version 3). */
  readonly #pageColumns: PageColumnSql;
  /** Whether the file keeps its labels in `sample_label` (version 3); older files are scanned. */
  readonly #labelTable: boolean;
  /** The labels of the samples read so far (`sampleLabels`, older files), up to sequence id `#labelsUpTo`. */
  #labels: Set<string> | undefined;
  #labelsUpTo = -1;

  private constructor(db: Database.Database, file: string, readonly: boolean) {
    this.#db = db;
    this.#pageColumns = hasPageColumns(db) ? { ...PAGE_COLUMNS, countTable: hasTrialCounts(db) } : OLD_FILE_PAGE_COLUMNS;
    this.#labelTable = hasLabelTable(db);
    const oldFile = !hasProcessIdentity(db);
    this.#trialColumns = oldFile ? TRIAL_COLUMNS.replace('process_identity', 'NULL AS process_identity') : TRIAL_COLUMNS;
    this.#scalarColumns = oldFile ? SCALAR_COLUMNS.replace('process_identity', 'NULL AS process_identity') : SCALAR_COLUMNS;
    this.file = file;
    this.readonly = readonly;
    const row = (r: SqlRow): ListingRow => ({ trialJobId: r.trial_job_id as string, sequenceId: r.sequence_id as number, status: r.status as TrialJobStatus, info: r.info as string });
    this.#listing = new TrialListingCache({
      readAll: () => (this.#sql('SELECT trial_job_id, sequence_id, status, info FROM trial ORDER BY sequence_id').all() as SqlRow[]).map(row),
      readOne: (id) => {
        const found = this.#sql('SELECT trial_job_id, sequence_id, status, info FROM trial WHERE trial_job_id = ?').get(id) as SqlRow | undefined;
        return found && row(found);
      },
      dataVersion: () => this.#sql('PRAGMA data_version').pluck().get() as number,
    });
  }

  /**
   * Opens (creating it and its folder if needed) the store in `file`. Throws `StoreError` with code
   * `"store-not-found"` (read-only and missing), `"not-a-store"` (some other file) or
   * `"schema-too-new"` (written by a newer archspace).
   */
  static open(file: string, options: SqliteStoreOptions = {}): SqliteStore {
    const readonly = options.readonly ?? false;
    const inMemory = file === ':memory:' || file === '';
    let db: Database.Database;
    try {
      if (!readonly && !inMemory) {
        mkdirSync(dirname(file), { recursive: true });
        createStoreFileWhole(file, (created, name) => prepareSchema(created, name, false));
      }
      db = new Database(file, { readonly, fileMustExist: readonly });
    } catch (error) {
      const missing = readonly && (sqliteCode(error) === 'SQLITE_CANTOPEN' || /unable to open|does not exist/i.test(String(error)));
      throw new StoreError({
        code: missing ? 'store-not-found' : 'store-not-opened',
        message: missing ? `there is no experiment store at "${file}"` : `cannot open the experiment store "${file}": ${(error as Error).message}`,
      });
    }
    try {
      if (!readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      // Read the file through a memory map (up to 1 GiB of address space): long scans such as the
      // streamed listing copy pages instead of making a read call for each.
      db.pragma('mmap_size = 1073741824');
      db.pragma('foreign_keys = ON');
      prepareSchema(db, file, readonly);
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw error;
      if (sqliteCode(error) === 'SQLITE_NOTADB') throw new StoreError({ code: 'not-a-store', message: `"${file}" is not an archspace experiment store (not an SQLite database)` });
      throw error;
    }
    return new SqliteStore(db, file, readonly);
  }

  #sql(sql: string): Statement {
    if (!this.#db.open) throw new StoreError({ code: 'store-closed', message: `the store "${this.file}" is closed` });
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #writable(operation: string): void {
    if (!this.#db.open) throw new StoreError({ code: 'store-closed', message: `the store "${this.file}" is closed` });
    if (this.readonly) {
      throw new StoreError({
        code: 'read-only-store',
        message: `the store "${this.file}" was opened read-only (to view the experiment): ${operation} is refused; open it without { readonly: true } to write`,
      });
    }
  }

  saveExperiment(row: ExperimentRow): void {
    this.#writable('saveExperiment');
    const config = checkExperimentRow(row);
    this.#db.transaction(() => {
      const storedId = this.#sql('SELECT id FROM experiment LIMIT 1').pluck().get() as string | undefined;
      if (storedId !== undefined && storedId !== row.id) {
        throw new StoreError({ code: 'experiment-mismatch', path: ['id'], expected: `the stored experiment's id "${storedId}"`, received: row.id });
      }
      this.#sql(
        `INSERT OR REPLACE INTO experiment (id, config, status, start_time, end_time, exec_duration, next_sequence_id, revision, log_dir, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(row.id, config, row.status, row.startTime, row.endTime ?? null, row.execDuration, row.nextSequenceId, row.revision, row.logDir, row.error ?? null);
    })();
  }

  getExperiment(): ExperimentRow | undefined {
    const row = this.#sql('SELECT * FROM experiment LIMIT 1').get() as SqlRow | undefined;
    return row && decodeExperiment(row);
  }

  updateExperiment(patch: ExperimentPatch): ExperimentRow {
    this.#writable('updateExperiment');
    return this.#db.transaction(() => {
      const stored = this.#sql(`SELECT ${EXPERIMENT_FIELD_COLUMNS} FROM experiment LIMIT 1`).get() as SqlRow | undefined;
      if (stored === undefined) throw new StoreError({ code: 'no-experiment', message: 'there is no experiment to update: save one first' });
      // The config (possibly large) is neither decoded nor re-encoded unless the patch changes it.
      const { config: _config, ...current } = decodeExperiment({ ...stored, config: 'null' });
      const { config, ...fields } = patch;
      const next = { ...applyPatch(current, fields, ['id', 'revision']), revision: current.revision + 1 };
      checkExperimentFields(next);
      const configText = 'config' in patch ? encodeJsonObject(config, ['config']) : undefined;
      const values = EXPERIMENT_FIELDS.map(([, field]) => (next as Record<string, unknown>)[field] ?? null);
      const assignments = EXPERIMENT_FIELDS.map(([column]) => `${column} = ?`);
      if (configText !== undefined) {
        assignments.push('config = ?');
        values.push(configText);
      }
      this.#sql(`UPDATE experiment SET ${assignments.join(', ')}`).run(...values);
      return this.getExperiment()!;
    })();
  }

  insertTrial(row: TrialRow): void {
    this.#writable('insertTrial');
    const json = checkTrialRow(row);
    this.#db.transaction(() => {
      if (this.#sql('SELECT 1 FROM trial WHERE trial_job_id = ?').get(row.trialJobId) !== undefined) {
        throw new StoreError({ code: 'duplicate-trial', path: ['trialJobId'], expected: 'a trial id not used yet', received: row.trialJobId });
      }
      try {
        this.#sql(`INSERT INTO trial (${TRIAL_COLUMNS}, info, duration, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...trialParams(row, json, undefined));
        this.#listing.markDirty(row.trialJobId);
        if (row.sequenceId <= this.#labelsUpTo) this.#labels = undefined;
      } catch (error) {
        if (sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new StoreError({ code: 'duplicate-sequence-id', path: ['sequenceId'], expected: 'a sequence id not used yet', received: row.sequenceId });
        }
        throw error;
      }
    })();
  }

  updateTrial(trialJobId: string, patch: TrialPatch): TrialRow {
    this.#writable('updateTrial');
    return this.#db.transaction(() => {
      const stored = this.#sql(`SELECT ${this.#trialColumns} FROM trial WHERE trial_job_id = ?`).get(trialJobId) as SqlRow | undefined;
      if (stored === undefined) throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: trialJobId });
      const current = decodeTrial(stored);
      const next = applyPatch(current, patch, ['trialJobId', 'sequenceId']);
      // The stored row is valid: only what the patch sets needs checking, and untouched JSON stays as stored.
      const changed = checkTrialPatch(next, patch);
      const parameters = changed.parameters ?? (stored.parameters as string);
      const sample = changed.sample ?? (stored.sample as string);
      const columns: string[] = UPDATABLE_COLUMNS.map(([column]) => column);
      const values: unknown[] = UPDATABLE_COLUMNS.map(([, field]) => next[field] ?? null);
      if (changed.parameters !== undefined) {
        columns.push('parameters');
        values.push(parameters);
      }
      if (changed.sample !== undefined) {
        columns.push('sample', 'search_text');
        values.push(sample, searchTextOf(sample));
        this.#labels = undefined;
      }
      columns.push('duration');
      values.push(durationColumn(next));
      if (patchChangesInfo(patch)) {
        const final = this.#sql(FIRST_FINAL).get(trialJobId) as FinalMetricColumns | undefined;
        columns.push('info');
        values.push(trialJobInfoJson({ ...next, parametersJson: parameters }, final));
      }
      this.#sql(`UPDATE trial SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE trial_job_id = ?`).run(...values, trialJobId);
      this.#listing.markDirty(trialJobId);
      // The scalar columns as SQLite returns them; the JSON fields parsed from what was stored.
      const written = this.#sql(`SELECT ${this.#scalarColumns} FROM trial WHERE trial_job_id = ?`).get(trialJobId) as SqlRow;
      return decodeTrial(written, {
        parameters: changed.parameters === undefined ? current.parameters : JSON.parse(parameters),
        sample: changed.sample === undefined ? current.sample : JSON.parse(sample),
      });
    })();
  }

  getTrial(trialJobId: string): TrialRow | undefined {
    const row = this.#sql(`SELECT ${this.#trialColumns} FROM trial WHERE trial_job_id = ?`).get(trialJobId) as SqlRow | undefined;
    return row && decodeTrial(row);
  }

  listTrials(query: TrialQuery = {}): TrialRow[] {
    checkStatusFilter(query.status);
    const { offset, limit } = pageOf(query);
    const rows = (
      query.status === undefined
        ? this.#sql(`SELECT ${this.#trialColumns} FROM trial ORDER BY sequence_id LIMIT ? OFFSET ?`).all(limit, offset)
        : this.#sql(`SELECT ${this.#trialColumns} FROM trial WHERE status = ? ORDER BY sequence_id LIMIT ? OFFSET ?`).all(query.status, limit, offset)
    ) as SqlRow[];
    return rows.map((row) => decodeTrial(row));
  }

  countTrials(status?: TrialJobStatus): number {
    checkStatusFilter(status);
    const count = status === undefined ? this.#sql('SELECT COUNT(*) FROM trial').pluck().get() : this.#sql('SELECT COUNT(*) FROM trial WHERE status = ?').pluck().get(status);
    return count as number;
  }

  trialStatistics(): Record<TrialJobStatus, number> {
    const counts = zeroStatusCounts();
    const query = this.#pageColumns.countTable ? 'SELECT status, n FROM trial_count WHERE n > 0' : 'SELECT status, COUNT(*) AS n FROM trial GROUP BY status';
    for (const row of this.#sql(query).all() as { status: TrialJobStatus; n: number }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }

  trialJobInfosJson(query: { readonly status?: TrialJobStatus } = {}): string {
    checkStatusFilter(query.status);
    return this.#listing.body(query.status);
  }

  listTrialJobInfos(query: { readonly status?: TrialJobStatus } = {}): TrialJobInfo[] {
    return JSON.parse(this.trialJobInfosJson(query)) as TrialJobInfo[];
  }

  getTrialJobInfo(trialJobId: string): TrialJobInfo | undefined {
    const info = this.#sql('SELECT info FROM trial WHERE trial_job_id = ?').pluck().get(trialJobId) as string | undefined;
    return info === undefined ? undefined : (JSON.parse(info) as TrialJobInfo);
  }

  *trialJobInfoSlices(query: { readonly status?: TrialJobStatus } = {}): Iterable<Uint8Array> {
    checkStatusFilter(query.status);
    // SQLite joins each slice and hands over its UTF-8 bytes: no JS string per trial, no re-encoding.
    const filter = query.status === undefined ? '' : 'status = ? AND ';
    const statement = this.#sql(
      `SELECT CAST(group_concat(info, ',' ORDER BY sequence_id) AS BLOB) AS body, MAX(sequence_id) AS last, COUNT(*) AS n
       FROM (SELECT info, sequence_id FROM trial WHERE ${filter}sequence_id > ? ORDER BY sequence_id LIMIT ?)`,
    );
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const slice = (query.status === undefined ? statement.get(after, LISTING_SLICE) : statement.get(query.status, after, LISTING_SLICE)) as { body: Buffer | null; last: number | null; n: number };
      if (slice.n === 0 || slice.body === null) return;
      after = slice.last!;
      yield slice.body;
      if (slice.n < LISTING_SLICE) return;
    }
  }

  trialPage(query: TrialPageQuery = {}): TrialPage {
    return sqliteTrialPage((text) => this.#sql(text), this.#pageColumns, query);
  }

  sampleLabels(): string[] {
    if (this.#labelTable) return (this.#sql('SELECT label FROM sample_label').pluck().all() as string[]).sort();
    // New trials are read incrementally; a rewritten sample (rare) makes the next call read all.
    const upTo = (this.#sql('SELECT MAX(sequence_id) FROM trial').pluck().get() as number | null) ?? -1;
    if (this.#labels === undefined) {
      this.#labels = new Set();
      this.#labelsUpTo = Number.MIN_SAFE_INTEGER;
    }
    if (upTo > this.#labelsUpTo) {
      const keys = this.#sql('SELECT DISTINCT j.key FROM trial AS t, json_each(t.sample) AS j WHERE t.sequence_id > ? AND t.sequence_id <= ?').pluck().all(this.#labelsUpTo, upTo) as string[];
      for (const key of keys) this.#labels.add(key);
      this.#labelsUpTo = upTo;
    }
    return [...this.#labels].sort();
  }

  latestTrialsWithIntermediates(limit: number): string[] {
    if (!(Number.isSafeInteger(limit) && limit >= 0)) throw new StoreError({ code: 'invalid-query', path: ['limit'], expected: 'an integer ≥ 0', received: limit });
    return this.#sql(
      `SELECT t.trial_job_id FROM trial AS t
       WHERE t.start_time IS NOT NULL AND EXISTS (SELECT 1 FROM metric AS m WHERE m.trial_job_id = t.trial_job_id AND m.type = 'PERIODICAL')
       ORDER BY t.start_time DESC, t.sequence_id DESC LIMIT ?`,
    )
      .pluck()
      .all(limit) as string[];
  }

  insertMetric(row: MetricRow): void {
    this.insertMetrics([row]);
  }

  insertMetrics(rows: readonly MetricRow[]): void {
    this.#writable('insertMetrics');
    rows.forEach((row, i) => checkMetricRow(row, rows.length === 1 ? [] : [i]));
    if (rows.length === 0) return;
    this.#db.transaction(() => {
      const insert = this.#sql(`INSERT INTO metric (${METRIC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`);
      const known = new Set<string>();
      for (const row of rows) {
        if (!known.has(row.trialJobId)) {
          if (this.#sql('SELECT 1 FROM trial WHERE trial_job_id = ?').get(row.trialJobId) === undefined) {
            throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: row.trialJobId });
          }
          known.add(row.trialJobId);
        }
        const firstFinal = row.type === 'FINAL' && this.#sql(FIRST_FINAL).get(row.trialJobId) === undefined;
        insert.run(row.trialJobId, row.parameterId, row.type, row.sequence, row.timestamp, row.data);
        if (firstFinal) {
          // The trial's listing entry gains this metric; nothing else of the trial changes.
          const trial = infoColumns(this.#sql(`SELECT ${INFO_COLUMNS} FROM trial WHERE trial_job_id = ?`).get(row.trialJobId) as SqlRow);
          this.#sql('UPDATE trial SET info = ?, final_value = ? WHERE trial_job_id = ?').run(trialJobInfoJson(trial, row), finalValueOf(row.data), row.trialJobId);
          this.#listing.markDirty(row.trialJobId);
        }
      }
    })();
  }

  deleteMetrics(trialJobId: string): void {
    this.#writable('deleteMetrics');
    this.#db.transaction(() => {
      const trial = this.#sql(`SELECT ${INFO_COLUMNS} FROM trial WHERE trial_job_id = ?`).get(trialJobId) as SqlRow | undefined;
      if (trial === undefined) throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: trialJobId });
      this.#sql('DELETE FROM metric WHERE trial_job_id = ?').run(trialJobId);
      this.#sql('UPDATE trial SET info = ?, final_value = NULL WHERE trial_job_id = ?').run(trialJobInfoJson(infoColumns(trial), undefined), trialJobId);
      this.#listing.markDirty(trialJobId);
    })();
  }

  listMetrics(query: MetricQuery = {}): MetricRow[] {
    checkMetricQuery(query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.trialJobId !== undefined) {
      where.push('trial_job_id = ?');
      params.push(query.trialJobId);
    }
    if (query.type !== undefined) {
      where.push('type = ?');
      params.push(query.type);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.#sql(`SELECT ${METRIC_COLUMNS} FROM metric ${filter} ORDER BY timestamp, id`).all(...params) as SqlRow[];
    return rows.map(decodeMetric);
  }

  finalMetrics(): MetricRow[] {
    const rows = this.#sql(
      `SELECT m.trial_job_id, m.parameter_id, m.type, m.sequence, m.timestamp, m.data
       FROM trial t JOIN metric m
         ON m.id = (SELECT f.id FROM metric f WHERE f.trial_job_id = t.trial_job_id AND f.type = 'FINAL' ORDER BY f.id LIMIT 1)
       ORDER BY t.sequence_id`,
    ).all() as SqlRow[];
    return rows.map(decodeMetric);
  }

  transaction<T>(fn: () => T): T {
    if (!this.#db.open) throw new StoreError({ code: 'store-closed', message: `the store "${this.file}" is closed` });
    try {
      return this.#db.transaction(() => {
        const result = fn();
        if (isThenable(result)) {
          throw new StoreError({ code: 'async-transaction', message: 'a transaction function must be synchronous: it returned a promise, and its writes were undone' });
        }
        return result;
      })();
    } catch (error) {
      // Entries read inside the transaction may show writes that were just undone.
      this.#listing.invalidate();
      this.#labels = undefined;
      throw error;
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
