/**
 * `GET /api/v1/archspace/events`: the dashboard's live feed as server-sent events. At connection it
 * sends an `experiment` event (the overview); then, from the manager's subscription, a `trial` event
 * (the trial's summary) for each added or changed trial, a `metric` event for each new metric, and a
 * fresh overview shortly after anything that changes counts, status or best. A comment every 15 s
 * keeps proxies from closing the connection. A read-only (viewed) experiment never changes: its
 * stream sends the overview once and stays open. The subscription ends when the client goes.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ExperimentEvent } from '../manager/experiment-events.js';
import type { DashboardSource } from './dashboard-source.js';
import { experimentOverview } from './experiment-overview.js';
import { trialSummary } from './trial-summary.js';

/** How often a keep-alive comment is sent, in ms. */
export const KEEP_ALIVE_MS = 15_000;
/** How long overview updates are gathered before one is sent, in ms. */
const OVERVIEW_DELAY_MS = 200;

/** Resolves after `ms`, or as soon as `aborted` does. */
async function pause(aborted: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([aborted, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The handler of `GET /events` over `source`.
 *
 * @example
 * ```ts
 * api.get('/events', (c) => eventStream(c, manager));
 * ```
 */
export function eventStream(c: Context, source: DashboardSource, keepAliveMs = KEEP_ALIVE_MS): Response {
  return streamSSE(c, async (stream) => {
    let open = true;
    // Writes are chained so that events leave in the order they happened.
    let queue: Promise<void> = Promise.resolve();
    const send = (event: string, data: () => unknown): void => {
      queue = queue.then(async () => {
        if (!open || stream.aborted || stream.closed) return;
        try {
          await stream.writeSSE({ event, data: JSON.stringify(data()) });
        } catch {
          open = false; // the store closed, or the client went: the loop below ends the stream
        }
      });
    };
    let overviewTimer: NodeJS.Timeout | undefined;
    const sendOverviewSoon = (): void => {
      overviewTimer ??= setTimeout(() => {
        overviewTimer = undefined;
        send('experiment', () => experimentOverview(source));
      }, OVERVIEW_DELAY_MS);
    };
    const onEvent = (event: ExperimentEvent): void => {
      if (event.kind === 'metric') {
        send('metric', () => ({ trialJobId: event.trialJobId, type: event.type, sequence: event.sequence, value: event.value }));
        return;
      }
      if (event.kind === 'trial') {
        // Read now, so the event shows the trial as this change left it.
        const now = Date.now();
        let summary: unknown;
        try {
          const row = source.store.trialPage({ trialJobId: event.trialJobId, limit: 1, now }).trials[0];
          summary = row === undefined ? { trialJobId: event.trialJobId } : trialSummary(row, now);
        } catch {
          return; // the store is closing
        }
        send('trial', () => summary);
      }
      sendOverviewSoon();
    };
    const unsubscribe = source.readOnly ? () => {} : source.subscribe(onEvent);
    const aborted = new Promise<void>((resolve) => stream.onAbort(resolve));
    c.req.raw.signal.addEventListener('abort', () => stream.abort(), { once: true });
    try {
      send('experiment', () => experimentOverview(source));
      while (open && !stream.aborted && !stream.closed) {
        await pause(aborted, keepAliveMs);
        if (!open || stream.aborted || stream.closed) break;
        queue = queue.then(() => stream.write(': keep-alive\n\n').then(() => undefined)).catch(() => {
          open = false;
        });
        await queue;
      }
    } finally {
      unsubscribe();
      clearTimeout(overviewTimer);
    }
  });
}
