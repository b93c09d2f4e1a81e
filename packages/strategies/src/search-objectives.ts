/**
 * Several named objectives and metric constraints for `search()`: the evaluator returns a record of
 * metrics (`{ accuracy: 0.93, flops: 41.2 }`), each objective reads one by name, each constraint
 * bounds one. A trial whose record lacks a named metric, or holds one that is not a finite number,
 * fails with a message naming it; a trial that breaks a constraint succeeds but is infeasible (its
 * outcome carries how far it breaks them) and is never on the Pareto front.
 */
import { paretoFront } from './pareto-front.js';
import type { Direction, Outcome } from './strategy.js';

/** One objective: a metric the evaluator reports, and whether more or less of it is better. */
export interface Objective {
  readonly name: string;
  readonly direction: Direction;
}

/** A bound on a metric the evaluator reports: `latency ≤ 20` is `{ name: 'latency', max: 20 }`. */
export interface MetricConstraint {
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
}

/** What an evaluator returns when the search names objectives: each metric by name. */
export type Metrics = Readonly<Record<string, number>>;

/** Throws a RangeError for objectives or constraints a search cannot take, naming what is wrong. */
export function checkObjectives(objectives: readonly Objective[], constraints: readonly MetricConstraint[]): void {
  if (!Array.isArray(objectives) || objectives.length === 0) throw new RangeError('search(): objectives must be a non-empty list of { name, direction }');
  const names = new Set<string>();
  objectives.forEach((objective, i) => {
    const { name, direction } = (objective ?? {}) as Partial<Objective>;
    if (typeof name !== 'string' || name === '') throw new RangeError(`search(): objective ${i} needs a name (a non-empty string), got ${String(name)}`);
    if (direction !== 'maximize' && direction !== 'minimize') {
      throw new RangeError(`search(): objective ${JSON.stringify(name)} has direction ${JSON.stringify(direction)}; the directions are "maximize" and "minimize"`);
    }
    if (names.has(name)) throw new RangeError(`search(): the objective ${JSON.stringify(name)} is named twice`);
    names.add(name);
  });
  constraints.forEach((constraint, i) => {
    const { name, min, max } = (constraint ?? {}) as Partial<MetricConstraint>;
    if (typeof name !== 'string' || name === '') throw new RangeError(`search(): constraint ${i} needs a name (a non-empty string), got ${String(name)}`);
    if (min === undefined && max === undefined) throw new RangeError(`search(): constraint ${JSON.stringify(name)} needs a min or a max`);
    for (const [key, bound] of [['min', min], ['max', max]] as const) {
      if (bound !== undefined && !Number.isFinite(bound)) throw new RangeError(`search(): constraint ${JSON.stringify(name)} has ${key} ${String(bound)}, not a finite number`);
    }
    if (min !== undefined && max !== undefined && min > max) throw new RangeError(`search(): constraint ${JSON.stringify(name)} has min ${min} above max ${max}`);
  });
}

/** The metric `name` of `metrics`, or a message saying why it is not usable; `source` names who reported them. */
function metricOf(metrics: unknown, name: string, source: string): number | string {
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    return `${source} returned ${Array.isArray(metrics) ? 'a list' : String(metrics)}, not a record of metrics`;
  }
  if (!Object.hasOwn(metrics, name)) {
    const keys = Object.keys(metrics);
    const shown = keys.slice(0, 10).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k)).join(', ') + (keys.length > 10 ? `, … (${keys.length} in all)` : '');
    return `${source} reported no metric ${JSON.stringify(name)} (it reported ${shown || 'none'})`;
  }
  const value = (metrics as Record<string, unknown>)[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : `the metric ${JSON.stringify(name)} is ${String(value)}, not a finite number`;
}

/** How far `value` breaks `constraint`, relative to the bound (0 when it keeps it). */
export function relativeBreach(constraint: MetricConstraint, value: number): number {
  const breach = Math.max(0, constraint.min === undefined ? 0 : constraint.min - value, constraint.max === undefined ? 0 : value - constraint.max);
  return breach / Math.max(1e-12, Math.abs(constraint.max ?? constraint.min!));
}

/**
 * The outcome of a trial whose evaluator returned `metrics`: succeeded with the objectives' values
 * (`value` the first) and the constraints' summed relative breach as `violation`, or failed naming
 * the metric that was missing or not a number. `source` names who reported the metrics in that message
 * (an experiment's manager says "the trial").
 */
export function outcomeOfMetrics(metrics: unknown, objectives: readonly Objective[], constraints: readonly MetricConstraint[], intermediates: readonly number[], source = 'the evaluator'): Outcome {
  const values: number[] = [];
  for (const { name } of [...objectives, ...constraints]) {
    const value = metricOf(metrics, name, source);
    if (typeof value === 'string') return { status: 'failed', error: value, intermediates };
    values.push(value);
  }
  let violation = 0;
  constraints.forEach((constraint, i) => {
    violation += relativeBreach(constraint, values[objectives.length + i]!);
  });
  const objectiveValues = values.slice(0, objectives.length);
  return { status: 'succeeded', value: objectiveValues[0]!, objectives: objectiveValues, ...(violation > 0 ? { violation } : {}), intermediates };
}

/** The succeeded, feasible trials no other such trial dominates in the objectives, in trial order. */
export function paretoTrials<T extends { readonly outcome: Outcome }>(trials: readonly T[], objectives: readonly Objective[]): T[] {
  const feasible = trials.filter((t) => t.outcome.status === 'succeeded' && !(t.outcome.violation! > 0) && t.outcome.objectives !== undefined);
  return paretoFront(feasible, (t) => (t.outcome as { objectives: readonly number[] }).objectives, objectives.map((o) => o.direction));
}
