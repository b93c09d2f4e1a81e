/**
 * Keeps the `GET /trial-jobs` entries of a SQLite store as strings in memory, so that listing
 * 100,000 trials is one string join instead of a scan of the whole table: entries this process
 * changed are re-read one by one, and a commit by another process (seen through SQLite's
 * `data_version`) reloads everything. Internal to `SqliteStore`.
 */
import type { TrialJobStatus } from '../records.js';

/** One trial's listing entry as stored. */
export interface ListingRow {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly info: string;
}

/** How the cache reads the store. */
export interface ListingSource {
  /** Every trial, in sequence order. */
  readAll(): readonly ListingRow[];
  /** One trial, or `undefined` when it does not exist (any more). */
  readOne(trialJobId: string): ListingRow | undefined;
  /** SQLite's `PRAGMA data_version`: changes when another connection commits. */
  dataVersion(): number;
}

/** The cached listing of one store. */
export class TrialListingCache {
  #rows: ListingRow[] = [];
  readonly #index = new Map<string, number>();
  readonly #dirty = new Set<string>();
  /** Joined bodies by status filter, valid until an entry changes. */
  readonly #bodies = new Map<TrialJobStatus | undefined, string>();
  #version: number | undefined;

  constructor(private readonly source: ListingSource) {}

  /** Notes that this process changed (or added) a trial. */
  markDirty(trialJobId: string): void {
    this.#dirty.add(trialJobId);
  }

  /** Forgets every entry (after a rolled-back transaction); the next listing reloads. */
  invalidate(): void {
    this.#version = undefined;
  }

  #reload(): void {
    this.#bodies.clear();
    this.#rows = [...this.source.readAll()];
    this.#index.clear();
    this.#rows.forEach((row, i) => this.#index.set(row.trialJobId, i));
    this.#dirty.clear();
  }

  #refresh(): void {
    const version = this.source.dataVersion();
    if (version !== this.#version) {
      this.#version = version;
      this.#reload();
      return;
    }
    if (this.#dirty.size > 0) this.#bodies.clear();
    for (const id of this.#dirty) {
      const row = this.source.readOne(id);
      const at = this.#index.get(id);
      if (row === undefined) {
        if (at !== undefined) return this.#reload();
        continue;
      }
      if (at !== undefined) this.#rows[at] = row;
      else if (this.#rows.length === 0 || this.#rows[this.#rows.length - 1]!.sequenceId < row.sequenceId) {
        this.#index.set(id, this.#rows.length);
        this.#rows.push(row);
      } else return this.#reload();
    }
    this.#dirty.clear();
  }

  /**
   * The JSON array of entries (with `status`, if given), in sequence order. The same string object
   * is returned until an entry changes, so callers can cache what they derive from it.
   */
  body(status?: TrialJobStatus): string {
    this.#refresh();
    let body = this.#bodies.get(status);
    if (body === undefined) {
      const rows = status === undefined ? this.#rows : this.#rows.filter((row) => row.status === status);
      body = `[${rows.map((row) => row.info).join(',')}]`;
      this.#bodies.set(status, body);
    }
    return body;
  }
}
