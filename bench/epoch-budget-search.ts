/**
 * A search under a budget of training epochs rather than trials, for comparing multi-fidelity
 * strategies with full-budget ones on equal compute: the strategy's ask/tell session is driven one
 * proposal at a time, each evaluation is charged the epochs it trains (a promotion retrains from
 * scratch, so it is charged in full), and the search stops before the first proposal that would
 * overspend.
 */
import { type Mutable, type Sample, createRng } from '@archspace/mutables';
import { type SearchTrial, type Strategy, bestTrial, sampleKey } from '@archspace/strategies';

/** Trains `sample` for `epochs` and returns its score (larger is better). */
export type TrainAt = (sample: Sample, epochs: number) => Promise<number>;

/** The budget and schedule of {@link epochBudgetSearch}. */
export interface EpochBudget {
  /** Epochs the search may train in all. */
  readonly totalEpochs: number;
  /** The full budget: what a proposal without a budget (Random, TPE) trains, and what the winner is scored at. */
  readonly maxEpochs: number;
  /** Seed of the strategy's draws. */
  readonly seed: number;
  /** Tell the strategy how many trials it will run (for full-budget strategies: `totalEpochs / maxEpochs`). */
  readonly maxTrials?: number;
}

/** What an epoch-budgeted search found and spent. */
export interface EpochBudgetResult {
  /** The best configuration at the largest budget evaluated. */
  readonly best: Sample;
  /** Its score at `maxEpochs` (retrained there, outside the budget, if it was only seen lower). */
  readonly score: number;
  /** Whether `score` needed that retraining. */
  readonly retrained: boolean;
  /** Epochs trained within the budget. */
  readonly epochs: number;
  /** Evaluations run, and how many of them at `maxEpochs`. */
  readonly evaluations: number;
  readonly fullEvaluations: number;
  /** Distinct configurations evaluated. */
  readonly configurations: number;
  /** Wall-clock seconds, the final retraining included. */
  readonly seconds: number;
}

/**
 * Searches `space` with `strategy` until the next proposal would train past `totalEpochs`.
 *
 * @example
 * ```ts
 * const r = await epochBudgetSearch(space, new Hyperband({ minBudget: 1, maxBudget: 9 }), train, { totalEpochs: 180, maxEpochs: 9, seed: 0 });
 * console.log(r.score, r.epochs, r.evaluations);
 * ```
 */
export async function epochBudgetSearch(space: Mutable, strategy: Strategy, train: TrainAt, budget: EpochBudget): Promise<EpochBudgetResult> {
  const started = performance.now();
  const { totalEpochs, maxEpochs } = budget;
  const session = strategy.start({ space, rng: createRng(budget.seed), direction: 'maximize', ...(budget.maxTrials !== undefined ? { maxTrials: budget.maxTrials } : {}) });
  const trials: SearchTrial[] = [];
  let spent = 0;
  while (true) {
    const proposal = session.ask();
    if (proposal === undefined) break;
    const epochs = proposal.budget ?? maxEpochs;
    if (spent + epochs > totalEpochs) break;
    spent += epochs;
    const value = await train(proposal.sample, epochs);
    const outcome = { status: 'succeeded', value } as const;
    session.tell(proposal.id, outcome);
    trials.push({ id: proposal.id, sample: proposal.sample, budget: epochs, outcome });
  }
  const best = bestTrial(trials, 'maximize');
  if (best === undefined) throw new RangeError(`epochBudgetSearch(): ${strategy.name} evaluated nothing within ${totalEpochs} epochs`);
  const retrained = best.budget! < maxEpochs;
  const score = retrained ? await train(best.sample, maxEpochs) : (best.outcome as { value: number }).value;
  return {
    best: best.sample,
    score,
    retrained,
    epochs: spent,
    evaluations: trials.length,
    fullEvaluations: trials.filter((t) => t.budget === maxEpochs).length,
    configurations: new Set(trials.map((t) => sampleKey(t.sample))).size,
    seconds: (performance.now() - started) / 1000,
  };
}
