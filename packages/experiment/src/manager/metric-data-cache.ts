/**
 * The `GET /metric-data/:job_id` bodies a manager has built, kept while the trial's metrics stay the
 * same: the manager is the only writer of its store (it holds the experiment's lock), so it drops a
 * trial's bodies whenever it stores metrics of that trial. Least recently used bodies go first once
 * the cache holds more than its byte budget.
 */

/** The default byte budget: a few hundred trials' worth of metric curves. */
export const DEFAULT_METRIC_CACHE_BYTES = 32 * 1024 * 1024;

const ENTRY_OVERHEAD_BYTES = 128;

/** Response bodies by trial and metric type. */
export class MetricDataCache {
  /** Map order is use order: the first entry is the least recently used. */
  readonly #bodies = new Map<string, { readonly cost: number; readonly body: Uint8Array }>();
  #bytes = 0;

  constructor(readonly maxBytes: number = DEFAULT_METRIC_CACHE_BYTES) {}

  /** The body for `trialJobId` and `type`, built by `build` unless kept from an earlier call. */
  body(trialJobId: string, type: string | undefined, build: () => Uint8Array): Uint8Array {
    const key = `${type ?? '*'}\u0000${trialJobId}`;
    const kept = this.#bodies.get(key);
    if (kept !== undefined) {
      this.#bodies.delete(key);
      this.#bodies.set(key, kept);
      return kept.body;
    }
    const body = build();
    // What an entry costs beyond its body (its key and the map's bookkeeping), so that many tiny
    // bodies (requests for unknown ids) are bounded too.
    const cost = body.byteLength + 2 * key.length + ENTRY_OVERHEAD_BYTES;
    if (cost > this.maxBytes) return body;
    this.#bodies.set(key, { cost, body });
    this.#bytes += cost;
    for (const [oldest, entry] of this.#bodies) {
      if (this.#bytes <= this.maxBytes) break;
      this.#bodies.delete(oldest);
      this.#bytes -= entry.cost;
    }
    return body;
  }

  /** Forgets the bodies of one trial (its metrics changed). */
  forget(trialJobId: string): void {
    for (const type of ['*', 'FINAL', 'PERIODICAL']) {
      const key = `${type}\u0000${trialJobId}`;
      const entry = this.#bodies.get(key);
      if (entry === undefined) continue;
      this.#bodies.delete(key);
      this.#bytes -= entry.cost;
    }
  }

  /** The bytes the kept bodies cost now. */
  get bytes(): number {
    return this.#bytes;
  }
}
