/**
 * `GET /api/v1/archspace/events` over a real manager running quick trials: the overview at
 * connection, a `metric` event per metric, a `trial` event when a trial finishes, and the manager's
 * subscription released when the client hangs up. A viewed experiment sends its overview once.
 */
import { GridSearch } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { ExperimentManager } from '../manager/experiment-manager.js';
import { managerFixture } from '../manager/test-support/manager-fixture.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { startRestServer } from './rest-server.js';

interface ServerEvent {
  readonly event: string;
  readonly data: any;
}

/** Reads server-sent events from `url` until `until` says so (or the time is up); then hangs up. */
async function readEvents(url: string, until: (events: ServerEvent[]) => boolean, timeoutMs = 10_000): Promise<{ events: ServerEvent[]; contentType: string | null }> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: ServerEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events) && Date.now() < deadline) {
      const step = await Promise.race([reader.read(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())))]);
      if (step === 'timeout' || step.done) break;
      buffer += decoder.decode(step.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (event !== undefined) events.push({ event, data: JSON.parse(data) });
      }
    }
  } finally {
    abort.abort();
    await reader.cancel().catch(() => {});
  }
  return { events, contentType: res.headers.get('content-type') };
}

describe('GET /api/v1/archspace/events', () => {
  it('streams the overview, each metric and each finished trial, and unsubscribes when the client goes', async () => {
    const fixture = managerFixture(`out('PERIODICAL', 0, x / 2);\nawait sleep(150);\nout('FINAL', 0, { default: x * 10 });`, { xs: [1, 2], sqlite: true, settings: { trialConcurrency: 1, maxTrialNumber: 2 } });
    const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
    let listeners = 0;
    const subscribe = manager.subscribe.bind(manager);
    manager.subscribe = (listener) => {
      listeners++;
      const unsubscribe = subscribe(listener);
      return () => {
        listeners--;
        unsubscribe();
      };
    };
    const server = await startRestServer(manager);
    try {
      let done: Promise<unknown> | undefined;
      const { events, contentType } = await readEvents(`${server.url}/api/v1/archspace/events`, (seen) => {
        if (seen.length > 0) done ??= manager.run();
        return seen.filter((e) => e.event === 'trial' && e.data.status === 'SUCCEEDED').length >= 2 && seen.some((e) => e.event === 'experiment' && e.data.best?.metric === 20);
      });
      expect(contentType).toMatch(/^text\/event-stream/);
      expect(events[0]).toMatchObject({ event: 'experiment', data: { id: 'fixture', readOnly: false, totalTrials: 0, best: null } });
      const finished = events.filter((e) => e.event === 'trial' && e.data.status === 'SUCCEEDED').map((e) => e.data);
      expect(finished.map((t) => [t.parameters.x, t.metric]).sort()).toEqual([
        [1, 10],
        [2, 20],
      ]);
      expect(finished[0]).toMatchObject({ sequenceId: expect.any(Number), endTime: expect.any(Number), duration: expect.any(Number), message: null });
      const metrics = events.filter((e) => e.event === 'metric').map((e) => e.data);
      expect(metrics).toContainEqual({ trialJobId: finished[0].trialJobId, type: 'FINAL', sequence: 0, value: finished[0].metric });
      expect(metrics.filter((m) => m.type === 'PERIODICAL').map((m) => m.value).sort()).toEqual([0.5, 1]);
      expect(events.some((e) => e.event === 'trial' && e.data.status === 'RUNNING')).toBe(true);
      await done;
      // The client hung up: its subscription goes with it.
      for (let i = 0; i < 50 && listeners > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(listeners).toBe(0);
    } finally {
      await server.close();
      manager.close();
      fixture.store.close();
    }
  }, 20_000);

  it('sends a viewed experiment’s overview once and stays open', async () => {
    const fixture = managerFixture('', { sqlite: true });
    ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() }).close();
    fixture.store.close();
    const store = SqliteStore.open(`${fixture.dir}/experiment.db`, { readonly: true });
    const viewed = ExperimentManager.open('view', fixture.settings, { store, space: fixture.space, strategy: new GridSearch() });
    const server = await startRestServer(viewed);
    try {
      const started = Date.now();
      const { events } = await readEvents(`${server.url}/api/v1/archspace/events`, () => false, 600);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550); // still open when the client gave up
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event: 'experiment', data: { readOnly: true, status: 'VIEWED' } });
    } finally {
      await server.close();
      viewed.close();
      store.close();
    }
  });
});
