/**
 * `GET /api/v1/archspace/overview`: the experiment at a glance — status, budgets, trial counts, the
 * best trial so far and every label — as the dashboard's header shows it.
 */
import { durationSeconds } from '../config/duration.js';
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
  readonly best: { readonly trialJobId: string; readonly sequenceId: number; readonly metric: number } | null;
  readonly labels: readonly string[];
  readonly errors: readonly string[];
}

const positiveInteger = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null);

function tunerName(config: Readonly<Record<string, unknown>>, source: DashboardSource): string | null {
  const tuner = config['tuner'];
  if (typeof tuner === 'object' && tuner !== null && typeof (tuner as { name?: unknown }).name === 'string') return (tuner as { name: string }).name;
  return source.strategyName ?? null;
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
  const top = store.trialPage({ sort: 'metric', order: source.direction === 'maximize' ? 'desc' : 'asc', withMetric: true, limit: 1 }).trials[0];
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
    best: top !== undefined && top.metric !== null ? { trialJobId: top.trialJobId, sequenceId: top.sequenceId, metric: top.metric } : null,
    labels: store.sampleLabels(),
    errors: status.errors,
  };
}
