/**
 * The live progress line of a running experiment: trials done, running and failed, and the best
 * metric so far. On a terminal it rewrites one line; elsewhere it prints a line when something
 * changed.
 */
import type { ExperimentManager } from '../manager/experiment-manager.js';
import { metricValue } from '../manager/api-views.js';

/** The current summary of an experiment, as one line. */
export function progressText(manager: ExperimentManager): string {
  const stats = manager.store.trialStatistics();
  const done = stats.SUCCEEDED + stats.FAILED + stats.EARLY_STOPPED + stats.USER_CANCELED;
  const minimize = manager.direction === 'minimize';
  let best: number | undefined;
  for (const metric of manager.store.finalMetrics()) {
    const value = metricValue(metric.data);
    if (value === undefined) continue;
    if (best === undefined || (minimize ? value < best : value > best)) best = value;
  }
  const profile = manager.profile();
  const max = profile.params['maxTrialNumber'];
  const total = typeof max === 'number' ? `/${max}` : '';
  return (
    `${profile.id} ${manager.status().status}: ${done}${total} done, ${stats.RUNNING + stats.WAITING} running, ` +
    `${stats.FAILED} failed${stats.EARLY_STOPPED ? `, ${stats.EARLY_STOPPED} stopped early` : ''} | best ${best === undefined ? '-' : best.toPrecision(6)} | ${Math.round(profile.execDuration)} s`
  );
}

/** Prints the progress line every `intervalMs` until the returned function is called. */
export function showProgress(manager: ExperimentManager, write: (text: string) => void = (t) => process.stderr.write(t), intervalMs = 500): () => void {
  const tty = Boolean(process.stderr.isTTY);
  let last = '';
  const tick = () => {
    const text = progressText(manager);
    if (text === last) return;
    last = text;
    write(tty ? `\r${text}\x1b[K` : `${text}\n`);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => {
    clearInterval(timer);
    tick();
    if (tty) write('\n');
  };
}
