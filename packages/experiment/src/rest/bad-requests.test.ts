import { ArchspaceError } from '@archspace/ir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRestServer, type RestServer } from './rest-server.js';
import { statusForErrorCode } from './rest-error.js';
import { FakeManager } from './test-support/fake-manager.js';

let manager: FakeManager;
let server: RestServer;
let reported: unknown[];

beforeEach(async () => {
  manager = new FakeManager();
  reported = [];
  server = await startRestServer(manager, { onError: (e) => reported.push(e), maxBodyBytes: 64 * 1024 });
});
afterEach(() => server.close());

interface ErrorAnswer {
  status: number;
  error: { code: string; message: string; path?: (string | number)[] };
}

async function refused(method: string, path: string, body?: string, contentType = 'application/json'): Promise<ErrorAnswer> {
  const res = await fetch(`${server.url}/api/v1/nni${path}`, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }) });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const json = (await res.json()) as { error: ErrorAnswer['error'] };
  expect(typeof json.error.message).toBe('string');
  return { status: res.status, error: json.error };
}

const profileWith = (key: string, value: unknown): string => {
  const p = manager.profile();
  return JSON.stringify({ ...p, params: { ...p.params, [key]: value } });
};

describe('bad input gets a 4xx whose body names the problem', () => {
  it.each([
    ['GET', '/trial-jobs?status=DONE', undefined, 400, 'unknown-status', ['query', 'status']],
    ['GET', '/trial-jobs?status=', undefined, 400, 'unknown-status', ['query', 'status']],
    ['GET', '/metric-data?type=CUSTOM', undefined, 400, 'unknown-metric-type', ['query', 'type']],
    ['GET', '/metric-data/trialA?type=final', undefined, 400, 'unknown-metric-type', ['query', 'type']],
    ['GET', '/metric-data-range/a/3', undefined, 400, 'invalid-sequence-id', ['params', 'min_seq_id']],
    ['GET', '/metric-data-range/1/-3', undefined, 400, 'invalid-sequence-id', ['params', 'max_seq_id']],
    ['GET', '/metric-data-range/5/3', undefined, 400, 'invalid-range', ['params', 'max_seq_id']],
    ['PUT', '/experiment', '{}', 400, 'missing-update-type', ['query', 'update_type']],
    ['PUT', '/experiment?update_type=MAX_TRIALS', '{}', 400, 'unknown-update-type', ['query', 'update_type']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '', 400, 'missing-body', ['body']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '{"params": {', 400, 'malformed-json', ['body']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '[1,2]', 400, 'invalid-body', ['body']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '{"params": 3}', 400, 'invalid-body', ['body', 'params']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '{"params": {}, "revision": "x"}', 400, 'invalid-body', ['body', 'revision']],
    ['PUT', '/experiment?update_type=TRIAL_CONCURRENCY', '{"params": {"maxTrialNumber": 3}}', 400, 'missing-field', ['body', 'params', 'trialConcurrency']],
    ['POST', '/trial-jobs', 'lr=0.1', 400, 'malformed-json', ['body']],
    ['POST', '/trial-jobs', '[0.1]', 400, 'invalid-body', ['body']],
    ['POST', '/trial-jobs', 'null', 400, 'invalid-body', ['body']],
    ['POST', '/trial-jobs', undefined, 400, 'missing-body', ['body']],
    ['GET', '/trial-jobs/nope', undefined, 404, 'unknown-trial', ['trialJobId']],
    ['DELETE', '/trial-jobs/nope', undefined, 404, 'unknown-trial', ['trialJobId']],
    ['DELETE', '/trial-jobs/trialA', undefined, 409, 'wrong-status', ['trialJobId']],
    ['GET', '/trial-file/nope/stdout', undefined, 404, 'unknown-trial', ['trialJobId']],
  ] as const)('%s %s %s → %i %s', async (method, path, body, status, code, where) => {
    const answer = await refused(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.error.code).toBe(code);
    expect(answer.error.path).toEqual(where);
  });

  it.each([
    ['TRIAL_CONCURRENCY', 'trialConcurrency', 0],
    ['TRIAL_CONCURRENCY', 'trialConcurrency', 2.5],
    ['TRIAL_CONCURRENCY', 'trialConcurrency', '3'],
    ['MAX_TRIAL_NUM', 'maxTrialNumber', -1],
    ['MAX_EXEC_DURATION', 'maxExperimentDuration', '2 weeks'],
    ['MAX_EXEC_DURATION', 'maxExperimentDuration', 0],
    ['SEARCH_SPACE', 'searchSpace', [1, 2]],
    ['SEARCH_SPACE', 'searchSpace', null],
  ])('PUT update_type=%s with params.%s = %j → 400 naming the field', async (type, key, value) => {
    const answer = await refused('PUT', `/experiment?update_type=${type}`, profileWith(key, value));
    expect(answer.status).toBe(400);
    expect(answer.error.path).toEqual(['body', 'params', key]);
    expect(manager.updates).toEqual([]);
  });

  it('PUT for another experiment id → 409 experiment-mismatch', async () => {
    const p = manager.profile();
    const answer = await refused('PUT', '/experiment?update_type=TRIAL_CONCURRENCY', JSON.stringify({ ...p, id: 'other' }));
    expect(answer).toMatchObject({ status: 409, error: { code: 'experiment-mismatch', path: ['body', 'id'] } });
  });

  it('an update the manager refuses (a viewed experiment) → 409', async () => {
    manager.readOnly = true;
    const answer = await refused('PUT', '/experiment?update_type=TRIAL_CONCURRENCY', profileWith('trialConcurrency', 3));
    expect(answer).toMatchObject({ status: 409, error: { code: 'read-only-store' } });
  });

  it('an unknown path → 404 unknown-endpoint; a known path with another method → 405 with Allow', async () => {
    expect(await refused('GET', '/tensorboard')).toMatchObject({ status: 404, error: { code: 'unknown-endpoint' } });
    const res = await fetch(`${server.url}/api/v1/nni/trial-jobs`, { method: 'PATCH' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD');
    expect(((await res.json()) as ErrorAnswer).error.code).toBe('method-not-allowed');
    expect((await refused('POST', '/check-status', '{}')).status).toBe(405);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp'])('a body sent as %s → 415 (no cross-site simple requests)', async (type) => {
    const answer = await refused('POST', '/trial-jobs', '{"lr":0.1}', type);
    expect(answer).toMatchObject({ status: 415, error: { code: 'unsupported-media-type', path: ['headers', 'content-type'] } });
    const put = await refused('PUT', '/experiment?update_type=TRIAL_CONCURRENCY', profileWith('trialConcurrency', 3), type);
    expect(put.status).toBe(415);
    expect(manager.updates).toEqual([]);
  });

  it('a body without a content type → 415', async () => {
    const res = await fetch(`${server.url}/api/v1/nni/trial-jobs`, { method: 'POST', body: new Uint8Array(Buffer.from('{"lr":0.1}')) });
    expect(res.status).toBe(415);
  });

  it('application/json with a charset, and +json types, are accepted', async () => {
    for (const type of ['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/vnd.archspace+json']) {
      const res = await fetch(`${server.url}/api/v1/nni/trial-jobs`, { method: 'POST', body: '{"lr":0.1}', headers: { 'content-type': type } });
      expect(res.status).toBe(200);
    }
  });

  it('a body over the limit → 413 naming the limit', async () => {
    const answer = await refused('POST', '/trial-jobs', JSON.stringify({ x: 'y'.repeat(70 * 1024) }));
    expect(answer).toMatchObject({ status: 413, error: { code: 'body-too-large', path: ['body'] } });
    expect(answer.error.message).toMatch(/limit of 65536 bytes; the server's maxBodyBytes option/);
  });

  it('an unexpected manager failure → 500 without a stack, and is reported', async () => {
    manager.explode = new Error('database is locked at /secret/path.db');
    const answer = await refused('GET', '/trial-jobs');
    expect(answer.status).toBe(500);
    expect(answer.error.code).toBe('internal-error');
    expect(JSON.stringify(answer)).not.toMatch(/secret|at .*\.ts|Error:/);
    expect(reported).toEqual([manager.explode]);
  });

  it('an ArchspaceError from the manager keeps its code, message, path, expected and received', async () => {
    manager.explode = new ArchspaceError({ code: 'invalid-parameter', path: ['params', 'lr'], expected: 'a number', received: 'x' });
    const answer = await refused('POST', '/trial-jobs', '{"lr":"x"}');
    expect(answer).toEqual({ status: 400, error: { code: 'invalid-parameter', message: manager.explode.message, path: ['params', 'lr'], expected: 'a number', received: 'x' } });
    expect(reported).toEqual([]);
  });
});

describe('statusForErrorCode', () => {
  it.each([
    ['not-found', 404],
    ['unknown-trial', 404],
    ['no-experiment', 404],
    ['trial-not-found', 404],
    ['conflict', 409],
    ['state', 409],
    ['wrong-status', 409],
    ['read-only-store', 409],
    ['read-only', 409],
    ['not-updatable', 409],
    ['duplicate-trial', 409],
    ['already-stopped', 409],
    ['invalid-query', 400],
    ['invalid', 400],
    ['unknown-key', 400],
  ] as const)('%s → %i', (code, status) => {
    expect(statusForErrorCode(code)).toBe(status);
  });
});
