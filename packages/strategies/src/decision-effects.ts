/**
 * An additive model of the score over a space's categorical decisions: a ridge regression on one
 * indicator per value of each decision, fitted on the told trials. It says how much each value of
 * each decision adds to the score, all else equal, so it can tell which of a sample's neighbours
 * (one or two decisions away) is likely better. Pareto local search orders neighbours by it
 * ({@link ParetoLocalSearchSession}). On NAS-Bench-201 an additive model predicts a neighbour's step
 * from its centre as well as pairwise interactions did (`bench/quality-pareto-model.ts`).
 */
import { Categorical, type Mutable, type Sample } from '@archspace/mutables';
import { solvePositiveDefinite } from './positive-definite-solve.js';

/** Indicator columns beyond which the model stays off (it predicts 0 for every sample). */
export const MAX_EFFECT_COLUMNS = 256;

/** The ridge penalty, in squared score units (on NAS-Bench-201, 0.3, 1 and 3 scored alike). */
export const EFFECT_RIDGE = 3;

interface Column {
  readonly label: string;
  readonly decision: Categorical<unknown>;
  readonly offset: number;
}

/** See the file comment. */
export class DecisionEffects {
  readonly #columns: Column[] = [];
  readonly #width: number;
  readonly #rows: { readonly hot: readonly number[]; readonly score: number }[] = [];
  #weights: number[] | undefined;
  /** The mean score of the rows the weights were fitted on. */
  #mean = 0;

  constructor(space: Mutable) {
    const decisions = space.simplify();
    let offset = 0;
    for (const label of Object.keys(decisions)) {
      const decision = decisions[label];
      if (!(decision instanceof Categorical)) continue;
      this.#columns.push({ label, decision, offset });
      offset += decision.values.length;
    }
    this.#width = offset <= MAX_EFFECT_COLUMNS ? offset : 0;
  }

  /** Whether the space has categorical decisions for the model to learn (and not too many values). */
  get active(): boolean {
    return this.#width > 0;
  }

  /** The indicator columns set by `sample`: one per categorical decision it holds a known value of. */
  #hot(sample: Sample): number[] {
    const hot: number[] = [];
    for (const { label, decision, offset } of this.#columns) {
      if (!Object.hasOwn(sample, label)) continue;
      const index = decision.indexOf(sample[label]);
      if (index >= 0) hot.push(offset + index);
    }
    return hot;
  }

  /** Records a told trial's sample and its score (larger is better); non-finite scores are ignored. */
  add(sample: Sample, score: number): void {
    if (!Number.isFinite(score) || this.#width === 0) return;
    this.#rows.push({ hot: this.#hot(sample), score });
    this.#weights = undefined;
  }

  /** The mean score told (0 before any trial): what `predict` is relative to. */
  get meanScore(): number {
    // Rows are only ever added when the model is active.
    if (this.#rows.length === 0) return 0;
    this.#weights ??= this.#fit();
    return this.#mean;
  }

  /** The model's score of `sample`, relative to the mean score told (0 before any trial). */
  predict(sample: Sample): number {
    if (this.#width === 0 || this.#rows.length === 0) return 0;
    const weights = (this.#weights ??= this.#fit());
    let score = 0;
    for (const column of this.#hot(sample)) score += weights[column]!;
    return score;
  }

  /** The ridge weights: `(XᵀX + λI) w = Xᵀ(y − ȳ)`. */
  #fit(): number[] {
    const width = this.#width;
    const mean = this.#rows.reduce((sum, row) => sum + row.score, 0) / this.#rows.length;
    this.#mean = mean;
    const gram = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (_, j) => (i === j ? EFFECT_RIDGE : 0)));
    const moments = new Array<number>(width).fill(0);
    for (const { hot, score } of this.#rows) {
      for (const i of hot) {
        moments[i]! += score - mean;
        for (const j of hot) gram[i]![j]! += 1;
      }
    }
    return solvePositiveDefinite(gram, moments);
  }
}
