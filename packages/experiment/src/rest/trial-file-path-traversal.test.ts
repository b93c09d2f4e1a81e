import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';
import { rawRequest } from './test-support/raw-request.js';

const manager = new FakeManager();
const asked: [string, string][] = [];
const original = manager.trialFile.bind(manager);
manager.trialFile = (id, name) => {
  asked.push([id, name]);
  return original(id, name);
};
let server: RestServer;
beforeAll(async () => {
  server = await startRestServer(manager);
});
afterAll(() => server.close());

describe('GET /trial-file never leaves the trial folder', () => {
  it.each([
    '/api/v1/nni/trial-file/trialA/../../../../etc/passwd',
    '/api/v1/nni/trial-file/trialA/..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/v1/nni/trial-file/trialA/%2e%2e%2fstdout',
    '/api/v1/nni/trial-file/trialA/..%5C..%5Cwindows%5Cwin.ini',
    '/api/v1/nni/trial-file/trialA/stdout%00.txt',
    '/api/v1/nni/trial-file/trialA/%2Fetc%2Fpasswd',
    '/api/v1/nni/trial-file/trialA/.%2Fstdout',
    '/api/v1/nni/trial-file/trialA/STDOUT',
    '/api/v1/nni/trial-file/trialA/trial.log',
    '/api/v1/nni/trial-file/..%2F..%2Fetc/stdout',
    '/api/v1/nni/trial-file/../stdout',
    '/api/v1/nni/trial-file/%2e%2e/stdout',
    '/api/v1/nni/trial-file/trialA%2F..%2F..%2Fsecret/stdout',
    '/api/v1/nni/trial-file/trialA/stdout/../../../etc/passwd',
    '/api/v1/nni/trial-file/./stdout',
  ])('%s is refused and never reaches the manager', async (path) => {
    asked.length = 0;
    const { status, body } = await rawRequest(server.port, path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body).not.toMatch(/root:|hello from/);
    expect(asked).toEqual([]);
  });

  it('names the allowed files when refusing one', async () => {
    const { status, body } = await rawRequest(server.port, '/api/v1/nni/trial-file/trialA/..%2Fsecret');
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'invalid-filename', path: ['params', 'filename'] } });
    expect(body).toMatch(/stdout, stderr, metrics\.jsonl, parameters\.json/);
  });

  it('serves the four allowed names', async () => {
    asked.length = 0;
    expect((await rawRequest(server.port, '/api/v1/nni/trial-file/trialA/stdout')).status).toBe(200);
    for (const name of ['stderr', 'metrics.jsonl']) expect((await rawRequest(server.port, `/api/v1/nni/trial-file/trialA/${name}`)).status).toBe(404);
    expect((await rawRequest(server.port, '/api/v1/nni/trial-file/trialA/parameters.json')).status).toBe(200);
    expect(asked.map(([, n]) => n)).toEqual(['stdout', 'stderr', 'metrics.jsonl', 'parameters.json']);
  });
});
