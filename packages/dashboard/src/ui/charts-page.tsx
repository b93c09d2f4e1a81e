/**
 * The charts: metric over trials (scatter and best-so-far line; with objectives in the config, the
 * first objective in its direction), with several objectives the Pareto front (the trials by the first
 * two objectives, the front highlighted, and the front's table), all intermediate curves overlaid,
 * parallel coordinates over labels → metric, and parameter importance. Re-read at most every 5 s
 * while trials change.
 */
import { useMemo } from 'preact/hooks';
import { getArchspace } from '../api/api-client.js';
import type { ExportedTrial, Importance, IntermediateByTrial, ParetoFront, TrialColumns } from '../api/api-types.js';
import { curvesOption, importanceOption, parallelOption, scatterOption } from '../charts/chart-options.js';
import { showsFront } from '../pareto/front-rows.js';
import { objectiveColumns, objectivePoints } from '../pareto/objective-points.js';
import { paretoOption } from '../pareto/pareto-option.js';
import { trialHref } from '../routing/route.js';
import { Chart } from './chart.js';
import { useDebounced, useLive, useLoad, type Loaded } from './hooks.js';
import { ParetoFrontTable } from './pareto-front-table.js';
import { useParetoFront } from './use-pareto-front.js';

function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => preact.ComponentChild }) {
  if (loaded.state === 'loading') return <p>Loading…</p>;
  if (loaded.state === 'error') return <p class="error">{loaded.error.message}</p>;
  return <>{children(loaded.value)}</>;
}

const openTrial = ({ trialJobId }: { trialJobId?: string }) => {
  if (trialJobId !== undefined) window.location.hash = trialHref(trialJobId);
};

/** The metric-over-trials chart: the first objective's values when the config names objectives (once they are read), else the metric. */
function metricScatter(columns: TrialColumns, mode: 'maximize' | 'minimize', front: ParetoFront | undefined, exported: Loaded<readonly ExportedTrial[]>) {
  if (front === undefined || !front.configured || exported.state !== 'ok') return scatterOption(columns, mode);
  const first = front.objectives[0]!;
  return scatterOption(objectiveColumns(columns, exported.value, first.name), first.direction, first.name);
}

/** The Pareto panel: the chart of the first two objectives and the front's table. */
function ParetoPanel({ front, exported }: { front: ParetoFront; exported: Loaded<readonly ExportedTrial[]> }) {
  const option = useMemo(() => (exported.state === 'ok' ? paretoOption(objectivePoints(exported.value, front), front) : undefined), [exported, front]);
  return (
    <section class="panel">
      <h2>Pareto front ({front.trials.length} {front.trials.length === 1 ? 'trial' : 'trials'})</h2>
      <Loading loaded={exported}>{() => <Chart option={option!} testId="chart-pareto" height={380} onItemClick={openTrial} />}</Loading>
      <ParetoFrontTable front={front} testId="pareto-table" />
    </section>
  );
}

/** The charts page. */
export function ChartsPage() {
  const live = useLive();
  const version = useDebounced(live.dataVersion, 5000);
  const mode = live.overview?.optimizeMode ?? 'maximize';
  const labels = live.overview?.labels ?? [];
  const columns = useLoad(() => getArchspace<TrialColumns>('trial-columns'), [version]);
  const frontRead = useParetoFront(version);
  const front = frontRead.state === 'ok' ? frontRead.value : undefined;
  const configured = front?.configured === true;
  const exported = useLoad((signal) => (configured ? getArchspace<readonly ExportedTrial[]>('export-data', signal) : Promise.resolve([])), [version, configured]);
  const curves = useLoad(() => getArchspace<IntermediateByTrial>('intermediate?limit=200'), [version]);
  const importance = useLoad(() => getArchspace<Importance>('importance'), [version]);
  const scatter = useMemo(() => (columns.state === 'ok' ? metricScatter(columns.value, mode, front, exported) : undefined), [columns, mode, front, exported]);
  const parallel = useMemo(() => (columns.state === 'ok' ? parallelOption(columns.value, labels) : undefined), [columns, labels.join('\u0000')]);
  const lines = useMemo(() => (curves.state === 'ok' ? curvesOption(curves.value) : undefined), [curves]);
  const bars = useMemo(() => (importance.state === 'ok' ? importanceOption(importance.value) : undefined), [importance]);
  return (
    <div class="charts">
      <section class="panel">
        <h2>{configured ? `${front!.objectives[0]!.name} over trials` : 'Metric over trials'}</h2>
        <Loading loaded={columns}>{() => <Chart option={scatter!} testId="chart-scatter" onItemClick={openTrial} />}</Loading>
      </section>
      {front !== undefined && showsFront(front) && <ParetoPanel front={front} exported={exported} />}
      <section class="panel">
        <h2>Intermediate results (latest {curves.state === 'ok' ? Object.keys(curves.value).length : '…'} trials)</h2>
        <Loading loaded={curves}>{() => <Chart option={lines!} testId="chart-curves" onItemClick={({ seriesName }) => openTrial(seriesName === undefined ? {} : { trialJobId: seriesName })} />}</Loading>
      </section>
      <section class="panel">
        <h2>Parameters → metric</h2>
        <Loading loaded={columns}>{() => (labels.length === 0 ? <p>No labels yet.</p> : <Chart option={parallel!} testId="chart-parallel" height={380} />)}</Loading>
      </section>
      <section class="panel">
        <h2>Parameter importance</h2>
        <Loading loaded={importance}>
          {(value) => (
            <>
              <p data-testid="importance-method">Method: {value.method}</p>
              <Chart option={bars!} testId="chart-importance" height={Math.max(160, 40 + value.importances.length * 28)} />
            </>
          )}
        </Loading>
      </section>
    </div>
  );
}
