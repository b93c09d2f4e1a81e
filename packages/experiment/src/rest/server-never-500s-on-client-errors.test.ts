import { request } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';

const manager = new FakeManager();
const unexpected: unknown[] = [];
let server: RestServer;
beforeAll(async () => {
  server = await startRestServer(manager, { onError: (e) => unexpected.push(e), maxBodyBytes: 32 * 1024 });
});
afterAll(() => server.close());

function send(method: string, path: string, body: string | undefined, contentType = 'application/json'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    // A body always goes with its length: Node's client sends a DELETE or OPTIONS body without one.
    const headers = body === undefined ? {} : { 'content-length': Buffer.byteLength(body), 'content-type': contentType };
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: text }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path}`)));
    req.end(body);
  });
}

const segment = fc.oneof(
  fc.constantFrom('trialA', 'trialC', 'nope', '..', '.', '', '0', '-1', '99999999999999999999', 'stdout', 'parameters.json', '%2e%2e', '%00', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
);
const endpoint = fc.constantFrom(
  'check-status',
  'version',
  'experiment',
  'job-statistics',
  'trial-jobs',
  'trial-jobs/:',
  'metric-data',
  'metric-data/:',
  'metric-data-range/:/:',
  'metric-data-latest/',
  'trial-file/:/:',
  'export-data',
  'pareto-front',
  ':',
  'experiment/:',
);
const path = fc
  .tuple(fc.constantFrom('/api/v1/nni/', '/api/v1/archspace/', '/api/v1/', '/', '//api/v1/nni/'), endpoint, fc.array(segment, { minLength: 3, maxLength: 3 }))
  .map(([base, ep, segs]) => base + ep.replace(/:/g, () => segs.pop() ?? ''));
const query = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('status', 'type', 'update_type', 'x'), fc.oneof(fc.constantFrom('FAILED', 'FINAL', 'TRIAL_CONCURRENCY', 'SEARCH_SPACE', 'MAX_EXEC_DURATION', ''), fc.string({ maxLength: 8 }).map(encodeURIComponent))).map(([k, v]) => `?${k}=${v}`),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.record({ params: fc.dictionary(fc.constantFrom('trialConcurrency', 'maxTrialNumber', 'maxExperimentDuration', 'searchSpace'), fc.jsonValue({ maxDepth: 2 })), id: fc.oneof(fc.constant('exp0001'), fc.string()), revision: fc.jsonValue({ maxDepth: 1 }) }).map((b) => JSON.stringify(b)),
);
// DELETE /experiment stops the fake experiment; that is fine: later requests must still be answered.
const method = fc.constantFrom('GET', 'GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json; charset=latin1', '*/*');

describe('random requests', () => {
  it('never get a 500, always get a JSON error body for a 4xx, and never bring the server down', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, body, contentType, async (m, p, q, b, t) => {
        const answer = await send(m, p + q, m === 'GET' || m === 'HEAD' ? undefined : b, t);
        expect(answer.status, `${m} ${p}${q} ${b ?? ''} → ${answer.status} ${answer.body}`).toBeLessThan(500);
        // `GET /` is the dashboard's page (here: the HTML page saying it is not built), not the API.
        const page = m === 'GET' && new URL(p + q, 'http://x').pathname === '/';
        if (answer.status >= 400 && m !== 'HEAD' && !page) {
          expect(answer.type).toMatch(/^application\/json/);
          expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }),
      { numRuns: 1000 },
    );
    expect(unexpected).toEqual([]);
    expect((await send('GET', '/api/v1/nni/check-status', undefined)).status).toBe(200);
  });

  it('survives malformed HTTP and aborted requests', async () => {
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /api/v1/nni/trial-jobs HTTP/1.1\r\nContent-Length: -5\r\n\r\n', '\u0000\u0001\u0002']) {
      await new Promise<void>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.end(garbage));
        socket.on('data', () => {});
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/v1/nni/trial-jobs', method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"lr":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    expect((await send('GET', '/api/v1/nni/check-status', undefined)).status).toBe(200);
    expect(unexpected).toEqual([]);
  });
});
