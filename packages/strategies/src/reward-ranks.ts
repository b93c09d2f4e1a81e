/**
 * Rank-based fitness shaping (Wierstra et al., 2014, "Natural Evolution Strategies", §3.1): each
 * reward is replaced by its quantile among the rewards seen before it, so that what is learnt depends
 * on the order of the rewards only. A few very bad samples (a cell cut off by `none` scores 10 %)
 * then no longer set the scale against which later, small differences are measured.
 */

/** The rewards seen so far, sorted, and the quantile of each new one among them. */
export class RewardRanks {
  readonly #sorted: number[] = [];

  /**
   * The quantile of `reward` among the rewards ranked before it, in [0, 1]: the share of them it
   * beats, ties counting half; 0.5 for the first. Then records `reward`.
   *
   * @example
   * ```ts
   * const ranks = new RewardRanks();
   * [ranks.rank(80), ranks.rank(90), ranks.rank(10), ranks.rank(80)]; // [0.5, 1, 0, 0.5]
   * ```
   */
  rank(reward: number): number {
    const below = this.#bound(reward, false);
    const notAbove = this.#bound(reward, true);
    const n = this.#sorted.length;
    this.#sorted.splice(notAbove, 0, reward);
    return n === 0 ? 0.5 : (below + (notAbove - below) / 2) / n;
  }

  /** How many recorded rewards are below `reward` (or not above it, when `inclusive`). */
  #bound(reward: number, inclusive: boolean): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const value = this.#sorted[mid]!;
      if (value < reward || (inclusive && value === reward)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
