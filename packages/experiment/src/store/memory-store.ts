/**
 * An {@link ExperimentStore} that keeps everything in memory: for tests, dry runs and searches that
 * need no record. It passes the same contract suite as the SQLite store, and like it keeps JSON
 * fields as text, so a caller can never change a stored row through an object it passed or received.
 */
import { type ExperimentRow, type MetricRow, type TrialJobInfo, type TrialJobStatus, type TrialRow } from '../records.js';
import type { ExperimentPatch, ExperimentStore, MetricQuery, TrialPatch, TrialQuery } from './experiment-store.js';
import { applyPatch, checkExperimentRow, checkMetricQuery, checkMetricRow, checkStatusFilter, checkTrialPatch, checkTrialRow, isThenable, pageOf, zeroStatusCounts } from './row-checks.js';
import { StoreError } from './store-error.js';
import { patchChangesInfo, trialJobInfoJson } from './trial-job-info.js';
import { finalValueOf, searchTextOf } from './trial-page-columns.js';
import { checkTrialPageQuery, pageInMemory, type TrialPage, type TrialPageQuery, type TrialSummaryRow } from './trial-page.js';

/** How many listing entries `trialJobInfoSlices` gives at a time. */
const LISTING_SLICE = 4000;

interface StoredTrial {
  readonly fields: Omit<TrialRow, 'parameters' | 'sample'>;
  readonly parameters: string;
  readonly sample: string;
  /** The trial's `TrialJobInfo` as JSON text. */
  readonly info: string;
}

interface StoredExperiment {
  readonly fields: Omit<ExperimentRow, 'config'>;
  readonly config: string;
}

function withoutKeys<T extends object, K extends keyof T>(row: T, ...keys: K[]): Omit<T, K> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== undefined && !keys.includes(key as K)) out[key] = value;
  return out as Omit<T, K>;
}

function decodeTrial(stored: StoredTrial): TrialRow {
  return { ...stored.fields, parameters: JSON.parse(stored.parameters) as TrialRow['parameters'], sample: JSON.parse(stored.sample) as TrialRow['sample'] };
}

/**
 * The in-memory store.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * store.insertTrial({ trialJobId: 't0', sequenceId: 0, status: 'WAITING', parameterId: 0, parameters: {}, sample: {} });
 * store.countTrials('WAITING'); // 1
 * ```
 */
export class MemoryStore implements ExperimentStore {
  readonly readonly = false;
  #experiment: StoredExperiment | undefined;
  readonly #trials = new Map<string, StoredTrial>();
  readonly #sequenceIds = new Set<number>();
  #metrics: MetricRow[] = [];
  readonly #firstFinal = new Map<string, MetricRow>();
  /** Undo steps of the open transactions, newest last; `undefined` outside a transaction. */
  #undo: (() => void)[] | undefined;
  #closed = false;

  #open(): void {
    if (this.#closed) throw new StoreError({ code: 'store-closed', message: 'the store is closed' });
  }

  #onUndo(step: () => void): void {
    this.#undo?.push(step);
  }

  saveExperiment(row: ExperimentRow): void {
    this.#open();
    const config = checkExperimentRow(row);
    const previous = this.#experiment;
    if (previous !== undefined && previous.fields.id !== row.id) {
      throw new StoreError({ code: 'experiment-mismatch', path: ['id'], expected: `the stored experiment's id "${previous.fields.id}"`, received: row.id });
    }
    this.#experiment = { fields: withoutKeys(row, 'config'), config };
    this.#onUndo(() => (this.#experiment = previous));
  }

  getExperiment(): ExperimentRow | undefined {
    this.#open();
    const stored = this.#experiment;
    return stored && { ...stored.fields, config: JSON.parse(stored.config) as ExperimentRow['config'] };
  }

  updateExperiment(patch: ExperimentPatch): ExperimentRow {
    const current = this.getExperiment();
    if (current === undefined) throw new StoreError({ code: 'no-experiment', message: 'there is no experiment to update: save one first' });
    const next = applyPatch(current, patch, ['id', 'revision']);
    const row = { ...next, revision: current.revision + 1 };
    this.saveExperiment(row);
    return this.getExperiment()!;
  }

  insertTrial(row: TrialRow): void {
    this.#open();
    const json = checkTrialRow(row);
    if (this.#trials.has(row.trialJobId)) throw new StoreError({ code: 'duplicate-trial', path: ['trialJobId'], expected: 'a trial id not used yet', received: row.trialJobId });
    if (this.#sequenceIds.has(row.sequenceId)) {
      throw new StoreError({ code: 'duplicate-sequence-id', path: ['sequenceId'], expected: 'a sequence id not used yet', received: row.sequenceId });
    }
    this.#trials.set(row.trialJobId, this.#stored(row, json));
    this.#sequenceIds.add(row.sequenceId);
    this.#onUndo(() => {
      this.#trials.delete(row.trialJobId);
      this.#sequenceIds.delete(row.sequenceId);
    });
  }

  updateTrial(trialJobId: string, patch: TrialPatch): TrialRow {
    this.#open();
    const previous = this.#trials.get(trialJobId);
    if (previous === undefined) throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: trialJobId });
    // The stored row is valid: only what the patch sets needs checking, and untouched JSON stays as stored.
    const next = applyPatch(previous.fields as TrialRow, patch, ['trialJobId', 'sequenceId']);
    const changed = checkTrialPatch(next, patch);
    const fields = withoutKeys(next, 'parameters', 'sample');
    const parameters = changed.parameters ?? previous.parameters;
    const stored: StoredTrial = {
      fields,
      parameters,
      sample: changed.sample ?? previous.sample,
      info: patchChangesInfo(patch) ? this.#info(fields, parameters) : previous.info,
    };
    this.#trials.set(trialJobId, stored);
    this.#onUndo(() => this.#trials.set(trialJobId, previous));
    return decodeTrial(stored);
  }

  #stored(row: TrialRow, json: { parameters: string; sample: string }): StoredTrial {
    const fields = withoutKeys(row, 'parameters', 'sample');
    return { fields, parameters: json.parameters, sample: json.sample, info: this.#info(fields, json.parameters) };
  }

  /** The `TrialJobInfo` text of a trial, with its first FINAL metric if it has one. */
  #info(fields: StoredTrial['fields'], parametersJson: string): string {
    return trialJobInfoJson({ ...fields, parametersJson }, this.#firstFinal.get(fields.trialJobId));
  }

  getTrial(trialJobId: string): TrialRow | undefined {
    this.#open();
    const stored = this.#trials.get(trialJobId);
    return stored && decodeTrial(stored);
  }

  #sorted(status: TrialJobStatus | undefined): StoredTrial[] {
    checkStatusFilter(status);
    const trials = [...this.#trials.values()].filter((t) => status === undefined || t.fields.status === status);
    return trials.sort((a, b) => a.fields.sequenceId - b.fields.sequenceId);
  }

  listTrials(query: TrialQuery = {}): TrialRow[] {
    this.#open();
    const { offset, limit } = pageOf(query);
    const page = this.#sorted(query.status).slice(offset, limit < 0 ? undefined : offset + limit);
    return page.map(decodeTrial);
  }

  countTrials(status?: TrialJobStatus): number {
    this.#open();
    checkStatusFilter(status);
    if (status === undefined) return this.#trials.size;
    let count = 0;
    for (const trial of this.#trials.values()) if (trial.fields.status === status) count++;
    return count;
  }

  trialStatistics(): Record<TrialJobStatus, number> {
    this.#open();
    const counts = zeroStatusCounts();
    for (const trial of this.#trials.values()) counts[trial.fields.status]++;
    return counts;
  }

  trialJobInfosJson(query: { readonly status?: TrialJobStatus } = {}): string {
    this.#open();
    return `[${this.#sorted(query.status)
      .map((t) => t.info)
      .join(',')}]`;
  }

  listTrialJobInfos(query: { readonly status?: TrialJobStatus } = {}): TrialJobInfo[] {
    return JSON.parse(this.trialJobInfosJson(query)) as TrialJobInfo[];
  }

  *trialJobInfoSlices(query: { readonly status?: TrialJobStatus } = {}): Iterable<Uint8Array> {
    this.#open();
    const infos = this.#sorted(query.status).map((t) => t.info);
    for (let start = 0; start < infos.length; start += LISTING_SLICE) yield Buffer.from(infos.slice(start, start + LISTING_SLICE).join(','));
  }

  trialPage(query: TrialPageQuery = {}): TrialPage {
    this.#open();
    const { needle } = checkTrialPageQuery(query);
    const searchTexts = new Map<TrialSummaryRow, string>();
    const finals = new Map<TrialSummaryRow, string>();
    const rows = this.#sorted(undefined).map((trial) => {
      const final = this.#firstFinal.get(trial.fields.trialJobId);
      const { trialJobId, sequenceId, status, startTime, endTime, message } = trial.fields;
      const row: TrialSummaryRow = {
        trialJobId,
        sequenceId,
        status,
        sample: JSON.parse(trial.sample) as Record<string, unknown>,
        metric: final === undefined ? null : finalValueOf(final.data),
        ...(startTime !== undefined ? { startTime } : {}),
        ...(endTime !== undefined ? { endTime } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(final !== undefined && query.withFinalData === true ? { finalData: final.data } : {}),
      };
      if (needle !== undefined) searchTexts.set(row, searchTextOf(trial.sample));
      if (final !== undefined) finals.set(row, final.data);
      return row;
    });
    return pageInMemory(rows, (row) => searchTexts.get(row) ?? '', query, needle, (row) => finals.get(row));
  }

  sampleLabels(): string[] {
    this.#open();
    const labels = new Set<string>();
    for (const trial of this.#trials.values()) for (const key of Object.keys(JSON.parse(trial.sample) as object)) labels.add(key);
    return [...labels].sort();
  }

  latestTrialsWithIntermediates(limit: number): string[] {
    this.#open();
    if (!(Number.isSafeInteger(limit) && limit >= 0)) throw new StoreError({ code: 'invalid-query', path: ['limit'], expected: 'an integer ≥ 0', received: limit });
    const withIntermediates = new Set(this.#metrics.filter((m) => m.type === 'PERIODICAL').map((m) => m.trialJobId));
    return this.#sorted(undefined)
      .filter((t) => t.fields.startTime !== undefined && withIntermediates.has(t.fields.trialJobId))
      .sort((a, b) => b.fields.startTime! - a.fields.startTime! || b.fields.sequenceId - a.fields.sequenceId)
      .slice(0, limit)
      .map((t) => t.fields.trialJobId);
  }

  getTrialJobInfo(trialJobId: string): TrialJobInfo | undefined {
    this.#open();
    const stored = this.#trials.get(trialJobId);
    return stored && (JSON.parse(stored.info) as TrialJobInfo);
  }

  insertMetrics(rows: readonly MetricRow[]): void {
    this.#open();
    rows.forEach((row, i) => checkMetricRow(row, rows.length === 1 ? [] : [i]));
    this.transaction(() => {
      for (const row of rows) this.#insertChecked(row);
    });
  }

  insertMetric(row: MetricRow): void {
    this.insertMetrics([row]);
  }

  #insertChecked(row: MetricRow): void {
    if (!this.#trials.has(row.trialJobId)) throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: row.trialJobId });
    const copy: MetricRow = { trialJobId: row.trialJobId, parameterId: row.parameterId, type: row.type, sequence: row.sequence, timestamp: row.timestamp, data: row.data };
    this.#metrics.push(copy);
    const firstFinal = row.type === 'FINAL' && !this.#firstFinal.has(row.trialJobId);
    const trial = this.#trials.get(row.trialJobId)!;
    if (firstFinal) {
      this.#firstFinal.set(row.trialJobId, copy);
      this.#trials.set(row.trialJobId, { ...trial, info: this.#info(trial.fields, trial.parameters) });
    }
    this.#onUndo(() => {
      this.#metrics.pop();
      if (firstFinal) {
        this.#firstFinal.delete(row.trialJobId);
        this.#trials.set(row.trialJobId, trial);
      }
    });
  }

  deleteMetrics(trialJobId: string): void {
    this.#open();
    const trial = this.#trials.get(trialJobId);
    if (trial === undefined) throw new StoreError({ code: 'unknown-trial', path: ['trialJobId'], expected: 'the id of a stored trial', received: trialJobId });
    const metrics = this.#metrics;
    const final = this.#firstFinal.get(trialJobId);
    this.#metrics = metrics.filter((m) => m.trialJobId !== trialJobId);
    this.#firstFinal.delete(trialJobId);
    this.#trials.set(trialJobId, { ...trial, info: this.#info(trial.fields, trial.parameters) });
    this.#onUndo(() => {
      this.#metrics = metrics;
      if (final !== undefined) this.#firstFinal.set(trialJobId, final);
      this.#trials.set(trialJobId, trial);
    });
  }

  listMetrics(query: MetricQuery = {}): MetricRow[] {
    this.#open();
    checkMetricQuery(query);
    const selected = this.#metrics.filter((m) => (query.trialJobId === undefined || m.trialJobId === query.trialJobId) && (query.type === undefined || m.type === query.type));
    // Array.prototype.sort is stable: ties keep the order the metrics were added in.
    return selected.sort((a, b) => a.timestamp - b.timestamp).map((m) => ({ ...m }));
  }

  finalMetrics(): MetricRow[] {
    this.#open();
    const out: MetricRow[] = [];
    for (const trial of this.#sorted(undefined)) {
      const final = this.#firstFinal.get(trial.fields.trialJobId);
      if (final !== undefined) out.push({ ...final });
    }
    return out;
  }

  transaction<T>(fn: () => T): T {
    this.#open();
    const outer = this.#undo;
    const steps: (() => void)[] = [];
    this.#undo = steps;
    try {
      const result = fn();
      if (isThenable(result)) {
        throw new StoreError({ code: 'async-transaction', message: 'a transaction function must be synchronous: it returned a promise, and its writes were undone' });
      }
      if (outer !== undefined) for (const step of steps) outer.push(step);
      return result;
    } catch (error) {
      for (let i = steps.length - 1; i >= 0; i--) steps[i]!();
      throw error;
    } finally {
      this.#undo = outer;
    }
  }

  close(): void {
    this.#closed = true;
  }
}
