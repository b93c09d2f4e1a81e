/**
 * The succeeded trials placed by the experiment's objectives, for the Pareto chart: each trial's
 * objective values read from its final result (`GET /export-data`), whether it meets every
 * constraint, and whether the server's front (`GET /pareto-front`) holds it. Metric names are user
 * data: they are read as own keys only, so `__proto__` or `constructor` is just a name.
 */
import type { ExportedTrial, MetricBound, ParetoFront, TrialColumns } from '../api/api-types.js';

/** A succeeded trial by the objectives. */
export interface ObjectivePoint {
  readonly trialJobId: string;
  /** One value per objective. */
  readonly values: readonly number[];
  /** Meets every constraint. */
  readonly feasible: boolean;
  /** On the Pareto front the server computed. */
  readonly onFront: boolean;
}

/** The metrics of a final result's JSON text (a plain number is `{ default: n }`), or `undefined` when it is neither. */
export function metricsOf(data: string): Readonly<Record<string, unknown>> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed === 'number') return { default: parsed };
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/** The finite number `metrics` holds under `name` (an own key), else `undefined`. */
export function metricNamed(metrics: Readonly<Record<string, unknown>>, name: string): number | undefined {
  if (!Object.hasOwn(metrics, name)) return undefined;
  const value = metrics[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether `metrics` holds every bounded metric within its bounds. */
export function meetsBounds(metrics: Readonly<Record<string, unknown>>, bounds: readonly MetricBound[]): boolean {
  return bounds.every((bound) => {
    const value = metricNamed(metrics, bound.name);
    return value !== undefined && (bound.min === undefined || value >= bound.min) && (bound.max === undefined || value <= bound.max);
  });
}

/**
 * One point per exported trial whose final result holds every objective (the others cannot be
 * placed), in the export's order; `onFront` is the server's verdict, by trial id.
 */
export function objectivePoints(exported: readonly ExportedTrial[], front: ParetoFront): ObjectivePoint[] {
  const frontIds = new Set(front.trials.map((t) => t.trialJobId));
  const points: ObjectivePoint[] = [];
  for (const trial of exported) {
    const metrics = metricsOf(trial.value);
    if (metrics === undefined) continue;
    const values: number[] = [];
    for (const objective of front.objectives) {
      const value = metricNamed(metrics, objective.name);
      if (value === undefined) break;
      values.push(value);
    }
    if (values.length !== front.objectives.length) continue;
    points.push({ trialJobId: trial.trialJobId, values, feasible: meetsBounds(metrics, front.constraints), onFront: frontIds.has(trial.trialJobId) });
  }
  return points;
}

/**
 * `columns` with each trial's metric replaced by its value of the objective `name` (null where its
 * final result lacks it or the trial did not succeed): what the metric-over-trials chart plots when
 * the config names objectives.
 */
export function objectiveColumns(columns: TrialColumns, exported: readonly ExportedTrial[], name: string): TrialColumns {
  const byTrial = new Map<string, number>();
  for (const trial of exported) {
    const metrics = metricsOf(trial.value);
    const value = metrics === undefined ? undefined : metricNamed(metrics, name);
    if (value !== undefined) byTrial.set(trial.trialJobId, value);
  }
  return { ...columns, metric: columns.trialJobId.map((id) => byTrial.get(id) ?? null) };
}
