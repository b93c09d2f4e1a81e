/**
 * Waiting for a starting experiment's REST server: the reference gives up after one 20 s request and
 * users see "connection refused" while the manager is still starting (reference §10 #4). This polls
 * `GET /check-status` until the server answers, retrying refused connections, up to a deadline.
 */
import type { ManagerStatus } from '../records.js';
import { ExperimentClientError } from './client-error.js';
import { RestClient, type TransportOptions } from './rest-client.js';

/** Options of `waitForReady`. */
export interface WaitForReadyOptions extends Pick<TransportOptions, 'token'> {
  /** How long to keep trying, in ms. Default 60,000. */
  readonly readyTimeoutMs?: number;
  /** The pause between two attempts, in ms. Default 200. */
  readonly pollIntervalMs?: number;
  /** Stops waiting early. */
  readonly signal?: AbortSignal;
}

/** Failures that mean "not up yet": try again. Anything else (401, 404 …) is final. */
const NOT_YET = new Set(['connection-failed', 'request-timeout', 'malformed-response', 'http-502', 'http-503', 'http-504']);

/**
 * Resolves with the manager's status once `{endpoint}/api/v1/nni/check-status` answers with JSON;
 * rejects with `ExperimentClientError` `not-ready` after `readyTimeoutMs`, or at once on an answer
 * that waiting cannot fix (a wrong token, an unknown path).
 *
 * @example
 * ```ts
 * await waitForReady('http://127.0.0.1:8080', { readyTimeoutMs: 120_000 });
 * ```
 */
export async function waitForReady(endpoint: string, options: WaitForReadyOptions = {}): Promise<ManagerStatus> {
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const interval = options.pollIntervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let last: ExperimentClientError | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const remaining = deadline - Date.now();
    const rest = new RestClient(endpoint, { ...(options.token === undefined ? {} : { token: options.token }), timeoutMs: Math.max(1, Math.min(remaining, 10_000)), retries: 0 });
    try {
      return await rest.request<ManagerStatus>('GET', '/check-status');
    } catch (error) {
      if (!(error instanceof ExperimentClientError) || !NOT_YET.has(error.code)) throw error;
      last = error;
    }
    if (Date.now() + interval > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new ExperimentClientError({
    code: 'not-ready',
    message: `The experiment at ${endpoint} did not answer within ${timeoutMs} ms (last: ${last?.message ?? 'no attempt'}); raise readyTimeoutMs if it starts slowly`,
  });
}
