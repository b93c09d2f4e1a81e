/**
 * Hands GPUs to trials in the order they ask: a trial waits until enough GPUs have a free slot (and,
 * when busy GPUs are avoided, are not used by other processes), then holds them until it ends.
 */
import { GpuPool } from './gpu-pool.js';

/** How the scheduler is set up. */
export interface GpuSchedulerOptions {
  /** The GPUs trials may use (distinct). */
  readonly indices: readonly number[];
  /** How many trials may share one GPU (`maxTrialNumberPerGpu`). */
  readonly maxTrialsPerGpu: number;
  /**
   * The GPUs other processes compute on now; set to keep trials off them (`useActiveGpu: false`).
   * Asked again every `pollMs` while a trial waits; a failed look keeps the last answer.
   */
  readonly activeGpus?: () => Promise<ReadonlySet<number>>;
  /** The last known answer of `activeGpus` (default: none active). */
  readonly initiallyActive?: ReadonlySet<number>;
  /** How often busy GPUs are looked at again while a trial waits (default 5000 ms). */
  readonly pollMs?: number;
}

/** One trial's claim on GPUs. */
export interface GpuRequest {
  /** Resolves with the GPUs once they are the trial's, or `undefined` if it was released before that. */
  readonly granted: Promise<readonly number[] | undefined>;
  /** Gives the GPUs back, or withdraws the request while it waits; idempotent. */
  release(): void;
}

interface Waiter {
  readonly holder: string;
  readonly count: number;
  readonly grant: (devices: readonly number[] | undefined) => void;
}

const DEFAULT_POLL_MS = 5000;

/** Gives trials GPUs from a {@link GpuPool}, first come first served. */
export class GpuScheduler {
  readonly #pool: GpuPool;
  readonly #options: GpuSchedulerOptions;
  readonly #queue: Waiter[] = [];
  #active: ReadonlySet<number>;
  #next = 0;
  #poll: NodeJS.Timeout | undefined;
  #looking = false;

  constructor(options: GpuSchedulerOptions) {
    this.#pool = new GpuPool(options.indices, options.maxTrialsPerGpu);
    this.#options = options;
    this.#active = options.initiallyActive ?? new Set();
  }

  /** The GPUs trials may use. */
  get indices(): readonly number[] {
    return this.#pool.indices;
  }

  /** How many trials wait for GPUs now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Asks for `count` GPUs for one trial. */
  request(count: number): GpuRequest {
    const holder = String(this.#next++);
    let settled = false;
    let waiter: Waiter | undefined;
    const granted = new Promise<readonly number[] | undefined>((resolve) => {
      waiter = {
        holder,
        count,
        grant: (devices) => {
          settled = true;
          resolve(devices);
        },
      };
    });
    this.#queue.push(waiter!);
    this.#pump();
    return {
      granted,
      release: () => {
        const at = this.#queue.indexOf(waiter!);
        if (at >= 0) {
          this.#queue.splice(at, 1);
          waiter!.grant(undefined);
        } else if (settled) {
          this.#pool.release(holder);
        }
        this.#pump();
      },
    };
  }

  /** Grants waiting requests in order while the first one can be met; polls busy GPUs while some wait. */
  #pump(): void {
    while (this.#queue.length > 0) {
      const first = this.#queue[0]!;
      const devices = this.#pool.tryAcquire(first.holder, first.count, this.#active);
      if (devices === undefined) break;
      this.#queue.shift();
      first.grant(devices);
    }
    if (this.#queue.length > 0 && this.#options.activeGpus !== undefined) this.#schedulePoll();
    else {
      clearTimeout(this.#poll);
      this.#poll = undefined;
    }
  }

  #schedulePoll(): void {
    if (this.#poll !== undefined || this.#looking) return;
    this.#poll = setTimeout(() => {
      this.#poll = undefined;
      this.#looking = true;
      this.#options.activeGpus!().then(
        (active) => {
          this.#active = active;
        },
        () => {
          // nvidia-smi failed this time: keep the last answer.
        },
      ).finally(() => {
        this.#looking = false;
        this.#pump();
      });
    }, this.#options.pollMs ?? DEFAULT_POLL_MS);
    this.#poll.unref();
  }
}
