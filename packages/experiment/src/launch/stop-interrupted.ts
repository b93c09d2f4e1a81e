/**
 * `archspace stop` on an experiment whose manager is gone (SIGKILL, a crash, a reboot): the store
 * still says RUNNING and trials may still run, orphaned. Under the manager lock, this settles the
 * trials (see `recover-trials.ts`: leftover processes stopped, finished work kept, the rest
 * SYS_CANCELED so that a resume runs them again) and marks the experiment STOPPED. Trials running on
 * Redis workers are stopped there first (see `stop-queued-trials.ts`).
 */
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { acquireManagerLock } from '../manager/manager-lock.js';
import { finalResultProblem, objectivesOfConfig } from '../manager/objective-outcome.js';
import { type RecoveryReport, recoverUnfinishedTrials } from '../manager/recover-trials.js';
import type { ExperimentStatus } from '../records.js';
import type { ExperimentConfig } from '../config/experiment-config.js';
import { stopQueuedTrials } from '../redis/stop-queued-trials.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { STORE_FILE } from './launch-experiment.js';

/** Statuses of an experiment that was still going when its manager went away. */
const UNFINISHED_EXPERIMENT: readonly ExperimentStatus[] = ['INITIALIZED', 'RUNNING', 'STOPPING'];

/**
 * Settles the experiment in `dir` when no manager runs it, and returns what was done to its trials.
 * Throws `experiment-running` when a manager holds it after all.
 */
export async function stopInterruptedExperiment(dir: string): Promise<RecoveryReport> {
  const lock = acquireManagerLock(dir, { action: `stop the experiment in ${dir} here`, waitMs: 2000 });
  try {
    const store = SqliteStore.open(join(dir, STORE_FILE));
    try {
      const row = store.getExperiment();
      if (row === undefined) throw new ArchspaceError({ code: 'no-experiment', message: `the store in ${dir} holds no experiment` });
      // Trials on Redis workers go on without a manager: stop them first (their results are mirrored here).
      await stopQueuedTrials(store, row.id, row.config as unknown as ExperimentConfig);
      const goals = objectivesOfConfig(row.config as unknown as ExperimentConfig);
      const report = recoverUnfinishedTrials(store, row.id, false, { finalProblem: (data) => finalResultProblem(data, goals) });
      if (UNFINISHED_EXPERIMENT.includes(row.status)) store.updateExperiment({ status: 'STOPPED', endTime: Date.now() });
      return report;
    } finally {
      store.close();
    }
  } finally {
    lock.release();
  }
}
