/**
 * One trial: its parameters, its intermediate metrics as a curve, the tail of its stdout and stderr,
 * for a NAS trial its architecture, and a kill button while it runs. An unknown id shows a
 * not-found page.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getArchspace } from '../api/api-client.js';
import type { TrialDetail } from '../api/api-types.js';
import { killTrial } from '../api/experiment-actions.js';
import { curvesOption } from '../charts/chart-options.js';
import { formatDuration, formatMetric, formatTime } from '../format/format.js';
import { modelIrOf } from '../graph/ir-graph.js';
import { ArchitectureGraph } from './architecture-graph.js';
import { Chart } from './chart.js';
import { useLive, useLoad } from './hooks.js';
import { LogTail } from './log-tail.js';
import { NotFound } from './not-found.js';
import { ParametersTable } from './parameters-table.js';
import { StatusBadge } from './status-badge.js';

/** The parameters to list: the sample, or what the trial received without its model. */
function shownParameters(trial: TrialDetail): Readonly<Record<string, unknown>> {
  if (Object.keys(trial.parameters).length > 0) return trial.parameters;
  return Object.fromEntries(Object.entries(trial.trialParameters).filter(([key]) => key !== 'model'));
}

function KillButton({ trial, onDone }: { trial: TrialDetail; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const kill = async () => {
    setBusy(true);
    try {
      await killTrial(trial.trialJobId);
      onDone(`Kill of trial ${trial.trialJobId} requested`);
    } catch (error) {
      onDone(`Kill failed: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button class="danger" data-testid="kill-trial" disabled={busy} onClick={() => void kill()}>
      Kill trial
    </button>
  );
}

/** The page of trial `id`. */
export function TrialPage({ id }: { readonly id: string }) {
  const live = useLive();
  const [refresh, setRefresh] = useState(0);
  const [killMessage, setKillMessage] = useState<string | null>(null);
  // Re-read when an event touched this trial (not on every other trial's news).
  const seen = useRef({ id, version: 0 });
  if (seen.current.id !== id) seen.current = { id, version: 0 };
  if (live.touched.has(id)) seen.current.version = live.dataVersion;
  const version = seen.current.version;
  const loaded = useLoad((signal) => getArchspace<TrialDetail>(`trials/${encodeURIComponent(id)}`, signal), [id, version, refresh]);
  const trial = loaded.state === 'ok' ? loaded.value : undefined;
  const curve = useMemo(() => (trial === undefined ? undefined : curvesOption({ [trial.trialJobId]: trial.intermediate })), [trial]);
  const model = useMemo(() => (trial === undefined ? undefined : modelIrOf(trial.trialParameters)), [trial?.trialParameters]);
  if (loaded.state === 'loading') return <section class="panel">Loading trial {id}…</section>;
  if (loaded.state === 'error') {
    if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFound message={`No trial ${id} in this experiment.`} />;
    return (
      <section class="panel">
        <p class="error" data-testid="trial-error">
          Cannot read trial {id}: {loaded.error.message}
        </p>
      </section>
    );
  }
  const t = loaded.value;
  const canKill = live.overview !== null && !live.overview.readOnly && (t.status === 'RUNNING' || t.status === 'WAITING');
  return (
    <div class="trial" data-testid="trial-detail" data-trial-id={t.trialJobId}>
      <section class="panel">
        <h2>
          Trial <span data-testid="trial-id">{t.trialJobId}</span> (#{t.sequenceId}) <StatusBadge status={t.status} testId="trial-status" /> {canKill && (
            <KillButton
              trial={t}
              onDone={(message) => {
                setKillMessage(message);
                setRefresh((n) => n + 1);
              }}
            />
          )}{' '}
          {killMessage !== null && (
            <span class="kill-message" data-testid="kill-message">
              {killMessage}
            </span>
          )}
        </h2>
        <dl class="facts">
          <dt>Final metric</dt>
          <dd data-testid="trial-metric">{formatMetric(t.metric)}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(t.duration)}</dd>
          <dt>Started</dt>
          <dd>{formatTime(t.startTime)}</dd>
          <dt>Ended</dt>
          <dd>{formatTime(t.endTime)}</dd>
          {t.message !== null && (
            <>
              <dt>Message</dt>
              <dd data-testid="trial-message">{t.message}</dd>
            </>
          )}
          {t.final !== null && typeof t.final.data === 'object' && t.final.data !== null && (
            <>
              <dt>Final data</dt>
              <dd>
                <code>{JSON.stringify(t.final.data)}</code>
              </dd>
            </>
          )}
          {t.logPath !== null && (
            <>
              <dt>Folder</dt>
              <dd>
                <code>{t.logPath}</code>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section class="panel">
        <h2>Parameters</h2>
        <ParametersTable parameters={shownParameters(t)} testId="trial-parameters" />
      </section>
      <section class="panel">
        <h2>Intermediate metrics ({t.intermediate.length})</h2>
        {curve !== undefined && <Chart option={curve} testId="metric-curve" height={260} />}
      </section>
      {model !== undefined && (
        <section class="panel">
          <h2>Architecture</h2>
          <ArchitectureGraph ir={model} />
        </section>
      )}
      <section class="panel logs">
        <LogTail trialJobId={t.trialJobId} file="stdout" version={version + refresh} />
        <LogTail trialJobId={t.trialJobId} file="stderr" version={version + refresh} />
      </section>
    </div>
  );
}
