/**
 * Random search: independent draws from the space. As in the reference it never proposes a sample
 * twice; when random draws keep hitting seen samples in a finite space, it walks the grid for the
 * ones left, and it is done once the space is exhausted.
 */
import type { Sample } from '@archspace/mutables';
import { type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link Random}. */
export interface RandomOptions {
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
  /** Draws to try before falling back to the grid (default 500, as the reference). */
  readonly retries?: number;
}

class RandomSession extends StrategySession {
  #exhausted = false;

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
    if (!this.options.dedup) return { sample: space.random(rng) };
    const sample = this.proposedSamples.claimUnseen(rng, this.options.retries);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
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
  /** Random draws ignore the values, so any number of objectives is searched alike. */
  readonly multiObjective = true;
  readonly options: Required<RandomOptions>;

  constructor(options: RandomOptions = {}) {
    checkOptionNames('Random', options, ['dedup', 'retries']);
    this.options = { dedup: options.dedup ?? true, retries: options.retries ?? 500 };
  }

  start(context: StrategyContext): StrategySession {
    return new RandomSession(context, this.options);
  }
}
