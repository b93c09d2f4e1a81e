/**
 * The experiment's server-sent events (`GET /api/v1/archspace/events`), read with `fetch` so the
 * token can travel in the `Authorization` header, and parsed by `eventsource-parser`. A dropped
 * connection is opened again after a growing pause (1 s … 15 s); `onReconnect` then tells the views
 * to re-read what they show.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { send } from '../api/api-client.js';
import { archspacePath } from '../api/api-base.js';
import type { MetricEvent, Overview, TrialSummary } from '../api/api-types.js';

/** What the stream tells. */
export interface EventHandlers {
  readonly onExperiment: (overview: Overview) => void;
  readonly onTrial: (trial: TrialSummary) => void;
  readonly onMetric: (metric: MetricEvent) => void;
  /** The stream is open again after a break: what was shown may be stale. */
  readonly onReconnect: () => void;
  readonly onConnected: (connected: boolean) => void;
}

/** The pause before reconnection attempt `attempt` (0, 1, 2 …), in ms. */
export function reconnectDelay(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
}

/** Opens the stream and keeps it open until the returned function is called. */
export function connectEvents(handlers: EventHandlers): () => void {
  const abort = new AbortController();
  void (async () => {
    let failures = 0;
    let opened = false;
    while (!abort.signal.aborted) {
      try {
        const response = await send(archspacePath(window.location.pathname, 'events'), { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
        if (response.body === null) throw new Error('the event stream has no body');
        handlers.onConnected(true);
        if (opened) handlers.onReconnect();
        opened = true;
        failures = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          dispatch(handlers, value.event, value.data);
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        console.warn('archspace: event stream interrupted', error);
      }
      handlers.onConnected(false);
      await new Promise((resolve) => setTimeout(resolve, reconnectDelay(failures++)));
    }
  })();
  return () => abort.abort();
}

function dispatch(handlers: EventHandlers, event: string | undefined, data: string): void {
  let body: unknown;
  try {
    body = JSON.parse(data) as unknown;
  } catch {
    return;
  }
  if (event === 'experiment') handlers.onExperiment(body as Overview);
  else if (event === 'trial') handlers.onTrial(body as TrialSummary);
  else if (event === 'metric') handlers.onMetric(body as MetricEvent);
}
