/** What `archspace create` and `resume` print when the experiment ends, and whether that is a failure. */
import { firstFailureReasons } from '../manager/failure-summary.js';
import type { ExperimentStatus, ParetoFront } from '../records.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { frontLines, isMultiObjective } from './front-lines.js';

/** How many trials of the Pareto front the closing summary lists (`archspace front` lists them all). */
export const SUMMARY_FRONT_TRIALS = 20;

/** A reason on one line, its middle cut when long (the end of a stderr excerpt says most). */
function oneLine(reason: string): string {
  const flat = reason.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length <= 320 ? flat : `${flat.slice(0, 110)} … ${flat.slice(-200)}`;
}

/**
 * The closing lines, and `failed` when the command must exit with a non-zero code. With `front` by
 * several objectives, they end with the front's trials and every objective value (the first
 * {@link SUMMARY_FRONT_TRIALS}); a front by one objective adds nothing.
 */
export function endSummary(id: string, status: ExperimentStatus, store: ExperimentStore, front?: ParetoFront): { text: string; failed: boolean } {
  const stats = store.trialStatistics();
  const counts = [`${stats.SUCCEEDED} succeeded`, `${stats.FAILED} failed`];
  if (stats.EARLY_STOPPED > 0) counts.push(`${stats.EARLY_STOPPED} stopped early`);
  if (stats.USER_CANCELED > 0) counts.push(`${stats.USER_CANCELED} canceled`);
  if (stats.SYS_CANCELED + stats.WAITING > 0) counts.push(`${stats.SYS_CANCELED + stats.WAITING} interrupted (a resume runs them)`);
  const lines = [`experiment ${id} ended: ${status} (trials: ${counts.join(', ')})`];
  if (stats.FAILED > 0) {
    lines.push(status === 'ERROR' ? 'no trial succeeded; the first failure reasons:' : 'the first failure reasons:');
    for (const { trialJobId, reason } of firstFailureReasons(store)) lines.push(`  trial ${trialJobId}: ${oneLine(reason)}`);
  }
  if (front !== undefined && isMultiObjective(front)) lines.push(...frontLines(front, SUMMARY_FRONT_TRIALS, `archspace front ${id} lists them all`));
  return { text: lines.join('\n'), failed: status === 'ERROR' };
}
