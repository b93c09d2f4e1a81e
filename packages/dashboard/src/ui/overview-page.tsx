/**
 * The overview: id, status, budget used against the limits with live progress bars, the best metric
 * and its trial (with several objectives, the Pareto front's trials), trial counts, and (unless
 * read-only) the controls to stop the experiment and to change its limits.
 */
import { useState } from 'preact/hooks';
import { FINISHED_STATUSES, TRIAL_STATUSES, type Overview } from '../api/api-types.js';
import { stopExperiment } from '../api/experiment-actions.js';
import { formatSeconds, formatTime, percentOf } from '../format/format.js';
import { refreshOverview } from '../live/live-store.js';
import { showsFront } from '../pareto/front-rows.js';
import { useLive, useNow } from './hooks.js';
import { LimitEditor } from './limit-editor.js';
import { OverviewBest } from './overview-best.js';
import { ParetoFrontTable } from './pareto-front-table.js';
import { StatusBadge } from './status-badge.js';
import { useParetoFront } from './use-pareto-front.js';

/** How many front trials the overview lists (the charts page lists them all). */
const OVERVIEW_FRONT_ROWS = 10;

/** How often, at most, the overview re-reads the Pareto front while trials change (ms). */
const FRONT_REREAD_MS = 3000;

const ENDED = new Set(['STOPPED', 'STOPPING', 'DONE', 'VIEWED', 'ERROR']);

/** A labelled progress bar. */
function Progress({ value, max, text, testId }: { value: number; max: number | null; text: string; testId: string }) {
  const percent = percentOf(value, max);
  return (
    <div class="progress" data-testid={testId} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
      <div class="progress-fill" style={{ width: `${max === null ? 0 : percent}%` }} />
      <span class="progress-text">{text}</span>
    </div>
  );
}

function Controls({ overview }: { overview: Overview }) {
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const done = (text: string, failed: boolean) => {
    setMessage({ text, failed });
    void refreshOverview();
  };
  const stop = async () => {
    setConfirming(false);
    try {
      await stopExperiment();
      done('Experiment stopped', false);
    } catch (error) {
      done(`Stop: ${(error as Error).message}`, true);
    }
  };
  return (
    <section class="panel controls" data-testid="overview-controls">
      <h2>Control</h2>
      <LimitEditor type="TRIAL_CONCURRENCY" label="Concurrency" testId="concurrency" current={String(overview.trialConcurrency)} placeholder="trials at once" onDone={done} />
      <LimitEditor type="MAX_TRIAL_NUM" label="Max trials" testId="max-trials" current={overview.maxTrialNumber === null ? 'unlimited' : String(overview.maxTrialNumber)} placeholder="a number" onDone={done} />
      <LimitEditor type="MAX_EXEC_DURATION" label="Max duration" testId="max-duration" current={overview.maxExperimentDuration === null ? 'unlimited' : formatSeconds(overview.maxExperimentDuration)} placeholder="seconds, 30m, 2h" onDone={done} />
      {!ENDED.has(overview.status) &&
        (confirming ? (
          <div class="row-buttons">
            <span>Stop the experiment and every running trial?</span>
            <button class="danger" data-testid="stop-experiment-confirm" onClick={() => void stop()}>
              Yes, stop
            </button>
            <button data-testid="stop-experiment-cancel" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button class="danger" data-testid="stop-experiment" onClick={() => setConfirming(true)}>
            Stop experiment
          </button>
        ))}
      {message !== null && (
        <p class={message.failed ? 'error' : 'ok'} data-testid={message.failed ? 'overview-error' : 'overview-message'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

/** The overview page. */
export function OverviewPage() {
  const live = useLive();
  const overview = live.overview;
  const running = overview?.status === 'RUNNING';
  const now = useNow(running);
  const frontRead = useParetoFront(live.dataVersion, FRONT_REREAD_MS);
  const front = frontRead.state === 'ok' ? frontRead.value : undefined;
  if (overview === null) {
    return <section class="panel">{live.overviewError === null ? 'Loading…' : <p class="error" data-testid="overview-load-error">Cannot read the experiment: {live.overviewError}</p>}</section>;
  }
  const finished = FINISHED_STATUSES.reduce((n, s) => n + (overview.trialCounts[s] ?? 0), 0);
  const elapsed = overview.execDuration + (running ? Math.max(0, now - live.overviewAt) / 1000 : 0);
  return (
    <div class="overview" data-testid="overview">
      <section class="panel">
        <h2>
          Experiment <span data-testid="overview-id">{overview.id}</span> <StatusBadge status={overview.status} testId="overview-status" />
          {overview.readOnly && (
            <span class="badge readonly" data-testid="read-only-badge">
              read-only
            </span>
          )}
        </h2>
        <dl class="facts">
          <dt>Trials done</dt>
          <dd data-testid="overview-trials-done">
            {finished} / {overview.maxTrialNumber ?? '∞'}
          </dd>
          <dt>Trials started</dt>
          <dd data-testid="overview-trials-total">{overview.totalTrials}</dd>
          <dt>Time</dt>
          <dd data-testid="overview-duration">
            {formatSeconds(elapsed)} / {overview.maxExperimentDuration === null ? '∞' : formatSeconds(overview.maxExperimentDuration)}
          </dd>
          <dt>Concurrency</dt>
          <dd data-testid="overview-concurrency">{overview.trialConcurrency}</dd>
          <OverviewBest overview={overview} front={front} />
          <dt>Tuner</dt>
          <dd>{overview.tuner ?? '—'}</dd>
          <dt>Started</dt>
          <dd>{formatTime(overview.startTime)}</dd>
          {overview.endTime !== null && (
            <>
              <dt>Ended</dt>
              <dd>{formatTime(overview.endTime)}</dd>
            </>
          )}
        </dl>
        <Progress testId="overview-progress" value={finished} max={overview.maxTrialNumber} text={overview.maxTrialNumber === null ? `${finished} trials (no limit)` : `${finished} of ${overview.maxTrialNumber} trials`} />
        <Progress testId="overview-time-progress" value={elapsed} max={overview.maxExperimentDuration} text={overview.maxExperimentDuration === null ? `${formatSeconds(elapsed)} (no time limit)` : `${formatSeconds(elapsed)} of ${formatSeconds(overview.maxExperimentDuration)}`} />
        {overview.errors.length > 0 && (
          <ul class="error" data-testid="overview-errors">
            {overview.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </section>
      {front !== undefined && showsFront(front) && (
        <section class="panel">
          <h2>Pareto front</h2>
          <ParetoFrontTable front={front} testId="overview-front" limit={OVERVIEW_FRONT_ROWS} moreHint="(all on the Charts page)" />
        </section>
      )}
      <section class="panel">
        <h2>Trials by status</h2>
        <ul class="counts" data-testid="overview-counts">
          {TRIAL_STATUSES.filter((s) => (overview.trialCounts[s] ?? 0) > 0).map((s) => (
            <li key={s}>
              <StatusBadge status={s} /> <span data-testid={`count-${s}`}>{overview.trialCounts[s]}</span>
            </li>
          ))}
        </ul>
      </section>
      {!overview.readOnly && <Controls overview={overview} />}
    </div>
  );
}
