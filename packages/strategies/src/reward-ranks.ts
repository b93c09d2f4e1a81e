/**
 * Rank-based fitness shaping (Wierstra et al., 2014, "Natural Evolution Strategies", §3.1): each
 * reward is replaced by its quantile among the rewards seen before it, so that what is learnt depends
 * on the order of the rewards only. A few very bad samples (a cell cut off by `none` scores 10 %)
 * then no longer set the scale against which later, small differences are measured.
 */

/**
 * The rewards seen so far, sorted, and the quantile of each new one among them. Under constraints a
 * trial that breaks them (violation > 0) ranks below every feasible one, and below those that break
 * them less (constraint-domination, the order of `beats` in feasibility-order.ts).
 */
export class RewardRanks {
  readonly #sorted: number[] = [];
  /** The violations of the infeasible rewards seen, sorted ascending. */
  readonly #violations: number[] = [];

  /**
   * The quantile of `reward` among the rewards ranked before it, in [0, 1]: the share of them it
   * beats, ties counting half; 0.5 for the first. Then records `reward`. With `violation` > 0 the
   * reward breaks the constraints by that much: only its violation counts, and it beats only the
   * rewards that break them more.
   *
   * @example
   * ```ts
   * const ranks = new RewardRanks();
   * [ranks.rank(80), ranks.rank(90), ranks.rank(10), ranks.rank(80)]; // [0.5, 1, 0, 0.5]
   * ```
   */
  rank(reward: number, violation = 0): number {
    const n = this.#sorted.length + this.#violations.length;
    let beaten: number;
    if (violation > 0) {
      // Beats the infeasible rewards with more violation; ties count half.
      const less = bound(this.#violations, violation, false);
      const notMore = bound(this.#violations, violation, true);
      beaten = this.#violations.length - notMore + (notMore - less) / 2;
      this.#violations.splice(notMore, 0, violation);
    } else {
      const below = bound(this.#sorted, reward, false);
      const notAbove = bound(this.#sorted, reward, true);
      beaten = this.#violations.length + below + (notAbove - below) / 2;
      this.#sorted.splice(notAbove, 0, reward);
    }
    return n === 0 ? 0.5 : beaten / n;
  }
}

/** How many of the ascending `sorted` are below `value` (or not above it, when `inclusive`). */
function bound(sorted: readonly number[], value: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = sorted[mid]!;
    if (entry < value || (inclusive && entry === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}
