import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrialJobStatus } from '../records.js';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';

let manager: FakeManager;
let server: RestServer;

beforeEach(async () => {
  manager = new FakeManager();
  server = await startRestServer(manager, { onError: () => {} });
});
afterEach(() => server.close());

async function call(method: string, path: string, body?: string, base = '/api/v1/nni'): Promise<{ status: number; type: string | null; length: string | null; text: string; json: () => unknown }> {
  const res = await fetch(`${server.url}${base}${path}`, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), length: res.headers.get('content-length'), text, json: () => JSON.parse(text) as unknown };
}

describe('REST endpoints answer the reference shapes', () => {
  it('GET /check-status gives {status, errors}', async () => {
    const r = await call('GET', '/check-status');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.json()).toEqual({ status: 'RUNNING', errors: [] });
  });

  it('GET /version gives a JSON string', async () => {
    const r = await call('GET', '/version');
    expect(r.status).toBe(200);
    expect(typeof r.json()).toBe('string');
    expect(r.json()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GET /experiment gives the profile', async () => {
    const r = await call('GET', '/experiment');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(manager.profile());
    expect(Object.keys(r.json() as object).sort()).toEqual(['execDuration', 'id', 'logDir', 'nextSequenceId', 'params', 'revision', 'startTime']);
  });

  it.each([
    ['TRIAL_CONCURRENCY', 'trialConcurrency', 5],
    ['MAX_TRIAL_NUM', 'maxTrialNumber', 50],
    ['MAX_EXEC_DURATION', 'maxExperimentDuration', '2h'],
    ['SEARCH_SPACE', 'searchSpace', { x: { _type: 'choice', _value: [1, 2] } }],
  ])('PUT /experiment?update_type=%s changes params.%s', async (type, key, value) => {
    const profile = manager.profile();
    const r = await call('PUT', `/experiment?update_type=${type}`, JSON.stringify({ ...profile, params: { ...profile.params, [key]: value } }));
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(manager.updates.map((u) => u.type)).toEqual([type]);
    expect(manager.profile().params[key]).toEqual(value);
  });

  it('PUT /experiment accepts a body with params only (the rest is taken from the current profile)', async () => {
    const r = await call('PUT', '/experiment?update_type=TRIAL_CONCURRENCY', JSON.stringify({ params: { trialConcurrency: 7 } }));
    expect(r.status).toBe(200);
    expect(manager.updates[0]?.profile.id).toBe('exp0001');
  });

  it('DELETE /experiment stops the experiment', async () => {
    const r = await call('DELETE', '/experiment');
    expect(r.status).toBe(200);
    expect(manager.stopped).toBe(true);
    expect((await call('GET', '/check-status')).json()).toEqual({ status: 'STOPPED', errors: [] });
  });

  it('GET /job-statistics gives [{trialJobStatus, trialJobNumber}]', async () => {
    const r = await call('GET', '/job-statistics');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([
      { trialJobStatus: 'RUNNING', trialJobNumber: 1 },
      { trialJobStatus: 'SUCCEEDED', trialJobNumber: 2 },
      { trialJobStatus: 'FAILED', trialJobNumber: 1 },
    ]);
  });

  it('GET /trial-jobs lists every TrialJobInfo, and ?status= filters', async () => {
    const all = await call('GET', '/trial-jobs');
    expect(all.status).toBe(200);
    expect(all.json()).toEqual(manager.listTrialJobs());
    const first = (all.json() as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ trialJobId: 'trialA', sequenceId: 0, status: 'SUCCEEDED', logPath: expect.any(String), startTime: expect.any(Number) });
    expect(JSON.parse((first['hyperParameters'] as string[])[0]!)).toEqual({ parameter_id: 0, parameter_source: 'algorithm', parameters: { lr: 0.01, optimizer: 'adam' }, parameter_index: 0 });
    const failed = await call('GET', '/trial-jobs?status=FAILED');
    expect((failed.json() as { trialJobId: string }[]).map((t) => t.trialJobId)).toEqual(['trialD']);
    expect((await call('GET', '/trial-jobs?status=EARLY_STOPPED')).json()).toEqual([]);
  });

  it('GET /trial-jobs/:id gives one TrialJobInfo with its double-encoded final metric', async () => {
    const r = await call('GET', '/trial-jobs/trialB');
    expect(r.status).toBe(200);
    const info = r.json() as { finalMetricData: { data: string; parameterId: unknown; type: string }[] };
    expect(info).toEqual(manager.getTrialJob('trialB'));
    expect(info.finalMetricData[0]!.type).toBe('FINAL');
    expect(typeof info.finalMetricData[0]!.parameterId).toBe('string');
    expect(JSON.parse(JSON.parse(info.finalMetricData[0]!.data) as string)).toEqual({ default: 0.6, loss: 1.2 });
  });

  it('POST /trial-jobs adds a customized trial and answers {sequenceId}', async () => {
    const r = await call('POST', '/trial-jobs', JSON.stringify({ lr: 0.3, optimizer: 'adam' }));
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ sequenceId: 4 });
    expect(manager.getTrialJob('custom4').status).toBe('WAITING');
  });

  it('DELETE /trial-jobs/:id cancels a trial', async () => {
    const r = await call('DELETE', '/trial-jobs/trialC');
    expect(r.status).toBe(200);
    expect(manager.getTrialJob('trialC').status).toBe('USER_CANCELED');
  });

  it('GET /metric-data[/:job_id][?type=] gives MetricDataRecords', async () => {
    const all = await call('GET', '/metric-data');
    expect(all.status).toBe(200);
    expect(all.json()).toEqual(manager.metricData());
    const records = all.json() as { timestamp: number; trialJobId: string; parameterId: string; type: string; sequence: number; data: string }[];
    expect(Object.keys(records[0]!).sort()).toEqual(['data', 'parameterId', 'sequence', 'timestamp', 'trialJobId', 'type']);
    expect(records.map((m) => JSON.parse(JSON.parse(m.data) as string) as unknown).slice(0, 3)).toEqual([0.5, 0.7, 0.8]);
    expect(((await call('GET', '/metric-data/trialC')).json() as unknown[]).length).toBe(3);
    expect(((await call('GET', '/metric-data?type=FINAL')).json() as { trialJobId: string }[]).map((m) => m.trialJobId)).toEqual(['trialA', 'trialB']);
    expect(((await call('GET', '/metric-data/trialA?type=PERIODICAL')).json() as { sequence: number }[]).map((m) => m.sequence)).toEqual([0, 1]);
  });

  it('GET /metric-data-range/:min/:max gives the metrics of trials with sequence ids in range', async () => {
    const r = await call('GET', '/metric-data-range/1/2');
    expect(r.status).toBe(200);
    expect(new Set((r.json() as { trialJobId: string }[]).map((m) => m.trialJobId))).toEqual(new Set(['trialB', 'trialC']));
    expect((await call('GET', '/metric-data-range/10/20')).json()).toEqual([]);
  });

  it('GET /metric-data-latest/ gives final metrics, then the latest intermediate of each trial', async () => {
    for (const path of ['/metric-data-latest/', '/metric-data-latest']) {
      const r = await call('GET', path);
      expect(r.status).toBe(200);
      const got = (r.json() as { trialJobId: string; type: string; sequence: number }[]).map((m) => `${m.trialJobId}:${m.type}:${m.sequence}`);
      expect(got).toEqual(['trialA:FINAL:0', 'trialB:FINAL:0', 'trialA:PERIODICAL:1', 'trialB:PERIODICAL:0', 'trialC:PERIODICAL:2']);
    }
  });

  it('GET /trial-file/:id/:filename gives the file as text', async () => {
    const r = await call('GET', '/trial-file/trialA/stdout');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain/);
    expect(r.text).toBe('hello from trialA\n');
    expect(r.length).toBe(String(Buffer.byteLength('hello from trialA\n')));
    const p = await call('GET', '/trial-file/trialA/parameters.json');
    expect(p.type).toMatch(/^application\/json/);
    expect(p.json()).toEqual({ parameter_id: 0, parameters: { lr: 0.01, optimizer: 'adam' } });
    const missing = await call('GET', '/trial-file/trialA/stderr');
    expect(missing.status).toBe(404);
    expect((missing.json() as { error: { code: string } }).error.code).toBe('file-not-found');
  });

  it('GET /export-data gives [{parameter, value, trialJobId}] with value single-encoded', async () => {
    const r = await call('GET', '/export-data');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([
      { parameter: { lr: 0.01, optimizer: 'adam' }, value: '0.8', trialJobId: 'trialA' },
      { parameter: { lr: 0.1, optimizer: 'sgd' }, value: '{"default":0.6,"loss":1.2}', trialJobId: 'trialB' },
    ]);
  });

  it('GET /pareto-front without objectives gives the best trial by the final result, under both prefixes', async () => {
    const expected = {
      objectives: [{ name: 'default', direction: 'maximize' }],
      constraints: [],
      configured: false,
      trials: [{ trialJobId: 'trialA', sequenceId: 0, parameters: { lr: 0.01, optimizer: 'adam' }, values: [0.8] }],
    };
    for (const base of ['/api/v1/nni', '/api/v1/archspace']) {
      const r = await call('GET', '/pareto-front', undefined, base);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual(expected);
    }
  });

  it('serves the same API under /api/v1/archspace', async () => {
    const r = await call('GET', '/trial-jobs/trialA', undefined, '/api/v1/archspace');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(manager.getTrialJob('trialA'));
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await fetch(`${server.url}/api/v1/nni/check-status`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('urlPrefix', () => {
  it('serves the API under the prefix and nowhere else', async () => {
    const prefixed = await startRestServer(new FakeManager(), { urlPrefix: '/proxy/nni/' });
    try {
      expect(prefixed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/proxy\/nni$/);
      expect((await fetch(`${prefixed.url}/api/v1/nni/check-status`)).status).toBe(200);
      const bare = await fetch(prefixed.url.replace('/proxy/nni', '/api/v1/nni/check-status'));
      expect(bare.status).toBe(404);
      expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('unknown-endpoint');
    } finally {
      await prefixed.close();
    }
  });

  it('refuses a prefix with path tricks', async () => {
    await expect(startRestServer(new FakeManager(), { urlPrefix: '/a/../b' })).rejects.toMatchObject({ code: 'invalid-url-prefix' });
  });
});

describe('server lifecycle', () => {
  it('reports the bound port, refuses a taken port with listen-failed, and closes twice safely', async () => {
    const a = await startRestServer(new FakeManager());
    expect(a.port).toBeGreaterThan(0);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    await expect(startRestServer(new FakeManager(), { port: a.port })).rejects.toMatchObject({ code: 'listen-failed' });
    await Promise.all([a.close(), a.close()]);
    await expect(fetch(`${a.url}/api/v1/nni/check-status`)).rejects.toThrow();
  });

  it('refuses an invalid port', async () => {
    await expect(startRestServer(new FakeManager(), { port: 70000 })).rejects.toMatchObject({ code: 'invalid-port' });
  });
});

describe('the optional listTrialJobsJson fast path', () => {
  it('is used for GET /trial-jobs when the manager offers it, with the status filter', async () => {
    const fast = Object.assign(new FakeManager(), {
      asked: [] as (string | undefined)[],
      listTrialJobsJson(this: FakeManager & { asked: (string | undefined)[] }, status?: TrialJobStatus): readonly string[] {
        this.asked.push(status);
        return this.listTrialJobs(status).map((t) => JSON.stringify(t));
      },
    });
    const s = await startRestServer(fast);
    try {
      const all = await fetch(`${s.url}/api/v1/nni/trial-jobs`);
      expect(await all.json()).toEqual(fast.listTrialJobs());
      const failed = await fetch(`${s.url}/api/v1/nni/trial-jobs?status=FAILED`);
      expect(await failed.json()).toEqual(fast.listTrialJobs('FAILED'));
      expect(fast.asked).toEqual([undefined, 'FAILED']);
    } finally {
      await s.close();
    }
  });
});
