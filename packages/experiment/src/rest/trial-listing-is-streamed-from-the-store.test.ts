/**
 * `GET /trial-jobs` over a real manager streams the store's listing slice by slice (never one whole
 * string), and its bytes are exactly `JSON.stringify(listTrialJobs())` — with and without `?status=`,
 * for an empty listing, one slice, and several.
 */
import { Random } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { ExperimentManager } from '../manager/experiment-manager.js';
import { managerFixture } from '../manager/test-support/manager-fixture.js';
import { TRIAL_JOB_STATUSES } from '../records.js';
import { jsonArraySlicesBody } from './json-array.js';
import { startRestServer } from './rest-server.js';

async function bodyText(body: Buffer | ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body as ConstructorParameters<typeof Response>[0]).text();
}

describe('jsonArraySlicesBody', () => {
  it('joins slices into one JSON array, whatever their sizes', async () => {
    const b = (...texts: string[]) => texts.map((t) => Buffer.from(t));
    expect(await bodyText(jsonArraySlicesBody([]))).toBe('[]');
    expect(await bodyText(jsonArraySlicesBody(b('', '')))).toBe('[]');
    expect(await bodyText(jsonArraySlicesBody(b('1')))).toBe('[1]');
    expect(await bodyText(jsonArraySlicesBody(b('', '1,2', '', '{"a":"é"}', '4')))).toBe('[1,2,{"a":"é"},4]');
    expect(jsonArraySlicesBody(b('1', '2', '3'))).toBeInstanceOf(ReadableStream);
  });

  it('reads a slice only when the client takes the bytes (one ahead), and stops reading when it hangs up', async () => {
    let read = 0;
    function* slices(): Generator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        read++;
        yield Buffer.from(String(i));
      }
    }
    const body = jsonArraySlicesBody(slices()) as ReadableStream<Uint8Array>;
    expect(read).toBe(2);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    expect(read).toBeLessThan(6);
  });
});

describe('GET /trial-jobs over a real manager', () => {
  it('answers exactly JSON.stringify(listTrialJobs()), streamed in slices', async () => {
    const fixture = managerFixture('', { sqlite: true });
    const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new Random() });
    const server = await startRestServer(manager);
    try {
      const url = `${server.url}/api/v1/nni/trial-jobs`;
      expect(await (await fetch(url)).text()).toBe('[]');
      const store = fixture.store;
      store.transaction(() => {
        for (let i = 0; i < 9000; i++) {
          const trialJobId = `t${i}`;
          const status = TRIAL_JOB_STATUSES[i % TRIAL_JOB_STATUSES.length]!;
          store.insertTrial({ trialJobId, sequenceId: i, status, parameterId: i, parameters: { x: i, name: `n${i}"é` }, sample: { x: i }, startTime: 1000 + i, ...(i % 3 === 0 ? { endTime: 2000 + i, message: `m${i}` } : {}), logPath: `/l/${trialJobId}` });
          if (i % 2 === 0) store.insertMetric({ trialJobId, parameterId: i, type: 'FINAL', sequence: 0, timestamp: 3000 + i, data: JSON.stringify({ default: i / 7 }) });
        }
      });
      const res = await fetch(url);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-length')).toBeNull(); // streamed, not one buffer
      expect(await res.text()).toBe(JSON.stringify(manager.listTrialJobs()));
      for (const status of ['SUCCEEDED', 'FAILED', 'UNKNOWN'] as const) {
        expect(await (await fetch(`${url}?status=${status}`)).text()).toBe(JSON.stringify(manager.listTrialJobs(status)));
      }
      // After a write, the next answer shows it.
      store.updateTrial('t4500', { status: 'SUCCEEDED', endTime: 9999 });
      expect(await (await fetch(url)).text()).toBe(JSON.stringify(manager.listTrialJobs()));
    } finally {
      await server.close();
      manager.close();
      fixture.store.close();
    }
  }, 20_000);
});
