/**
 * @archspace/strategies — search strategies (ask/tell), the in-process search loop, assessors and
 * benchmark tables as evaluators.
 */
export type { AssessResult, Assessor, TrialCurve } from './assessor.js';
export { Anneal, type AnnealOptions } from './anneal.js';
export { Batch, batchDecision } from './batch.js';
export { GridSearch, type GridSearchOptions } from './grid-search.js';
export { NaiveEvolution, type NaiveEvolutionOptions } from './naive-evolution.js';
export { NasBench101Benchmark, type NasBench101Record } from './nasbench101-benchmark.js';
export { NasBench201Benchmark, type NasBench201Record } from './nasbench201-benchmark.js';
export { NotInBenchmarkError } from './not-in-benchmark.js';
export { Random, type RandomOptions } from './random.js';
export { RegularizedEvolution, type RegularizedEvolutionOptions } from './regularized-evolution.js';
export { LocalSearch, type LocalSearchOptions } from './local-search.js';
export { sampleKey } from './sample-key.js';
export {
  type Evaluate,
  type SearchBudget,
  type SearchOptions,
  type SearchResult,
  type SearchTrial,
  type TrialContext,
  TrialStopped,
  bestTrial,
  search,
} from './search.js';
export { type Direction, type KnownCosts, type Outcome, type Proposal, type RestoredTrial, type Strategy, type StrategyContext, StrategySession, type TrialRecord } from './strategy.js';
export { PolicyBasedRL, type PolicyBasedRLOptions, PolicyBasedRLSession } from './policy-based-rl.js';
export { SoftmaxLogits, addEntropyGradient, drawIndex, softmax } from './softmax-logits.js';
export { BOHB, type BOHBOptions } from './bohb.js';
export { CurveFitting, type CurveFittingOptions, predictCurve } from './curve-fitting.js';
export { Hyperband, type HyperbandBracket, type HyperbandOptions, type HyperbandRung, HyperbandSession, hyperbandBrackets } from './hyperband.js';
export { MedianStop, type MedianStopOptions } from './median-stop.js';
export { type ConstantLiar, TPE, type TPEOptions } from './tpe.js';
export { dominates, paretoFront } from './pareto-front.js';
export { hypervolume, MAX_HYPERVOLUME_OBJECTIVES } from './hypervolume.js';
export { NSGA2, type NSGA2Options, budgetedNsga2Population } from './nsga2.js';
export { constraintDominates, crowdingDistances, nonDominatedFronts, type RankedPoint } from './non-dominated-sort.js';
export { checkObjectives, type Metrics, type MetricConstraint, type Objective, outcomeOfMetrics, paretoTrials } from './search-objectives.js';
export { type Costs, type PrunedOutcome, type TrialOutcome } from './search-costs.js';
