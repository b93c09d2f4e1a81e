/** The Pareto front as a table: one row per trial, best-first, with a link to it and every objective's value. */
import type { ParetoFront } from '../api/api-types.js';
import { formatMetric } from '../format/format.js';
import { frontRows, objectiveHeading } from '../pareto/front-rows.js';
import { trialHref } from '../routing/route.js';

/** Props of `ParetoFrontTable`. */
export interface ParetoFrontTableProps {
  readonly front: ParetoFront;
  readonly testId: string;
  /** Shows at most this many rows, then says how many more there are and `moreHint`. */
  readonly limit?: number;
  readonly moreHint?: string;
}

/** The front's trials, best-first (see `frontRows`). */
export function ParetoFrontTable({ front, testId, limit = Number.POSITIVE_INFINITY, moreHint = '' }: ParetoFrontTableProps) {
  if (front.trials.length === 0) return <p data-testid={testId}>No succeeded trial meets every constraint with every objective yet.</p>;
  const rows = frontRows(front);
  return (
    <>
      <table class="front" data-testid={testId} data-front-size={rows.length}>
        <thead>
          <tr>
            <th>#</th>
            <th>trial</th>
            {front.objectives.map((objective, i) => (
              <th key={i}>{objectiveHeading(objective)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map((trial) => (
            <tr key={trial.trialJobId} data-testid="front-row" data-trial-id={trial.trialJobId}>
              <td>{trial.sequenceId}</td>
              <td>
                <a href={trialHref(trial.trialJobId)}>{trial.trialJobId}</a>
              </td>
              {trial.values.map((value, i) => (
                <td key={i} class="number">
                  {formatMetric(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit && (
        <p class="muted" data-testid={`${testId}-more`}>
          … and {rows.length - limit} more{moreHint === '' ? '' : ` ${moreHint}`}
        </p>
      )}
    </>
  );
}
