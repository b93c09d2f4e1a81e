/**
 * `GET /api/v1/archspace/overview`: the experiment at a glance — status, budgets, trial counts, the
 * best trial so far and every label — as the dashboard's header shows it.
 */
import type { Objective } from '@archspace/strategies';
import { durationSeconds } from '../config/duration.js';
import { cachedFront, rankedFront } from '../manager/pareto-front-view.js';
import type { ParetoFront } from '../records.js';
import type { ExperimentStatus, TrialJobStatus } from '../records.js';
import type { DashboardSource } from './dashboard-source.js';

/** The body of `GET /overview` and of each `experiment` event. */
export interface ExperimentOverview {
  readonly id: string;
  readonly status: ExperimentStatus;
  readonly readOnly: boolean;
  readonly startTime: number;
  readonly endTime: number | null;
  /** Seconds, over all runs. */
  readonly execDuration: number;
  readonly trialConcurrency: number | null;
  readonly maxTrialNumber: number | null;
  /** Seconds; null when unlimited. */
  readonly maxExperimentDuration: number | null;
  readonly optimizeMode: 'maximize' | 'minimize';
  readonly tuner: string | null;
  readonly trialCounts: Readonly<Record<TrialJobStatus, number>>;
  readonly totalTrials: number;
  /**
   * The best trial so far: by the final result's number in `optimizeMode`; when the config names
   * objectives, the first of the Pareto front ranked by the first objective in its direction (then
   * the next ones), `metric` being its first objective's value.
   */
  readonly best: { readonly trialJobId: string; readonly sequenceId: number; readonly metric: number } | null;
  readonly labels: readonly string[];
  readonly errors: readonly string[];
  /** Only when the config names objectives: them, in its order (the trials table's objective columns). */
  readonly objectives?: readonly Objective[];
}

const positiveInteger = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null);

function tunerName(config: Readonly<Record<string, unknown>>, source: DashboardSource): string | null {
  const tuner = config['tuner'];
  if (typeof tuner === 'object' && tuner !== null && typeof (tuner as { name?: unknown }).name === 'string') return (tuner as { name: string }).name;
  return source.strategyName ?? null;
}

/** Each source's front, read again only when a trial succeeded: the overview goes out on every event. */
const fronts = new WeakMap<DashboardSource, () => ParetoFront>();

function frontOf(source: DashboardSource): ParetoFront | undefined {
  if (source.goals === undefined || source.paretoFront === undefined) return undefined;
  let front = fronts.get(source);
  if (front === undefined) {
    front = cachedFront({ store: source.store, paretoFront: () => source.paretoFront!() });
    fronts.set(source, front);
  }
  return front();
}

/** The overview's best trial (see {@link ExperimentOverview.best}). */
function bestTrial(source: DashboardSource): ExperimentOverview['best'] {
  const front = frontOf(source);
  if (front !== undefined) {
    const top = rankedFront(front)[0];
    return top === undefined ? null : { trialJobId: top.trialJobId, sequenceId: top.sequenceId, metric: top.values[0]! };
  }
  const top = source.store.trialPage({ sort: 'metric', order: source.direction === 'maximize' ? 'desc' : 'asc', withMetric: true, limit: 1 }).trials[0];
  return top !== undefined && top.metric !== null ? { trialJobId: top.trialJobId, sequenceId: top.sequenceId, metric: top.metric } : null;
}

/**
 * The overview of the experiment `source` runs or shows.
 *
 * @example
 * ```ts
 * experimentOverview(manager).best; // { trialJobId: 'Ab12x', sequenceId: 4, metric: 0.93 }
 * ```
 */
export function experimentOverview(source: DashboardSource): ExperimentOverview {
  const profile = source.profile();
  const status = source.status();
  const config = profile.params;
  const store = source.store;
  const trialCounts = store.trialStatistics();
  let totalTrials = 0;
  for (const count of Object.values(trialCounts)) totalTrials += count;
  return {
    id: profile.id,
    status: status.status,
    readOnly: source.readOnly,
    startTime: profile.startTime,
    endTime: profile.endTime ?? null,
    execDuration: profile.execDuration,
    trialConcurrency: positiveInteger(config['trialConcurrency']),
    maxTrialNumber: positiveInteger(config['maxTrialNumber']),
    maxExperimentDuration: durationSeconds(config['maxExperimentDuration']) ?? null,
    optimizeMode: source.direction,
    tuner: tunerName(config, source),
    trialCounts,
    totalTrials,
    best: bestTrial(source),
    labels: store.sampleLabels(),
    errors: status.errors,
    ...(source.goals !== undefined ? { objectives: source.goals.objectives.map(({ name, direction }) => ({ name, direction })) } : {}),
  };
}
