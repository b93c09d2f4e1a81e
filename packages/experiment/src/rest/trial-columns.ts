/**
 * `GET /api/v1/archspace/trial-columns`: every trial (a page of up to 100,000) column by column, the
 * shape the dashboard's charts plot from. Parameter columns are keyed by label in a null-prototype
 * record, so any label (`__proto__` included) is just a key.
 */
import type { TrialJobStatus } from '../records.js';
import type { TrialPage } from '../store/trial-page.js';

/** The body of `GET /trial-columns`. */
export interface TrialColumns {
  /** The trials matching the filters, in all. */
  readonly total: number;
  readonly sequenceId: number[];
  readonly trialJobId: string[];
  readonly status: TrialJobStatus[];
  readonly metric: (number | null)[];
  /** label → the label's value in each trial (null where it has none). */
  readonly parameters: Record<string, unknown[]>;
}

/**
 * The columns of a page (in its order).
 *
 * @example
 * ```ts
 * trialColumns(store.trialPage({ limit: 100_000 })).parameters['lr']; // [0.1, null, 0.01, …]
 * ```
 */
export function trialColumns(page: TrialPage): TrialColumns {
  const n = page.trials.length;
  const parameters = Object.create(null) as Record<string, unknown[]>;
  const columns: TrialColumns = { total: page.total, sequenceId: new Array<number>(n), trialJobId: new Array<string>(n), status: new Array<TrialJobStatus>(n), metric: new Array<number | null>(n), parameters };
  page.trials.forEach((trial, i) => {
    columns.sequenceId[i] = trial.sequenceId;
    columns.trialJobId[i] = trial.trialJobId;
    columns.status[i] = trial.status;
    columns.metric[i] = trial.metric;
    for (const label of Object.keys(trial.sample)) {
      let column = parameters[label];
      if (column === undefined) {
        column = new Array<unknown>(n).fill(null);
        parameters[label] = column;
      }
      column[i] = trial.sample[label] ?? null;
    }
  });
  return columns;
}
