import { describe, expect, it } from 'vitest';
import { bearerChecker, generateToken, isLoopbackHost } from './auth.js';
import { startRestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';
import { rawRequest } from './test-support/raw-request.js';

/** A GET carrying the given Host header, as a DNS-rebinding web page's request would. */
const getWithHost = (port: number, host: string, headers: Record<string, string> = {}) => rawRequest(port, '/api/v1/nni/check-status', { host, ...headers });

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.4', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('bearerChecker', () => {
  const allowed = bearerChecker('s3cret-token');
  it('accepts exactly "Bearer <token>"', () => {
    expect(allowed('Bearer s3cret-token')).toBe(true);
    expect(allowed('bearer s3cret-token')).toBe(true);
  });
  it.each([undefined, '', 'Bearer', 'Bearer ', 'Bearer s3cret', 'Bearer s3cret-token2', 's3cret-token', 'Basic s3cret-token', 'Bearer s3cret-token extra'])('refuses %j', (header) => {
    expect(allowed(header)).toBe(false);
  });
  it('generateToken gives distinct url-safe tokens', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });
});

describe('a server bound beyond loopback', () => {
  it('refuses to start on 0.0.0.0 without a token, naming the problem', async () => {
    await expect(startRestServer(new FakeManager(), { host: '0.0.0.0' })).rejects.toMatchObject({ code: 'token-required', path: ['token'] });
  });

  it('refuses a token that cannot travel in a header', async () => {
    await expect(startRestServer(new FakeManager(), { token: 'two words' })).rejects.toMatchObject({ code: 'invalid-token' });
    await expect(startRestServer(new FakeManager(), { token: '' })).rejects.toMatchObject({ code: 'invalid-token' });
  });

  it('answers 401 without the token, and serves with it', async () => {
    const token = generateToken();
    const server = await startRestServer(new FakeManager(), { host: '0.0.0.0', token });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const api = `${server.url}/api/v1/nni`;
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: token }] as Record<string, string>[]) {
        const res = await fetch(`${api}/trial-jobs`, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
      // Unknown paths and mutations are refused before anything else.
      expect((await fetch(`${api}/nope`)).status).toBe(401);
      expect((await fetch(`${api}/experiment`, { method: 'DELETE' })).status).toBe(401);
      const ok = await fetch(`${api}/check-status`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'RUNNING', errors: [] });
    } finally {
      await server.close();
    }
  });
});

describe('a loopback server with a token', () => {
  const token = 'loopback-token';
  const writes: [string, string, string?][] = [
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '{"params":{"trialConcurrency":3}}'],
    ['POST', '/trial-jobs', '{"lr":0.5}'],
    ['DELETE', '/trial-jobs/trialC'],
    ['DELETE', '/experiment'],
  ];
  const send = (url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/v1/nni${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body }) });

  it('refuses every change without the token, even from 127.0.0.1, and the manager sees none', async () => {
    const manager = new FakeManager();
    const server = await startRestServer(manager, { token });
    try {
      for (const [method, path, body] of writes) {
        const res = await send(server.url, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect(manager.updates).toEqual([]);
      expect(manager.stopped).toBe(false);
      expect(manager.listTrialJobs().map((t) => t.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'RUNNING', 'FAILED']);
    } finally {
      await server.close();
    }
  });

  it('serves reads without the token, so the web UI and curl keep working', async () => {
    const server = await startRestServer(new FakeManager(), { token });
    try {
      for (const path of ['/check-status', '/trial-jobs', '/trial-jobs/trialA', '/metric-data/trialA', '/job-statistics', '/experiment', '/trial-file/trialA/stdout']) {
        expect((await send(server.url, 'GET', path)).status, path).toBe(200);
      }
      expect((await send(server.url, 'HEAD', '/check-status')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 401 to a wrong token, on reads and changes alike', async () => {
    const server = await startRestServer(new FakeManager(), { token });
    try {
      for (const authorization of ['Bearer wrong', `Bearer ${token}x`, token, 'Basic abc']) {
        expect((await send(server.url, 'GET', '/check-status', undefined, { authorization })).status).toBe(401);
        expect((await send(server.url, 'DELETE', '/experiment', undefined, { authorization })).status).toBe(401);
      }
    } finally {
      await server.close();
    }
  });

  it('makes every change with the token', async () => {
    const manager = new FakeManager();
    const server = await startRestServer(manager, { token });
    try {
      for (const [method, path, body] of writes) {
        expect((await send(server.url, method, path, body, { authorization: `Bearer ${token}` })).status, `${method} ${path}`).toBe(200);
      }
      expect(manager.updates.map((u) => u.type)).toEqual(['TRIAL_CONCURRENCY']);
      expect(manager.stopped).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('with publicReads: false, reads need the token too', async () => {
    const server = await startRestServer(new FakeManager(), { token, publicReads: false });
    try {
      expect((await send(server.url, 'GET', '/check-status')).status).toBe(401);
      expect((await send(server.url, 'GET', '/check-status', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('serves reads without the token only to loopback Host names (DNS rebinding)', async () => {
    const server = await startRestServer(new FakeManager(), { token });
    try {
      expect((await getWithHost(server.port, `127.0.0.1:${server.port}`)).status).toBe(200);
      expect((await getWithHost(server.port, 'evil.example')).status).toBe(403);
      expect((await getWithHost(server.port, 'evil.example', { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('a server without a token on loopback', () => {
  it('stays open to reads and changes, as embedders and tests expect', async () => {
    const manager = new FakeManager();
    const server = await startRestServer(manager);
    try {
      expect((await fetch(`${server.url}/api/v1/nni/check-status`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/v1/nni/experiment`, { method: 'DELETE' })).status).toBe(200);
      expect(manager.stopped).toBe(true);
    } finally {
      await server.close();
    }
  });
});


describe('Host header check (DNS rebinding)', () => {
  it('a server without a token answers loopback Host names only, and those listed in allowedHosts', async () => {
    const server = await startRestServer(new FakeManager(), { allowedHosts: ['proxy.lan'] });
    try {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, 'localhost', `PROXY.lan:80`]) {
        expect((await getWithHost(server.port, host)).status).toBe(200);
      }
      for (const host of [`evil.example:${server.port}`, 'evil.example', '10.0.0.1', 'localhost.evil.example']) {
        const answer = await getWithHost(server.port, host);
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'host-not-allowed', path: ['headers', 'host'] } });
      }
      // Node's adapter refuses a Host that is not a host name at all before the app sees it.
      expect((await getWithHost(server.port, '%%%')).status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it('a server with a token answers any Host that brings the token', async () => {
    const server = await startRestServer(new FakeManager(), { host: '0.0.0.0', token: 'tok' });
    try {
      expect((await getWithHost(server.port, 'my-workstation.lan:1234', { authorization: 'Bearer tok' })).status).toBe(200);
      expect((await getWithHost(server.port, 'my-workstation.lan:1234')).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
