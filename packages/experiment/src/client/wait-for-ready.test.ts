import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRestServer } from '../rest/rest-server.js';
import { FakeManager } from '../rest/test-support/fake-manager.js';
import { Experiment } from './experiment.js';
import { RestClient } from './rest-client.js';
import { waitForReady } from './wait-for-ready.js';

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const probe = await startRestServer(new FakeManager());
  await probe.close();
  return probe.port;
}

describe('waitForReady', () => {
  it('retries refused connections until the server starts', async () => {
    const port = await freePort();
    const started = new Promise<Awaited<ReturnType<typeof startRestServer>>>((resolve) => {
      setTimeout(() => resolve(startRestServer(new FakeManager(), { port })), 300);
    });
    const t0 = Date.now();
    const exp = await Experiment.connect(port, { pollIntervalMs: 50, readyTimeoutMs: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(await exp.getStatus()).toBe('RUNNING');
    await (await started).close();
  });

  it('retries while the server answers 503 or not JSON (still initialising)', async () => {
    let calls = 0;
    const stub = createServer((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(503).end('starting');
      else if (calls === 2) res.writeHead(200, { 'content-type': 'text/plain' }).end('INITIALIZING');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"INITIALIZED","errors":[]}');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stub.address() as AddressInfo).port;
      expect(await waitForReady(`http://127.0.0.1:${port}`, { pollIntervalMs: 10 })).toEqual({ status: 'INITIALIZED', errors: [] });
      expect(calls).toBe(3);
    } finally {
      stub.close();
    }
  });

  it('gives up after readyTimeoutMs with not-ready, saying what it last saw', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const error = await waitForReady(`http://127.0.0.1:${port}`, { readyTimeoutMs: 300, pollIntervalMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-ready' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('fails at once on an answer waiting cannot fix (404: not an archspace server)', async () => {
    const stub = createServer((_req, res) => res.writeHead(404).end('nope'));
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stub.address() as AddressInfo).port;
      const t0 = Date.now();
      await expect(waitForReady(`http://127.0.0.1:${port}`, { readyTimeoutMs: 5000 })).rejects.toMatchObject({ status: 404 });
      expect(Date.now() - t0).toBeLessThan(1000);
    } finally {
      stub.close();
    }
  });

  it('can be aborted', async () => {
    const port = await freePort();
    await expect(waitForReady(`http://127.0.0.1:${port}`, { signal: AbortSignal.timeout(100), pollIntervalMs: 20 })).rejects.toThrow();
  });
});

describe('RestClient', () => {
  it('times out a slow answer with request-timeout', async () => {
    const stub = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stub.address() as AddressInfo).port;
      const rest = new RestClient(`http://127.0.0.1:${port}`, { timeoutMs: 150 });
      await expect(rest.request('GET', '/check-status')).rejects.toMatchObject({ code: 'request-timeout' });
    } finally {
      stub.closeAllConnections();
      stub.close();
    }
  });

  it('retries a GET on a refused connection, never a PUT', async () => {
    const port = await freePort();
    const rest = new RestClient(`http://127.0.0.1:${port}`, { retries: 2, retryDelayMs: 150 });
    let t0 = Date.now();
    await expect(rest.request('GET', '/check-status')).rejects.toMatchObject({ code: 'connection-failed' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400); // 150 + 300
    t0 = Date.now();
    await expect(rest.request('PUT', '/experiment', { body: {} })).rejects.toMatchObject({ code: 'connection-failed' });
    expect(Date.now() - t0).toBeLessThan(150);
  });

  it('a 2xx answer that is not JSON is malformed-response; an error answer that is not JSON keeps its status', async () => {
    const stub = createServer((req, res) => {
      if (req.url?.endsWith('/a')) res.writeHead(200).end('<html>');
      else res.writeHead(502).end('Bad gateway');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const rest = new RestClient(`http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
      await expect(rest.request('GET', '/a')).rejects.toMatchObject({ code: 'malformed-response', status: 200 });
      await expect(rest.request('GET', '/b')).rejects.toMatchObject({ code: 'http-502', status: 502 });
    } finally {
      stub.close();
    }
  });
});
