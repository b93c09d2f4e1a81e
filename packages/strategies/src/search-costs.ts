/**
 * Metrics known before training, `search()`'s `costs` (a network's FLOPs or parameters, say): they
 * join the evaluated metrics, so objectives and constraints can name them, and a trial whose costs
 * already break a constraint is pruned — never evaluated, told to the strategy as infeasible, kept in
 * the result with status `"pruned"`, and not counted against `maxTrials`.
 */
import type { Sample } from '@archspace/mutables';
import { type MetricConstraint, type Metrics, type Objective, relativeBreach } from './search-objectives.js';
import { sampleKey } from './sample-key.js';
import type { KnownCosts, Outcome, StrategyContext } from './strategy.js';

/** Computes a sample's metrics known before training; a throw fails the trial with the message. */
export type Costs = (sample: Sample) => Metrics | Promise<Metrics>;

/** A trial whose costs broke a constraint: it was never evaluated. */
export interface PrunedOutcome {
  readonly status: 'pruned';
  /** How far the costs break the constraints they name, summed, as for evaluated trials (> 0). */
  readonly violation: number;
  /** The metrics `costs` gave. */
  readonly costs: Metrics;
}

/** What became of a trial of `search()`: a strategy's {@link Outcome}, or pruned by its costs. */
export type TrialOutcome = Outcome | PrunedOutcome;

/** `maxPruned` when not given: this many pruned trials per trial of `maxTrials`. */
export const PRUNED_PER_TRIAL = 10;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * The costs of `sample`, checked: a record of finite numbers (copied into a record without a
 * prototype, so any metric name is a plain key), or a message naming what was wrong.
 */
export async function costsOfSample(costs: Costs, sample: Sample): Promise<Metrics | string> {
  let record: unknown;
  try {
    record = await costs(sample);
  } catch (error) {
    return `costs() threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  return checkedCosts(record);
}

/** `record` as a record of finite numbers without a prototype, or a message naming what was wrong. */
function checkedCosts(record: unknown): Metrics | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return `costs() returned ${Array.isArray(record) ? 'a list' : shown(record)}, not a record of metrics`;
  }
  const copy = Object.create(null) as Record<string, number>;
  for (const name of Object.keys(record)) {
    const value = (record as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) return `costs() gave the metric ${shown(name)} as ${shown(value)}, not a finite number`;
    copy[name] = value;
  }
  return copy;
}

/**
 * What a strategy may learn of a sample's costs before proposing it ({@link StrategyContext.knownCosts}):
 * the costs and their violation of `constraints` when `costs` gives a valid record at once, or
 * `undefined` when it throws, gives something else, or answers with a promise (whose rejection is
 * then ignored here: the trial reports it if the sample is proposed).
 */
export function knownCostsOf(costs: Costs, constraints: readonly MetricConstraint[]): NonNullable<StrategyContext['knownCosts']> {
  // Strategies ask again for samples they rank more than once (a neighbour of two centres, a kick
  // and its fit): each sample's answer is kept, the oldest dropped past KNOWN_COSTS_KEPT.
  const answers = new Map<string, KnownCosts | undefined>();
  return (sample) => {
    const key = sampleKey(sample);
    if (answers.has(key)) return answers.get(key);
    const answer = knownCostsNow(costs, constraints, sample);
    if (answers.size >= KNOWN_COSTS_KEPT) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    return answer;
  };
}

/** How many samples' known costs {@link knownCostsOf} keeps. */
const KNOWN_COSTS_KEPT = 65_536;

/** One answer of {@link knownCostsOf}, computed. */
function knownCostsNow(costs: Costs, constraints: readonly MetricConstraint[], sample: Sample): KnownCosts | undefined {
  let record: unknown;
  try {
    record = costs(sample);
  } catch {
    return undefined;
  }
  if (typeof (record as { then?: unknown } | null)?.then === 'function') {
    Promise.resolve(record).catch(() => undefined);
    return undefined;
  }
  const checked = checkedCosts(record);
  return typeof checked === 'string' ? undefined : { metrics: checked, violation: costViolation(checked, constraints) };
}

/** How far `costs` break the constraints on metrics they hold, summed (0: nothing to prune). */
export function costViolation(costs: Metrics, constraints: readonly MetricConstraint[]): number {
  let violation = 0;
  for (const constraint of constraints) {
    if (Object.hasOwn(costs, constraint.name)) violation += relativeBreach(constraint, costs[constraint.name]!);
  }
  return violation;
}

/**
 * What the strategy is told of a pruned trial: succeeded but infeasible, with its `violation`, so
 * strategies that rank by constraint-domination put it below every feasible trial and steer away
 * from it. An objective the costs hold gets its value; any other gets the worst finite value of its
 * direction (`-Number.MAX_VALUE` when maximized), which passes every strategy's check of values and
 * ranks last with the strategies that do not read violations.
 */
export function prunedForStrategy(pruned: PrunedOutcome, objectives: readonly Objective[]): Outcome {
  const values = objectives.map(({ name, direction }) => (Object.hasOwn(pruned.costs, name) ? pruned.costs[name]! : direction === 'maximize' ? -Number.MAX_VALUE : Number.MAX_VALUE));
  return { status: 'succeeded', value: values[0]!, objectives: values, violation: pruned.violation };
}

/**
 * The evaluator's `metrics` with `costs` added, or a message when both hold a metric with different
 * values. Anything but a record is returned as it is, for the objectives' check to refuse.
 */
export function withCosts(metrics: unknown, costs: Metrics): { readonly metrics: unknown } | { readonly error: string } {
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) return { metrics };
  const merged = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(metrics)) merged[name] = (metrics as Record<string, unknown>)[name];
  for (const name of Object.keys(costs)) {
    if (Object.hasOwn(merged, name) && merged[name] !== costs[name]) {
      return { error: `the evaluator reported the metric ${shown(name)} as ${shown(merged[name])} but costs() gave ${costs[name]}; report it in one place` };
    }
    merged[name] = costs[name];
  }
  return { metrics: merged };
}
