import { describe, expect, it } from 'vitest';
import { createRestApp } from './rest-app.js';
import { bodyLimits, DEFAULT_MAX_BODY_BYTES } from './request-body.js';
import { startRestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';

const MiB = 1024 * 1024;

/** A JSON object of exactly `bytes` bytes. */
const jsonOfSize = (bytes: number): string => `{"pad":"${'x'.repeat(bytes - 10)}"}`;

/** A profile body that sets the search space, padded to exactly `bytes` bytes. */
const profileOfSize = (bytes: number): string => {
  const head = '{"params":{"searchSpace":{"x":{"_type":"choice","_value":["';
  const tail = '"]}}}}';
  return `${head}${'y'.repeat(bytes - head.length - tail.length)}${tail}`;
};

/** A body that arrives in chunks with no declared length, as a streaming client sends it. */
function chunkedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

describe('request body limits, per route', () => {
  it('default to 1 MiB for PUT /experiment and POST /trial-jobs', async () => {
    const manager = new FakeManager();
    const app = createRestApp(manager);
    const put = (body: string) => app.request('/api/v1/nni/experiment?update_type=SEARCH_SPACE', { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    const post = (body: string) => app.request('/api/v1/nni/trial-jobs', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(MiB);
    expect((await put(profileOfSize(MiB))).status).toBe(200);
    expect((await post(jsonOfSize(MiB))).status).toBe(200);
    for (const res of [await put(profileOfSize(MiB + 1)), await post(jsonOfSize(MiB + 1))]) {
      expect(res.status).toBe(413);
    }
    expect(manager.updates).toHaveLength(1);
  });

  it('answer 413 with a message that names the limit and the option that sets it', async () => {
    const server = await startRestServer(new FakeManager());
    try {
      const res = await fetch(`${server.url}/api/v1/nni/trial-jobs`, { method: 'POST', body: jsonOfSize(2 * MiB), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(413);
      const { error } = (await res.json()) as { error: { code: string; message: string; path: string[] } };
      expect(error).toMatchObject({ code: 'body-too-large', path: ['body'] });
      expect(error.message).toContain(`${MiB} bytes`);
      expect(error.message).toContain('maxBodyBytes["POST /trial-jobs"]');
    } finally {
      await server.close();
    }
  });

  it('can be set per route, leaving the others at the default', async () => {
    const manager = new FakeManager();
    const app = createRestApp(manager, { maxBodyBytes: { 'PUT /experiment': 4 * MiB } });
    const big = profileOfSize(3 * MiB);
    const put = await app.request('/api/v1/nni/experiment?update_type=SEARCH_SPACE', { method: 'PUT', body: big, headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(200);
    const post = await app.request('/api/v1/nni/trial-jobs', { method: 'POST', body: jsonOfSize(3 * MiB), headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(413);
    expect(((await post.json()) as { error: { message: string } }).error.message).toContain(`${MiB} bytes`);
  });

  it('one number sets every route', async () => {
    const app = createRestApp(new FakeManager(), { maxBodyBytes: 100 });
    const res = await app.request('/api/v1/nni/trial-jobs', { method: 'POST', body: jsonOfSize(101), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/limit of 100 bytes; the server's maxBodyBytes option/);
  });

  it('refuse a body without a declared length once it passes the limit', async () => {
    const manager = new FakeManager();
    const server = await startRestServer(manager, { maxBodyBytes: 256 * 1024 });
    try {
      const res = await fetch(`${server.url}/api/v1/nni/trial-jobs`, {
        method: 'POST',
        body: chunkedBody(jsonOfSize(4 * MiB)),
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      expect(res.headers.get('content-length')).not.toBeNull();
      expect(res.status).toBe(413);
      expect(manager.listTrialJobs()).toHaveLength(4);
      const small = await fetch(`${server.url}/api/v1/nni/trial-jobs`, { method: 'POST', body: chunkedBody(jsonOfSize(200 * 1024)), headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
      expect(small.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it.each([[-1], [1.5], [Number.NaN], ['1' as unknown as number], [{ 'GET /experiment': 10 } as never], [{ 'POST /trial-jobs': -3 }]])('refuse the option %j', (maxBodyBytes) => {
    expect(() => bodyLimits(maxBodyBytes)).toThrow(expect.objectContaining({ code: 'invalid-body-limit' }));
    expect(() => createRestApp(new FakeManager(), { maxBodyBytes })).toThrow(expect.objectContaining({ code: 'invalid-body-limit' }));
  });
});
