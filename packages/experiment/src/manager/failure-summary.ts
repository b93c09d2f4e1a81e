/** What an experiment whose trials all failed says about it: how many, and the first distinct reasons. */
import type { ExperimentStore } from '../store/experiment-store.js';

/** How many distinct failure reasons the summary quotes. */
const REASONS_QUOTED = 3;

/**
 * The first distinct failure reasons of the experiment's FAILED trials, in sequence order (at most
 * `limit`), each with the id of the first trial that gave it.
 */
export function firstFailureReasons(store: ExperimentStore, limit = REASONS_QUOTED): { trialJobId: string; reason: string }[] {
  const reasons: { trialJobId: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (let offset = 0; reasons.length < limit; offset += 100) {
    const page = store.listTrials({ status: 'FAILED', offset, limit: 100 });
    if (page.length === 0) break;
    for (const trial of page) {
      const reason = trial.message ?? 'no reason was recorded';
      // Reasons that differ only in numbers (times, pids, values) count as one.
      const key = reason.replace(/\d+(\.\d+)?/g, '#');
      if (seen.has(key)) continue;
      seen.add(key);
      reasons.push({ trialJobId: trial.trialJobId, reason });
      if (reasons.length === limit) break;
    }
  }
  return reasons;
}

/** The error of an experiment in which no trial succeeded: `"all 20 trials failed; first reasons: …"`. */
export function allTrialsFailedMessage(store: ExperimentStore): string {
  const failed = store.countTrials('FAILED');
  const total = store.countTrials();
  const reasons = firstFailureReasons(store).map((r) => `[trial ${r.trialJobId}] ${r.reason}`);
  const head = failed === total ? `all ${failed} trials failed` : `no trial succeeded (${failed} of ${total} failed)`;
  return `${head}; first reasons: ${reasons.join(' | ')}`;
}
