/**
 * How a search's known costs (FLOPs, parameters, … — {@link StrategyContext.knownCosts}) go with the
 * scores told so far, learnt from the trials and nothing else: each cost metric's Pearson correlation
 * with the score over the feasible trials, so that a candidate's costs predict its score as
 * `Σ r · z`, the sum over cost metrics of the correlation times the cost's standard score. A strategy
 * tries the candidates with the best prediction first; where the costs say nothing (no correlation,
 * too few trials) the prediction is 0 for every candidate and their order is left as it was.
 */
import type { Sample } from '@archspace/mutables';
import type { KnownCosts, StrategyContext } from './strategy.js';

/** Feasible trials with known costs needed before the fit predicts anything. */
export const COST_FIT_MIN_TRIALS = 5;

/** Running sums of one cost metric against the score. */
interface Sums {
  n: number;
  cost: number;
  costSquared: number;
  product: number;
  score: number;
  scoreSquared: number;
}

/** The fit of scores on costs; see the file comment. */
export class CostScoreFit {
  readonly #sums = new Map<string, Sums>();
  #trials = 0;

  /** Records a feasible trial's costs and its score (larger is better). */
  add(costs: KnownCosts['metrics'], score: number): void {
    if (!Number.isFinite(score)) return;
    this.#trials++;
    for (const name of Object.keys(costs)) {
      const cost = costs[name]!;
      let sums = this.#sums.get(name);
      if (sums === undefined) this.#sums.set(name, (sums = { n: 0, cost: 0, costSquared: 0, product: 0, score: 0, scoreSquared: 0 }));
      sums.n++;
      sums.cost += cost;
      sums.costSquared += cost * cost;
      sums.product += cost * score;
      sums.score += score;
      sums.scoreSquared += score * score;
    }
  }

  /** Whether enough trials were added for {@link predict} to say anything. */
  get ready(): boolean {
    return this.#trials >= COST_FIT_MIN_TRIALS;
  }

  /** The predicted standard score of a candidate with `costs` (0 when the fit knows nothing). */
  predict(costs: KnownCosts['metrics']): number {
    if (!this.ready) return 0;
    let prediction = 0;
    for (const name of Object.keys(costs)) {
      const sums = this.#sums.get(name);
      if (sums === undefined || sums.n < COST_FIT_MIN_TRIALS) continue;
      const costMean = sums.cost / sums.n;
      const scoreMean = sums.score / sums.n;
      const costVariance = sums.costSquared / sums.n - costMean * costMean;
      const scoreVariance = sums.scoreSquared / sums.n - scoreMean * scoreMean;
      if (!(costVariance > 1e-12 * (1 + costMean * costMean)) || !(scoreVariance > 1e-12 * (1 + scoreMean * scoreMean))) continue;
      const correlation = (sums.product / sums.n - costMean * scoreMean) / Math.sqrt(costVariance * scoreVariance);
      prediction += correlation * ((costs[name]! - costMean) / Math.sqrt(costVariance));
    }
    return Number.isFinite(prediction) ? prediction : 0;
  }
}

/**
 * The `candidates` worth a query, in the order to try them with `pop()` (the best predicted LAST):
 * those whose known costs break a constraint are dropped, and so are those predicted worse than
 * `centre` when it is given; candidates with unknown costs are kept, predicted 0. The sort is stable,
 * so equally predicted candidates keep their (random) order.
 */
export function costGuided(candidates: readonly Sample[], centre: Sample | undefined, known: NonNullable<StrategyContext['knownCosts']>, fit: CostScoreFit): Sample[] {
  const centreCosts = centre === undefined ? undefined : known(centre);
  const floor = centreCosts === undefined ? -Infinity : fit.predict(centreCosts.metrics);
  const kept: { sample: Sample; prediction: number }[] = [];
  for (const sample of candidates) {
    const costs = known(sample);
    const prediction = costs === undefined ? 0 : fit.predict(costs.metrics);
    if (costs === undefined || (costs.violation === 0 && prediction >= floor)) kept.push({ sample, prediction });
  }
  return kept
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.prediction - b.prediction || a.index - b.index)
    .map((entry) => entry.sample);
}
