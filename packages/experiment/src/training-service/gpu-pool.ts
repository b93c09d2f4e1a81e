/**
 * Which GPUs trials hold: a pure ledger of the listed GPUs, each shared by at most a fixed number of
 * trials. The scheduler around it decides when to ask; the pool only says yes (with the devices) or
 * not now.
 */

/** A ledger of the GPUs a training service may hand to trials. */
export class GpuPool {
  readonly #indices: readonly number[];
  readonly #maxTrialsPerGpu: number;
  /** How many trials hold each GPU. */
  readonly #load = new Map<number, number>();
  /** What each holder got. */
  readonly #held = new Map<string, readonly number[]>();

  /** `indices`: the GPUs trials may use (distinct); `maxTrialsPerGpu`: trials that may share one (≥ 1). */
  constructor(indices: readonly number[], maxTrialsPerGpu: number) {
    if (new Set(indices).size !== indices.length) throw new RangeError(`GPU indices must be distinct, got ${indices.join(',')}`);
    if (!Number.isInteger(maxTrialsPerGpu) || maxTrialsPerGpu < 1) throw new RangeError(`maxTrialNumberPerGpu must be an integer ≥ 1, got ${maxTrialsPerGpu}`);
    this.#indices = [...indices];
    this.#maxTrialsPerGpu = maxTrialsPerGpu;
  }

  /** The GPUs of the pool, in the order given. */
  get indices(): readonly number[] {
    return this.#indices;
  }

  /** How many trials hold GPU `index` now. */
  loadOf(index: number): number {
    return this.#load.get(index) ?? 0;
  }

  /** The GPUs `holder` holds (empty when none). */
  heldBy(holder: string): readonly number[] {
    return this.#held.get(holder) ?? [];
  }

  /**
   * Gives `holder` `count` distinct GPUs with a free slot, least shared first (then in listed
   * order), or `undefined` when fewer are free. A GPU in `busy` (used by other processes) is skipped
   * unless trials of this pool already hold it: their own processes are what make it look busy.
   */
  tryAcquire(holder: string, count: number, busy: ReadonlySet<number> = new Set()): readonly number[] | undefined {
    if (this.#held.has(holder)) throw new Error(`${holder} already holds GPUs ${this.heldBy(holder).join(',')}`);
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`a trial asks for an integer ≥ 1 of GPUs, got ${count}`);
    const free = this.#indices.filter((index) => {
      const load = this.loadOf(index);
      return load < this.#maxTrialsPerGpu && !(load === 0 && busy.has(index));
    });
    if (free.length < count) return undefined;
    const chosen = free
      .map((index, order) => ({ index, order, load: this.loadOf(index) }))
      .sort((a, b) => a.load - b.load || a.order - b.order)
      .slice(0, count)
      .map(({ index }) => index);
    for (const index of chosen) this.#load.set(index, this.loadOf(index) + 1);
    this.#held.set(holder, chosen);
    return chosen;
  }

  /** Frees what `holder` holds; nothing happens when it holds nothing. */
  release(holder: string): void {
    const held = this.#held.get(holder);
    if (held === undefined) return;
    this.#held.delete(holder);
    for (const index of held) {
      const load = this.loadOf(index) - 1;
      if (load > 0) this.#load.set(index, load);
      else this.#load.delete(index);
    }
  }
}
