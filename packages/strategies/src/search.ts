/**
 * The in-process search loop: ask a strategy for samples, evaluate them (several at once when the
 * evaluator is asynchronous), tell it the outcomes, stop at the budget. A failing evaluation is
 * recorded as failed and the search goes on; an assessor can stop a trial early through `report`.
 * With `costs`, a trial whose costs break a constraint is pruned before it is evaluated.
 */
import { type Mutable, type Sample, createRng } from '@archspace/mutables';
import cliProgress from 'cli-progress';
import type { Assessor, TrialCurve } from './assessor.js';
import { type Costs, costsOfSample, costViolation, knownCostsOf, type PrunedOutcome, PRUNED_PER_TRIAL, prunedForStrategy, type TrialOutcome, withCosts } from './search-costs.js';
import { checkObjectives, type MetricConstraint, type Metrics, type Objective, outcomeOfMetrics, paretoTrials } from './search-objectives.js';
import type { Direction, Outcome, Proposal, Strategy, StrategySession } from './strategy.js';

/** What an evaluation can use besides the sample. */
export interface TrialContext {
  /** The trial's id. */
  readonly id: number;
  /** The fidelity to evaluate at, for multi-fidelity strategies. */
  readonly budget: number | undefined;
  /** Reports an intermediate result; throws {@link TrialStopped} when the assessor stops the trial. */
  report(value: number): void;
}

/**
 * Scores a sample: a number, or with `objectives` a record of named metrics (or a promise of
 * either). Throwing records the trial as failed.
 */
export type Evaluate = (sample: Sample, trial: TrialContext) => number | Metrics | Promise<number | Metrics>;

/** Thrown by `report` when an assessor stops the trial; the search records it as stopped. */
export class TrialStopped extends Error {
  constructor(readonly id: number) {
    super(`trial ${id} was stopped early by the assessor`);
  }
}

/** When to stop searching. */
export interface SearchBudget {
  /** Trials to run at most; trials pruned by `costs` do not count (the budget counts evaluations). */
  readonly maxTrials?: number;
  /**
   * Trials `costs` may prune before the search stops, however much budget is left (≥ 1; default
   * 10 × `maxTrials`, unbounded without `maxTrials`, when the time budget ends it): a space whose
   * costs break the constraints almost everywhere cannot keep the search proposing for ever. The
   * result's `stopMessage` says when this bound stopped the search.
   */
  readonly maxPruned?: number;
  /** Milliseconds to run at most (trials already running finish). */
  readonly maxTimeMs?: number;
  /** Evaluations in flight at once (default 1). */
  readonly concurrency?: number;
}

/** How to search. */
export interface SearchOptions {
  /** Seed of the strategy's random draws (default 0). */
  readonly seed?: number | string;
  /** Whether higher (default) or lower values are better. */
  readonly direction?: Direction;
  /** Stops poor trials early from their intermediate results. */
  readonly assessor?: Assessor;
  /** Show a progress bar on stderr (default: only when stderr is a terminal). */
  readonly progress?: boolean;
  /**
   * Named objectives: the evaluator returns a record of metrics, and the result lists the Pareto
   * front. Several objectives need a strategy that searches them (`NSGA2`, `TPE`, `LocalSearch`, `Random`,
   * `GridSearch`); the first objective's direction is the search's `direction`.
   */
  readonly objectives?: readonly Objective[];
  /** Bounds on reported metrics (with `objectives`); a trial that breaks one is infeasible: never best, never on the front. */
  readonly constraints?: readonly MetricConstraint[];
  /**
   * Metrics known before training (with `objectives`), e.g. `modelCosts(space, shapes)` of
   * `@archspace/mutables`: they join the evaluator's metrics, so objectives and constraints can name
   * them. A trial whose costs break a constraint on them is pruned: `evaluate` is not called, the
   * strategy is told a succeeded but infeasible outcome (its violation, and the worst value of each
   * objective the costs do not give), and the trial is recorded with status `"pruned"`. A throw or a
   * malformed record from `costs` fails the trial, naming the problem.
   */
  readonly costs?: Costs;
}

/** One evaluated trial. */
export interface SearchTrial {
  readonly id: number;
  readonly sample: Sample;
  readonly budget: number | undefined;
  /** The outcome; `"pruned"` for a trial `costs` stopped before it was evaluated. */
  readonly outcome: TrialOutcome;
}

/** What a search found. */
export interface SearchResult {
  /** Every trial, in proposal order. */
  readonly trials: readonly SearchTrial[];
  /** The best succeeded trial (at the largest budget seen), if any. */
  readonly best: SearchTrial | undefined;
  /** The session, for inspection or to continue asking. */
  readonly session: StrategySession;
  /** With `objectives`: the succeeded, feasible trials no other one dominates, in trial order. */
  readonly paretoFront?: readonly SearchTrial[];
  /** Set when the search stopped because `costs` pruned `maxPruned` trials: says so, with the figures. */
  readonly stopMessage?: string;
}

/** Whether `trial` was evaluated (its outcome one a strategy reports), not pruned. */
function notPruned(trial: SearchTrial): trial is SearchTrial & { readonly outcome: Outcome } {
  return trial.outcome.status !== 'pruned';
}

function better(direction: Direction, a: number, b: number): boolean {
  return direction === 'maximize' ? a > b : a < b;
}

/** The better of `best` and a later `trial`, as {@link bestTrial} ranks them: `best` unless `trial` beats it. */
function keepBest(best: SearchTrial | undefined, trial: SearchTrial, direction: Direction): SearchTrial | undefined {
  if (trial.outcome.status !== 'succeeded' || trial.outcome.violation! > 0) return best;
  if (best === undefined) return trial;
  const budget = trial.budget ?? Infinity;
  const bestBudget = best.budget ?? Infinity;
  return budget > bestBudget || (budget === bestBudget && better(direction, trial.outcome.value, (best.outcome as { value: number }).value)) ? trial : best;
}

/** The best succeeded, feasible trial: highest budget first, then best value; ties keep the earliest. */
export function bestTrial(trials: readonly SearchTrial[], direction: Direction): SearchTrial | undefined {
  let best: SearchTrial | undefined;
  for (const trial of trials) best = keepBest(best, trial, direction);
  return best;
}

/**
 * Searches `space` with `strategy`, scoring samples with `evaluate`, until the budget is spent or the
 * strategy is done.
 *
 * @example
 * ```ts
 * const result = await search(space, (s) => accuracyOf(s), new RegularizedEvolution(), { maxTrials: 100 }, { seed: 1 });
 * console.log(result.best?.sample, result.best?.outcome);
 * ```
 */
export async function search(space: Mutable, evaluate: Evaluate, strategy: Strategy, budget: SearchBudget, options: SearchOptions = {}): Promise<SearchResult> {
  const { objectives, constraints = [], costs } = options;
  if (objectives !== undefined) checkObjectives(objectives, constraints);
  else if (constraints.length > 0) throw new RangeError('search(): constraints bound reported metrics, so they need objectives');
  if (costs !== undefined && (typeof costs !== 'function' || objectives === undefined)) {
    throw new RangeError(`search(): costs must be a function of the sample giving named metrics, used with objectives; got ${typeof costs}${objectives === undefined ? ' without objectives' : ''}`);
  }
  if (objectives !== undefined && objectives.length > 1 && strategy.multiObjective !== true) {
    throw new TypeError(`search(): ${strategy.name} searches one value, not ${objectives.length} objectives; use NSGA2, TPE, LocalSearch, Random or GridSearch`);
  }
  const direction = objectives?.[0]?.direction ?? options.direction ?? 'maximize';
  if (options.direction !== undefined && options.direction !== direction) {
    throw new RangeError(`search(): direction "${options.direction}" disagrees with the first objective's "${direction}"; give the direction in the objectives only`);
  }
  const concurrency = Math.max(1, budget.concurrency ?? 1);
  const maxTrials = budget.maxTrials ?? Infinity;
  if (maxTrials === Infinity && budget.maxTimeMs === undefined) throw new RangeError('search(): give a budget (maxTrials or maxTimeMs)');
  const maxPruned = budget.maxPruned ?? Math.max(1, PRUNED_PER_TRIAL * maxTrials);
  if (!(maxPruned >= 1)) throw new RangeError(`search(): maxPruned must be a number ≥ 1 (Infinity for no bound), got ${String(budget.maxPruned)}`);
  const session = strategy.start({
    space,
    rng: createRng(options.seed ?? 0),
    direction,
    ...(Number.isFinite(maxTrials) ? { maxTrials } : {}),
    ...(objectives !== undefined && objectives.length > 1 ? { objectives: objectives.map((o) => o.direction), objectiveNames: objectives.map((o) => o.name) } : {}),
    ...(costs !== undefined ? { knownCosts: knownCostsOf(costs, constraints) } : {}),
  });
  const deadline = budget.maxTimeMs === undefined ? Infinity : Date.now() + budget.maxTimeMs;
  const trials: SearchTrial[] = [];
  /** The curve of every trial started so far, in start order. */
  const curves: TrialCurve[] = [];
  /** `bestTrial(trials)`, kept up to date as trials finish (for the progress bar). */
  let best: SearchTrial | undefined;
  const showBar = options.progress ?? Boolean(process.stderr.isTTY);
  const bar = showBar
    ? new cliProgress.SingleBar({ format: `${strategy.name} [{bar}] {value}/{total} trials | best {best} | failed {failed}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let failed = 0;
  let pruned = 0;
  bar?.start(Number.isFinite(maxTrials) ? maxTrials : 0, 0, { best: '-', failed: 0 });

  /** Records a finished trial, tells the session what `told` says of it, and moves the bar. */
  const finish = (proposal: Proposal, outcome: TrialOutcome, told: Outcome): void => {
    if (outcome.status === 'failed') failed++;
    session.tell(proposal.id, told);
    const trial: SearchTrial = { id: proposal.id, sample: proposal.sample, budget: proposal.budget, outcome };
    trials.push(trial);
    best = keepBest(best, trial, direction);
    bar?.update(trials.length - pruned, { best: best ? (best.outcome as { value: number }).value.toPrecision(5) : '-', failed });
  };

  const runOne = async (proposal: Proposal): Promise<void> => {
    let known: Metrics | undefined;
    if (costs !== undefined) {
      const checked = await costsOfSample(costs, proposal.sample);
      if (typeof checked === 'string') {
        const outcome: Outcome = { status: 'failed', error: checked };
        return finish(proposal, outcome, outcome);
      }
      const violation = costViolation(checked, constraints);
      if (violation > 0) {
        pruned++;
        const outcome: PrunedOutcome = { status: 'pruned', violation, costs: checked };
        return finish(proposal, outcome, prunedForStrategy(outcome, objectives!));
      }
      known = checked;
    }
    const intermediates: number[] = [];
    const curve: TrialCurve = { id: proposal.id, intermediates };
    curves.push(curve);
    const context: TrialContext = {
      id: proposal.id,
      budget: proposal.budget,
      report(value: number) {
        intermediates.push(value);
        if (!options.assessor) return;
        const others = curves.filter((c) => c !== curve);
        if (options.assessor.assess({ id: proposal.id, intermediates }, others, direction) === 'stop') throw new TrialStopped(proposal.id);
      },
    };
    let outcome: Outcome;
    try {
      const value = await evaluate(proposal.sample, context);
      const merged = known === undefined ? { metrics: value } : withCosts(value, known);
      outcome = 'error' in merged
        ? { status: 'failed', error: merged.error, intermediates: [...intermediates] }
        : objectives !== undefined
        ? outcomeOfMetrics(merged.metrics, objectives, constraints, [...intermediates])
        : typeof value === 'number' && !Number.isNaN(value)
        ? { status: 'succeeded', value, intermediates: [...intermediates] }
        : { status: 'failed', error: `the evaluator returned ${String(value)}, not a number`, intermediates: [...intermediates] };
    } catch (error) {
      outcome =
        error instanceof TrialStopped
          ? { status: 'stopped', ...(intermediates.length > 0 ? { value: intermediates[intermediates.length - 1]! } : {}), intermediates: [...intermediates] }
          : { status: 'failed', error: error instanceof Error ? error.message : String(error), intermediates: [...intermediates] };
    }
    finish(proposal, outcome, outcome);
  };

  const running = new Set<Promise<void>>();
  let started = 0;
  while (true) {
    // Pruned trials give their budget back: `started - pruned` counts evaluations begun.
    while (running.size < concurrency && started - pruned < maxTrials && pruned < maxPruned && Date.now() < deadline) {
      const proposal = session.ask();
      if (proposal === undefined) break;
      started++;
      const job = runOne(proposal).finally(() => running.delete(job));
      running.add(job);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  bar?.stop();
  trials.sort((a, b) => a.id - b.id);
  const stopMessage =
    pruned >= maxPruned && started - pruned < maxTrials
      ? `search(): stopped after pruning ${pruned} trials (maxPruned ${maxPruned}) with ${started - pruned} of ${maxTrials} trials evaluated; the costs break the constraints almost everywhere the strategy looks`
      : undefined;
  return {
    trials,
    best: bestTrial(trials, direction),
    session,
    ...(objectives !== undefined ? { paretoFront: paretoTrials(trials.filter(notPruned), objectives) } : {}),
    ...(stopMessage !== undefined ? { stopMessage } : {}),
  };
}
