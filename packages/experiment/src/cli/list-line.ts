/**
 * One line of `archspace list`. A store that cannot be read gets a line saying why (the others are
 * still listed), an experiment whose manager holds it but has not written it yet is STARTING, and an
 * experiment whose store says it runs while no manager holds it is shown as INTERRUPTED: its manager
 * was killed, and `archspace resume` (or `stop`) settles it.
 */
import { join } from 'node:path';
import { STORE_FILE } from '../launch/launch-experiment.js';
import { isManagerRunning } from '../manager/manager-lock.js';
import type { ExperimentStatus } from '../records.js';
import { SqliteStore } from '../store/sqlite-store.js';

const GOING: readonly ExperimentStatus[] = ['INITIALIZED', 'RUNNING', 'STOPPING'];

/** The `list` line of experiment `id` stored in `dir`. */
export function listLine(id: string, dir: string): string {
  let store: SqliteStore | undefined;
  try {
    store = SqliteStore.open(join(dir, STORE_FILE), { readonly: true });
    const row = store.getExperiment();
    // A manager writes the experiment just after taking the experiment's lock.
    if (row === undefined) return isManagerRunning(dir) ? `${id}  STARTING  (its manager is creating it)` : `${id}  UNREADABLE  (the store holds no experiment)`;
    const stats = store.trialStatistics();
    const status = GOING.includes(row.status) && !isManagerRunning(dir) ? 'INTERRUPTED' : row.status;
    const hint = status === 'INTERRUPTED' ? `  (its manager was killed: archspace resume ${id})` : '';
    const name = typeof row.config['experimentName'] === 'string' ? row.config['experimentName'] : '';
    return `${id}  ${status}  ${name}  trials: ${stats.SUCCEEDED} succeeded, ${stats.FAILED} failed, ${stats.RUNNING} running${hint}`;
  } catch (error) {
    return `${id}  UNREADABLE  (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    store?.close();
  }
}
