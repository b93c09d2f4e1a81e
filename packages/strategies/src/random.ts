/**
 * Random search: independent draws from the space. As in the reference it never proposes a sample
 * twice; when random draws keep hitting seen samples in a finite space, it walks the grid for the
 * ones left, and it is done once the space is exhausted.
 */
import type { Sample } from '@archspace/mutables';
import { sampleKey } from './sample-key.js';
import { type Strategy, type StrategyContext, StrategySession } from './strategy.js';

/** Options of {@link Random}. */
export interface RandomOptions {
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
  /** Draws to try before falling back to the grid (default 500, as the reference). */
  readonly retries?: number;
}

/** Largest finite space whose grid is walked for unseen samples once random draws stop finding them. */
const GRID_FALLBACK_LIMIT = 1_000_000;

class RandomSession extends StrategySession {
  readonly #seen = new Set<string>();
  #exhausted = false;
  #leftovers: Iterator<Sample> | undefined;

  constructor(
    context: StrategyContext,
    readonly options: Required<RandomOptions>,
  ) {
    super(context);
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    const { space, rng } = this.context;
    for (let attempt = 0; attempt < this.options.retries; attempt++) {
      const sample = space.random(rng);
      if (!this.options.dedup) return { sample };
      const key = sampleKey(sample);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      return { sample };
    }
    if (space.size <= GRID_FALLBACK_LIMIT) {
      this.#leftovers ??= space.grid()[Symbol.iterator]();
      for (let next = this.#leftovers.next(); !next.done; next = this.#leftovers.next()) {
        const key = sampleKey(next.value);
        if (this.#seen.has(key)) continue;
        this.#seen.add(key);
        return { sample: next.value };
      }
    }
    this.#exhausted = true;
    return undefined;
  }
}

/**
 * Random search.
 *
 * @example
 * ```ts
 * const result = await search(space, evaluate, new Random(), { maxTrials: 100 }, { seed: 1 });
 * ```
 */
export class Random implements Strategy {
  readonly name = 'Random';
  readonly options: Required<RandomOptions>;

  constructor(options: RandomOptions = {}) {
    this.options = { dedup: options.dedup ?? true, retries: options.retries ?? 500 };
  }

  start(context: StrategyContext): StrategySession {
    return new RandomSession(context, this.options);
  }
}
