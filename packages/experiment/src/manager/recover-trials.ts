/**
 * What happens to the trials a manager left unfinished when it died or was stopped: their leftover
 * processes are stopped (only those proven to be theirs), every metric they wrote to disk is stored,
 * and then each one is settled: a trial whose final result reached disk SUCCEEDED (finished work is
 * never thrown away), one that wrote an invalid metric FAILED, and the rest are run again from the
 * start (on resume) or marked SYS_CANCELED (on a stop of an experiment whose manager is gone).
 */
import { join } from 'node:path';
import type { MetricRow, TrialJobStatus, TrialRow } from '../records.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { checkMetricValue, type ValidMetricLine } from '../training-service/metric-line.js';
import { MetricsReader } from '../training-service/metrics-reader.js';
import { stopLeftoverTrial } from '../training-service/leftover-trial.js';
import { isQueuedJobIdentity } from '../training-service/training-service.js';
import { TRIAL_FILES } from '../trial/trial-env.js';
import { INTERRUPTED } from './trial-outcome.js';

/** Statuses of trials that did not finish: what recovery looks at. */
export const UNFINISHED_STATUSES: readonly TrialJobStatus[] = ['UNKNOWN', 'WAITING', 'RUNNING', 'SYS_CANCELED'];

/** What recovery did, trial by trial. */
export interface RecoveryReport {
  /** Trials whose final result was found on disk: now SUCCEEDED. */
  readonly kept: readonly string[];
  /** Trials that had written an invalid metric (or a final result without a metric of the objectives): now FAILED. */
  readonly failed: readonly string[];
  /** Trials to run again (now WAITING), or marked SYS_CANCELED when not restarting. */
  readonly interrupted: readonly string[];
  /** Trials whose leftover processes were stopped. */
  readonly stoppedProcesses: readonly string[];
  /** Trials with processes that might be theirs but could not be proven so: left alone. */
  readonly unverifiable: readonly string[];
}

/** What a trial's metrics file adds to the store. */
interface FileMetrics {
  readonly final: number | undefined;
  /** The final result's JSON text (set with `final`). */
  readonly finalData: string | undefined;
  readonly invalid: string | undefined;
}

function metricRow(trial: TrialRow, metric: ValidMetricLine): MetricRow {
  const { line } = metric;
  return { trialJobId: trial.trialJobId, parameterId: trial.parameterId, type: line.type, sequence: line.sequence, timestamp: line.timestamp, data: line.value };
}

/**
 * Stores the metrics of `trial`'s metrics file that the store does not hold yet (a PERIODICAL metric
 * by its sequence, the first FINAL one), and returns the trial's final value and first invalid line.
 */
export function storeMetricsFromDisk(store: ExperimentStore, trial: TrialRow): FileMetrics {
  const stored = store.listMetrics({ trialJobId: trial.trialJobId });
  const seen = new Set(stored.map((m) => `${m.type}:${m.sequence}`));
  const storedFinal = stored.find((m) => m.type === 'FINAL');
  let final: number | undefined;
  let finalData: string | undefined;
  if (storedFinal !== undefined) {
    const checked = checkMetricValue(storedFinal.data);
    if (checked.ok) {
      final = checked.value;
      finalData = storedFinal.data;
    }
  }
  let invalid: string | undefined;
  if (trial.logPath === undefined) return { final, finalData, invalid };
  const reader = new MetricsReader(join(trial.logPath, TRIAL_FILES.metrics));
  for (let more = true; more; ) {
    const chunk = reader.read();
    more = chunk.more;
    invalid ??= chunk.rejected[0];
    const fresh = chunk.lines.filter((m) => {
      const key = m.line.type === 'FINAL' ? 'FINAL' : `PERIODICAL:${m.line.sequence}`;
      const isNew = m.line.type === 'FINAL' ? storedFinal === undefined && !seen.has('FINAL') : !seen.has(key);
      seen.add(key);
      return isNew;
    });
    store.insertMetrics(fresh.map((metric) => metricRow(trial, metric)));
    for (const metric of fresh) {
      if (metric.line.type !== 'FINAL' || final !== undefined) continue;
      final = metric.value;
      finalData = metric.line.value;
    }
  }
  return { final, finalData, invalid };
}

/**
 * Settles every unfinished trial of the experiment in `store` (see the file comment). With `restart`,
 * interrupted trials become WAITING, to be started again by the manager; without it they become
 * SYS_CANCELED. With `leaveQueuedJobs`, trials running as queued jobs on remote workers are left
 * RUNNING for the manager to reattach to. With `finalProblem`, a final result it finds a problem with
 * (one that lacks a metric of the experiment's objectives) makes the trial FAILED with that message.
 * Call only while holding the experiment's manager lock.
 */
export function recoverUnfinishedTrials(
  store: ExperimentStore,
  experimentId: string,
  restart: boolean,
  options: { leaveQueuedJobs?: boolean; finalProblem?: (finalData: string) => string | undefined } = {},
): RecoveryReport {
  const report = { kept: [] as string[], failed: [] as string[], interrupted: [] as string[], stoppedProcesses: [] as string[], unverifiable: [] as string[] };
  const now = Date.now();
  for (const trial of store.listTrials()) {
    if (!UNFINISHED_STATUSES.includes(trial.status)) continue;
    // A trial running on a remote worker goes on without the manager: the next one reattaches to it.
    if (options.leaveQueuedJobs && trial.status === 'RUNNING' && isQueuedJobIdentity(trial.processIdentity)) continue;
    const id = trial.trialJobId;
    // Processes first: once they are gone, nothing adds to the metrics file while it is read.
    const leftover = stopLeftoverTrial({ experimentId, trialJobId: id, pid: trial.pid, processIdentity: trial.processIdentity });
    if (leftover === 'stopped') report.stoppedProcesses.push(id);
    if (leftover === 'unverifiable') report.unverifiable.push(id);
    const { final, finalData, invalid } = storeMetricsFromDisk(store, trial);
    const problem = invalid !== undefined ? `the trial reported an invalid result: ${invalid}` : finalData !== undefined ? options.finalProblem?.(finalData) : undefined;
    if (problem !== undefined) {
      store.updateTrial(id, { status: 'FAILED', endTime: now, message: problem });
      report.failed.push(id);
    } else if (final !== undefined) {
      store.updateTrial(id, { status: 'SUCCEEDED', endTime: trial.endTime ?? now, message: 'its final result was on disk when the manager recovered the experiment' });
      report.kept.push(id);
    } else if (restart) {
      store.transaction(() => {
        store.deleteMetrics(id);
        store.updateTrial(id, { status: 'WAITING', startTime: undefined, endTime: undefined, pid: undefined, processIdentity: undefined, message: `${INTERRUPTED}; waiting to run again` });
      });
      report.interrupted.push(id);
    } else if (trial.status !== 'SYS_CANCELED' && !(trial.status === 'WAITING' && trial.pid === undefined)) {
      store.updateTrial(id, { status: 'SYS_CANCELED', endTime: now, message: `${INTERRUPTED}: the experiment's manager stopped before this trial finished; resuming the experiment runs it again` });
      report.interrupted.push(id);
    }
  }
  return report;
}
