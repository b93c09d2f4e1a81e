/** Two to four trials side by side: their parameters in one table and their curves on one chart. */
import { useMemo } from 'preact/hooks';
import { ApiError, getArchspace } from '../api/api-client.js';
import type { TrialDetail } from '../api/api-types.js';
import { curvesOption } from '../charts/chart-options.js';
import { formatDuration, formatMetric, formatValue } from '../format/format.js';
import { trialHref } from '../routing/route.js';
import { Chart } from './chart.js';
import { useLive, useLoad } from './hooks.js';
import { StatusBadge } from './status-badge.js';

/** Each id's trial, or `null` when the experiment has no such trial. */
async function loadTrials(ids: readonly string[], signal: AbortSignal): Promise<(TrialDetail | null)[]> {
  return Promise.all(
    ids.map((id) =>
      getArchspace<TrialDetail>(`trials/${encodeURIComponent(id)}`, signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    ),
  );
}

/** The compare page for `ids`. */
export function ComparePage({ ids }: { readonly ids: readonly string[] }) {
  const live = useLive();
  const loaded = useLoad((signal) => loadTrials(ids, signal), [ids.join(','), live.dataVersion]);
  const trials = loaded.state === 'ok' ? loaded.value.filter((t): t is TrialDetail => t !== null) : [];
  const curves = useMemo(() => curvesOption(Object.fromEntries(trials.map((t) => [t.trialJobId, t.intermediate]))), [loaded]);
  if (ids.length < 2) {
    return (
      <section class="panel" data-testid="compare">
        <p>Select two to four trials in the <a href="#/trials">trials table</a> to compare them.</p>
      </section>
    );
  }
  if (loaded.state === 'loading') return <section class="panel">Loading…</section>;
  if (loaded.state === 'error') return <section class="panel error">{loaded.error.message}</section>;
  const missing = ids.filter((_, i) => loaded.value[i] === null);
  const labels = [...new Set(trials.flatMap((t) => Object.keys(t.parameters)))];
  return (
    <div class="compare-page" data-testid="compare">
      {missing.length > 0 && (
        <p class="error panel" data-testid="compare-missing">
          No trial {missing.join(', ')} in this experiment.
        </p>
      )}
      <section class="panel">
        <h2>Parameters</h2>
        <table class="params compare" data-testid="compare-table">
          <thead>
            <tr>
              <th />
              {trials.map((t) => (
                <th key={t.trialJobId}>
                  <a href={trialHref(t.trialJobId)}>{t.trialJobId}</a> <StatusBadge status={t.status} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>metric</th>
              {trials.map((t) => (
                <td key={t.trialJobId}>{formatMetric(t.metric)}</td>
              ))}
            </tr>
            <tr>
              <th>duration</th>
              {trials.map((t) => (
                <td key={t.trialJobId}>{formatDuration(t.duration)}</td>
              ))}
            </tr>
            {labels.map((label) => {
              const texts = trials.map((t) => formatValue(Object.hasOwn(t.parameters, label) ? t.parameters[label] : undefined, 200));
              const differs = new Set(texts).size > 1;
              return (
                <tr key={label} class={differs ? 'differs' : ''}>
                  <th>{label}</th>
                  {texts.map((text, i) => (
                    <td key={trials[i]!.trialJobId}>
                      <code>{text}</code>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>Intermediate results</h2>
        <Chart option={curves} testId="compare-curves" />
      </section>
    </div>
  );
}
