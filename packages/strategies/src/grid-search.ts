/**
 * Grid search: the space's grid in the reference's order (the last decision varies fastest). Where a
 * continuous decision makes the grid infinite, the granularity grows until three rounds in a row add
 * nothing new. `shuffle` shuffles the order in buffers of 100, as the reference does.
 */
import type { Sample } from '@archspace/mutables';
import { refiningGrid } from './refining-grid.js';
import { type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link GridSearch}. */
export interface GridSearchOptions {
  /** Shuffle the grid in buffers of 100 (default false: the reference's order). */
  readonly shuffle?: boolean;
  /** Stop refining after this granularity (default 10). */
  readonly maxGranularity?: number;
}

const SHUFFLE_BUFFER = 100;

class GridSession extends StrategySession {
  readonly #points: Iterator<Sample>;
  readonly #buffer: Sample[] = [];
  #exhausted = false;

  constructor(
    context: StrategyContext,
    readonly options: Required<GridSearchOptions>,
  ) {
    super(context);
    this.#points = this.#walk();
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  #walk(): Generator<Sample> {
    const proposed = this.proposedSamples;
    return refiningGrid(this.context.space, { maxGranularity: this.options.maxGranularity, isNew: (sample) => proposed.claim(sample), known: () => proposed.size });
  }

  protected propose(): { sample: Sample } | undefined {
    if (!this.options.shuffle) {
      const next = this.#points.next();
      if (next.done) this.#exhausted = true;
      return next.done ? undefined : { sample: next.value };
    }
    if (this.#buffer.length === 0) {
      for (let next = this.#points.next(); !next.done; next = this.#points.next()) {
        this.#buffer.push(next.value);
        if (this.#buffer.length >= SHUFFLE_BUFFER) break;
      }
      this.context.rng.shuffle(this.#buffer);
    }
    const sample = this.#buffer.pop();
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }
}

/**
 * Grid search over any space.
 *
 * @example
 * ```ts
 * await search(space, evaluate, new GridSearch(), { maxTrials: space.size });
 * ```
 */
export class GridSearch implements Strategy {
  readonly name = 'GridSearch';
  /** The grid ignores the values, so any number of objectives is searched alike. */
  readonly multiObjective = true;
  readonly options: Required<GridSearchOptions>;

  constructor(options: GridSearchOptions = {}) {
    checkOptionNames('GridSearch', options, ['shuffle', 'maxGranularity']);
    this.options = { shuffle: options.shuffle ?? false, maxGranularity: options.maxGranularity ?? 10 };
  }

  start(context: StrategyContext): StrategySession {
    return new GridSession(context, this.options);
  }
}
