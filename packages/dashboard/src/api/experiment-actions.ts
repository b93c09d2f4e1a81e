/** The writes the dashboard offers: change a limit, stop the experiment, kill a trial. */
import { getNni, writeNni } from './api-client.js';

/** A limit the overview can change, by the `update_type` that changes it. */
export type LimitUpdate = 'TRIAL_CONCURRENCY' | 'MAX_TRIAL_NUM' | 'MAX_EXEC_DURATION';

/** The profile key under `params` that each update changes. */
export const LIMIT_KEYS: Readonly<Record<LimitUpdate, string>> = {
  TRIAL_CONCURRENCY: 'trialConcurrency',
  MAX_TRIAL_NUM: 'maxTrialNumber',
  MAX_EXEC_DURATION: 'maxExperimentDuration',
};

/**
 * Sets one limit: reads the profile, changes `params[key]` and sends the whole profile back with
 * `PUT /experiment?update_type=…`, as the reference's client does. The server checks the value.
 */
export async function updateLimit(type: LimitUpdate, value: number | string): Promise<void> {
  const profile = await getNni<{ params: Record<string, unknown> } & Record<string, unknown>>('experiment');
  const body = { ...profile, params: { ...profile.params, [LIMIT_KEYS[type]]: value } };
  await writeNni('PUT', `experiment?update_type=${type}`, body);
}

/** Stops the experiment (`DELETE /experiment`). */
export function stopExperiment(): Promise<void> {
  return writeNni('DELETE', 'experiment');
}

/** Kills a trial (`DELETE /trial-jobs/:id`). */
export function killTrial(trialJobId: string): Promise<void> {
  return writeNni('DELETE', `trial-jobs/${encodeURIComponent(trialJobId)}`);
}

/**
 * A limit as typed in its field: a positive integer for counts; for the duration a number of
 * seconds or a number with a unit (`30m`, `1.5h`), which the server reads. `undefined` when the text
 * cannot be one.
 */
export function parseLimit(type: LimitUpdate, text: string): number | string | undefined {
  const trimmed = text.trim();
  if (type === 'MAX_EXEC_DURATION') {
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) > 0 ? Number(trimmed) : undefined;
    return /^\d+(\.\d+)?\s*[smhd]$/i.test(trimmed) ? trimmed.replace(/\s+/g, '') : undefined;
  }
  const n = Number(trimmed);
  return /^\d+$/.test(trimmed) && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
