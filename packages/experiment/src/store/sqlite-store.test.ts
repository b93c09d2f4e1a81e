import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './sqlite-schema.js';
import { SqliteStore } from './sqlite-store.js';
import { sampleExperiment, sampleMetric, sampleTrial, storeContract, storeErrorOf } from './test-support/store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-sqlite-store-'));
let files = 0;
const newFile = (): string => join(root, `run-${files++}`, 'experiment.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The package folder, so that a child `node -e` resolves `better-sqlite3` as the package does. */
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

storeContract('SqliteStore', () => SqliteStore.open(newFile()));

describe('SqliteStore on disk', () => {
  it('keeps everything across close and reopen', () => {
    const file = newFile();
    const store = SqliteStore.open(file);
    store.saveExperiment(sampleExperiment());
    store.insertTrial(sampleTrial(0, { status: 'SUCCEEDED' }));
    store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '{"default":0.25}' }));
    const before = { experiment: store.getExperiment(), trials: store.listTrials(), metrics: store.listMetrics(), infos: store.trialJobInfosJson() };
    store.close();
    const reopened = SqliteStore.open(file);
    expect({ experiment: reopened.getExperiment(), trials: reopened.listTrials(), metrics: reopened.listMetrics(), infos: reopened.trialJobInfosJson() }).toStrictEqual(before);
    reopened.close();
  });

  it('reads a version 1 file read-only and upgrades it to the current version when opened for writing, keeping its trials and back-filling the page columns', () => {
    const file = newFile();
    const store = SqliteStore.open(file);
    store.saveExperiment(sampleExperiment());
    store.insertTrial(sampleTrial(0, { status: 'RUNNING', pid: 9, sample: { opt: 'Adam' }, startTime: 1000, endTime: 1600 }));
    store.insertTrial(sampleTrial(1, { sample: { opt: 'sgd' } }));
    store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '{"default":0.75,"loss":1}' }));
    store.close();
    // Make it the file an archspace of schema version 1 wrote.
    const db = new Database(file);
    db.exec(`DROP TABLE trial_count; DROP TRIGGER trial_count_insert; DROP TABLE sample_label; DROP TRIGGER sample_label_insert; DROP TRIGGER sample_label_update; DROP TRIGGER trial_count_delete; DROP TRIGGER trial_count_status; DROP INDEX trial_by_final; DROP INDEX trial_by_duration; DROP INDEX trial_by_start; DROP INDEX trial_by_end;
      ALTER TABLE trial DROP COLUMN final_value; ALTER TABLE trial DROP COLUMN duration; ALTER TABLE trial DROP COLUMN search_text;
      ALTER TABLE trial DROP COLUMN process_identity; DELETE FROM archspace_schema; INSERT INTO archspace_schema (version) VALUES (1);`);
    db.close();
    const view = SqliteStore.open(file, { readonly: true });
    expect(view.getTrial('t0')).toMatchObject({ status: 'RUNNING', pid: 9 });
    expect(view.getTrial('t0')).not.toHaveProperty('processIdentity');
    // The page query works on the old file too, computing what it lacks.
    expect(view.trialPage({ sort: 'metric', order: 'desc' }).trials.map((t) => [t.trialJobId, t.metric])).toEqual([['t0', 0.75], ['t1', null]]);
    expect(view.trialPage({ sort: 'duration', search: 'adam' }).trials.map((t) => t.trialJobId)).toEqual(['t0']);
    expect(view.sampleLabels()).toEqual(['opt']);
    view.close();
    const upgraded = SqliteStore.open(file);
    upgraded.updateTrial('t0', { processIdentity: 'boot/1' });
    expect(upgraded.getTrial('t0')).toMatchObject({ pid: 9, processIdentity: 'boot/1' });
    expect(upgraded.trialPage({ metricMin: 0.5 }).trials.map((t) => [t.trialJobId, t.metric])).toEqual([['t0', 0.75]]);
    expect(upgraded.trialPage({ search: 'ADAM' }).trials.map((t) => t.trialJobId)).toEqual(['t0']);
    // The per-status counts are back-filled, then kept by triggers.
    expect(upgraded.trialStatistics()).toMatchObject({ RUNNING: 1, WAITING: 1 });
    upgraded.updateTrial('t1', { status: 'FAILED' });
    expect(upgraded.trialStatistics()).toMatchObject({ RUNNING: 1, WAITING: 0, FAILED: 1 });
    expect(upgraded.trialPage({ statuses: ['FAILED', 'RUNNING', 'FAILED'] }).total).toBe(2);
    // The labels are back-filled, then kept by triggers (on a new trial and on a rewritten sample).
    expect(upgraded.sampleLabels()).toEqual(['opt']);
    upgraded.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT MAX(version) FROM archspace_schema').pluck().get()).toBe(SCHEMA_VERSION);
    expect(check.prepare('SELECT final_value, duration, search_text FROM trial ORDER BY sequence_id').all()).toEqual([
      { final_value: 0.75, duration: 600, search_text: '"adam"' },
      { final_value: null, duration: null, search_text: '"sgd"' },
    ]);
    const plan = check.prepare('EXPLAIN QUERY PLAN SELECT sequence_id FROM trial WHERE final_value IS NOT NULL ORDER BY final_value DESC, sequence_id LIMIT 100').all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('; ')).toMatch(/USING (COVERING )?INDEX trial_by_final/);
    check.close();
    const relabelled = SqliteStore.open(file);
    relabelled.insertTrial(sampleTrial(2, { sample: JSON.parse('{"opt":"sgd","__proto__":1,"a/b":2}') as Record<string, unknown> }));
    relabelled.updateTrial('t1', { sample: { lr: 0.1 } });
    expect(relabelled.sampleLabels()).toEqual(['__proto__', 'a/b', 'lr', 'opt']);
    relabelled.close();
  });

  it('uses the WAL journal', () => {
    const file = newFile();
    SqliteStore.open(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('lets another process read every committed row while the writer is still open', () => {
    const file = newFile();
    const store = SqliteStore.open(file);
    store.insertTrial(sampleTrial(0, { status: 'SUCCEEDED' }));
    store.insertTrial(sampleTrial(1, { parameters: { text: 'naïve ✓ "quoted"' } }));
    store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '0.75' }));
    const reader = `
      import Database from 'better-sqlite3';
      const db = new Database(process.argv[1], { readonly: true });
      const trials = db.prepare('SELECT trial_job_id AS id, status, parameters FROM trial ORDER BY sequence_id').all();
      const finals = db.prepare("SELECT data FROM metric WHERE type = 'FINAL'").pluck().all();
      process.stdout.write(JSON.stringify({ trials, finals }));`;
    const seen = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', reader, file], { cwd: packageDir, encoding: 'utf8' })) as {
      trials: { id: string; status: string; parameters: string }[];
      finals: string[];
    };
    expect(seen.trials.map((t) => [t.id, t.status])).toEqual([
      ['t0', 'SUCCEEDED'],
      ['t1', 'WAITING'],
    ]);
    expect(JSON.parse(seen.trials[1]!.parameters)).toEqual({ text: 'naïve ✓ "quoted"' });
    expect(seen.finals).toEqual(['0.75']);
    store.close();
  });

  it('loses none of the rows a SIGKILLed writer had committed', async () => {
    const file = newFile();
    SqliteStore.open(file).close(); // the schema, and the WAL journal mode, which the file keeps
    // A writer that records trials and their final metrics one transaction at a time, printing each
    // trial's id once its transaction has committed, until it is killed.
    const writer = `
      import Database from 'better-sqlite3';
      const db = new Database(process.argv[1]);
      db.pragma('synchronous = NORMAL');
      const trial = db.prepare("INSERT INTO trial (trial_job_id, sequence_id, status, parameter_id, parameters, sample, info) VALUES (?, ?, 'SUCCEEDED', ?, ?, ?, '{}')");
      const metric = db.prepare("INSERT INTO metric (trial_job_id, parameter_id, type, sequence, timestamp, data) VALUES (?, ?, 'FINAL', 0, ?, ?)");
      const record = db.transaction((i) => {
        const parameters = JSON.stringify({ i, lr: i / 1000 });
        trial.run('t' + i, i, i, parameters, parameters);
        metric.run('t' + i, i, Date.now(), String(i / 7));
      });
      for (let i = 0; ; i++) {
        record(i);
        process.stdout.write('t' + i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer, file], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const committed: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        committed.push(...lines);
        if (committed.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => (committed.length >= 300 ? resolve() : reject(new Error(`the writer exited early: ${stderr}`))));
    });
    expect(await exited).toBe('SIGKILL');
    const store = SqliteStore.open(file, { readonly: true });
    const stored = new Set(store.listTrials().map((t) => t.trialJobId));
    const finals = new Map(store.finalMetrics().map((m) => [m.trialJobId, m.data]));
    const lost = committed.filter((id) => !stored.has(id) || finals.get(id) !== String(Number(id.slice(1)) / 7));
    expect(lost).toEqual([]);
    // At most the transaction in flight when the kill came may be missing from the output, never from the file.
    expect(stored.size).toBeGreaterThanOrEqual(committed.length);
    store.close();
  });

  it('read-only mode reads everything and refuses every write with a clear error', () => {
    const file = newFile();
    const writer = SqliteStore.open(file);
    writer.saveExperiment(sampleExperiment());
    writer.insertTrial(sampleTrial(0));
    writer.close();
    const view = SqliteStore.open(file, { readonly: true });
    expect(view.readonly).toBe(true);
    expect(view.getTrial('t0')).toStrictEqual(sampleTrial(0));
    const writes: [string, () => unknown][] = [
      ['saveExperiment', () => view.saveExperiment(sampleExperiment())],
      ['updateExperiment', () => view.updateExperiment({ status: 'VIEWED' })],
      ['insertTrial', () => view.insertTrial(sampleTrial(1))],
      ['updateTrial', () => view.updateTrial('t0', { status: 'FAILED' })],
      ['insertMetric', () => view.insertMetric(sampleMetric('t0'))],
    ];
    for (const [operation, write] of writes) {
      const error = storeErrorOf(write);
      expect(error.code).toBe('read-only-store');
      expect(error.message).toContain(operation);
      expect(error.message).toContain('read-only');
    }
    expect(view.getExperiment()!.status).toBe('RUNNING');
    expect(view.countTrials()).toBe(1);
    view.close();
  });

  it('read-only mode does not create a missing store', () => {
    const error = storeErrorOf(() => SqliteStore.open(join(root, 'missing', 'experiment.db'), { readonly: true }));
    expect(error.code).toBe('store-not-found');
    expect(error.message).toContain('missing');
  });

  it('refuses a file that is not an archspace store', () => {
    const text = join(root, 'notes.db');
    writeFileSync(text, 'these are not the tables you are looking for\n'.repeat(20));
    expect(storeErrorOf(() => SqliteStore.open(text)).code).toBe('not-a-store');
    const other = join(root, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE things (x)');
    db.close();
    const error = storeErrorOf(() => SqliteStore.open(other));
    expect(error.code).toBe('not-a-store');
    expect(error.message).toContain('things');
  });

  it('refuses a store written by a newer archspace, saying so', () => {
    const file = newFile();
    SqliteStore.open(file).close();
    const db = new Database(file);
    db.prepare('UPDATE archspace_schema SET version = 99').run();
    db.close();
    for (const readonly of [false, true]) {
      const error = storeErrorOf(() => SqliteStore.open(file, { readonly }));
      expect(error.code).toBe('schema-too-new');
      expect(error.received).toBe(99);
      expect(error.message).toMatch(/newer archspace.*99.*upgrade/);
    }
  });
});
