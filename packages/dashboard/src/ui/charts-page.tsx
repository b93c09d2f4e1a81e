/**
 * The charts: metric over trials (scatter and best-so-far line), all intermediate curves overlaid,
 * parallel coordinates over labels → metric, and parameter importance. Re-read at most every 5 s
 * while trials change.
 */
import { useMemo } from 'preact/hooks';
import { getArchspace } from '../api/api-client.js';
import type { Importance, IntermediateByTrial, TrialColumns } from '../api/api-types.js';
import { curvesOption, importanceOption, parallelOption, scatterOption } from '../charts/chart-options.js';
import { trialHref } from '../routing/route.js';
import { Chart } from './chart.js';
import { useDebounced, useLive, useLoad, type Loaded } from './hooks.js';

function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => preact.ComponentChild }) {
  if (loaded.state === 'loading') return <p>Loading…</p>;
  if (loaded.state === 'error') return <p class="error">{loaded.error.message}</p>;
  return <>{children(loaded.value)}</>;
}

const openTrial = ({ trialJobId }: { trialJobId?: string }) => {
  if (trialJobId !== undefined) window.location.hash = trialHref(trialJobId);
};

/** The charts page. */
export function ChartsPage() {
  const live = useLive();
  const version = useDebounced(live.dataVersion, 5000);
  const mode = live.overview?.optimizeMode ?? 'maximize';
  const labels = live.overview?.labels ?? [];
  const columns = useLoad(() => getArchspace<TrialColumns>('trial-columns'), [version]);
  const curves = useLoad(() => getArchspace<IntermediateByTrial>('intermediate?limit=200'), [version]);
  const importance = useLoad(() => getArchspace<Importance>('importance'), [version]);
  const scatter = useMemo(() => (columns.state === 'ok' ? scatterOption(columns.value, mode) : undefined), [columns, mode]);
  const parallel = useMemo(() => (columns.state === 'ok' ? parallelOption(columns.value, labels) : undefined), [columns, labels.join('\u0000')]);
  const lines = useMemo(() => (curves.state === 'ok' ? curvesOption(curves.value) : undefined), [curves]);
  const bars = useMemo(() => (importance.state === 'ok' ? importanceOption(importance.value) : undefined), [importance]);
  return (
    <div class="charts">
      <section class="panel">
        <h2>Metric over trials</h2>
        <Loading loaded={columns}>{() => <Chart option={scatter!} testId="chart-scatter" onItemClick={openTrial} />}</Loading>
      </section>
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
