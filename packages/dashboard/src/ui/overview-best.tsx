/**
 * The overview's results: the best metric and its trial; with one objective named in the config, the
 * best value of that objective in its direction; with several, the Pareto front's size (the page
 * lists its trials in a panel of its own).
 */
import type { Overview, ParetoFront } from '../api/api-types.js';
import { formatMetric } from '../format/format.js';
import { frontRows, objectiveHeading, showsFront } from '../pareto/front-rows.js';
import { trialHref } from '../routing/route.js';

/** A best value and the link to its trial. */
function BestValue({ value, trialJobId, sequenceId }: { value: number; trialJobId: string; sequenceId: number }) {
  return (
    <>
      {formatMetric(value)} — trial{' '}
      <a href={trialHref(trialJobId)} data-testid="overview-best-link">
        #{sequenceId} ({trialJobId})
      </a>
    </>
  );
}

/**
 * The `<dt>`/`<dd>` pairs of the results. `front` is the Pareto front once read (undefined before):
 * until then, and when the config names no objectives, the overview's best.
 */
export function OverviewBest({ overview, front }: { overview: Overview; front: ParetoFront | undefined }) {
  if (front !== undefined && showsFront(front)) {
    return (
      <>
        <dt>Pareto front</dt>
        <dd data-testid="overview-front-size">
          {front.trials.length} {front.trials.length === 1 ? 'trial' : 'trials'} by {front.objectives.map(objectiveHeading).join(', ')}
        </dd>
      </>
    );
  }
  if (front !== undefined && front.configured) {
    const objective = front.objectives[0]!;
    const best = frontRows(front)[0];
    return (
      <>
        <dt>
          Best {objective.name} ({objective.direction})
        </dt>
        <dd data-testid="overview-best">{best === undefined ? 'none yet' : <BestValue value={best.values[0]!} trialJobId={best.trialJobId} sequenceId={best.sequenceId} />}</dd>
      </>
    );
  }
  return (
    <>
      <dt>Best metric ({overview.optimizeMode})</dt>
      <dd data-testid="overview-best">{overview.best === null ? 'none yet' : <BestValue value={overview.best.metric} trialJobId={overview.best.trialJobId} sequenceId={overview.best.sequenceId} />}</dd>
    </>
  );
}
