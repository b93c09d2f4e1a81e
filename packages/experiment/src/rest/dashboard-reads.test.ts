/**
 * The dashboard's reads under `/api/v1/archspace/` (`dashboard-api.md`) over a real manager and
 * SQLite store: their shapes, every bad query parameter refused with a 400 naming it and what is
 * allowed, unknown trials, writes refused without the token or in a viewed experiment.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRestApp } from './rest-app.js';
import { dashboardFixture } from './test-support/dashboard-fixture.js';

const fixture = dashboardFixture();
const TOKEN = 'secret-token';
const app = createRestApp(fixture.manager, { token: TOKEN, publicReads: true, onError: (e) => { throw e; } });
afterAll(() => fixture.close());

async function get(path: string, base = '/api/v1/archspace'): Promise<{ status: number; body: any }> {
  const res = await app.request(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('GET /api/v1/archspace/overview', () => {
  it('gives the experiment at a glance', async () => {
    const { status, body } = await get('/overview');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'fixture',
      status: 'INITIALIZED',
      readOnly: false,
      endTime: null,
      trialConcurrency: 2,
      maxTrialNumber: null,
      maxExperimentDuration: null,
      optimizeMode: 'maximize',
      tuner: 'Random',
      totalTrials: 5,
      best: { trialJobId: 'tA', sequenceId: 0, metric: 0.9 },
      labels: ['__proto__', 'a/b', 'lr'],
      errors: [],
    });
    expect(body.trialCounts).toEqual({ UNKNOWN: 0, WAITING: 1, RUNNING: 1, SUCCEEDED: 2, FAILED: 1, USER_CANCELED: 0, SYS_CANCELED: 0, EARLY_STOPPED: 0 });
  });

  it('exists only under /api/v1/archspace/', async () => {
    expect((await get('/overview', '/api/v1/nni')).status).toBe(404);
    expect((await get('/trials', '/api/v1/nni')).status).toBe(404);
  });
});

describe('GET /api/v1/archspace/trials', () => {
  it('pages trials in sequence order by default, as TrialSummary', async () => {
    const { body } = await get('/trials?limit=2&offset=1');
    expect(body.total).toBe(5);
    expect(body.offset).toBe(1);
    expect(body.limit).toBe(2);
    expect(body.trials.map((t: { trialJobId: string }) => t.trialJobId)).toEqual(['tB', 'tC']);
    expect(body.trials[0]).toEqual({ trialJobId: 'tB', sequenceId: 1, status: 'SUCCEEDED', parameters: { lr: 0.01, ['__proto__']: 'SGD' }, metric: 0.6, startTime: 2000, endTime: 2500, duration: 500, message: null });
    expect(Object.keys(body.trials[0].parameters)).toEqual(['lr', '__proto__']);
    expect(body.trials[1].endTime).toBeNull();
    expect(body.trials[1].duration).toBeGreaterThan(Date.now() - 5000 - 60_000);
  });

  it('sorts (nulls last either way), filters by status, metric and search', async () => {
    const ids = async (q: string) => ((await get(`/trials?${q}`)).body.trials as { trialJobId: string }[]).map((t) => t.trialJobId);
    expect(await ids('sort=metric&order=desc')).toEqual(['tA', 'tB', 'tC', 'tD', 'tE']);
    expect(await ids('sort=metric&order=asc')).toEqual(['tB', 'tA', 'tC', 'tD', 'tE']);
    expect(await ids('sort=endTime&order=desc')).toEqual(['tD', 'tA', 'tB', 'tC', 'tE']);
    expect(await ids('sort=param:__proto__')).toEqual(['tB', 'tA', 'tC', 'tD', 'tE']);
    expect(await ids('sort=param:a%2Fb&order=desc')).toEqual(['tC', 'tA', 'tB', 'tD', 'tE']);
    expect(await ids('status=FAILED,WAITING')).toEqual(['tD', 'tE']);
    expect(await ids('metricMin=0.7')).toEqual(['tA']);
    expect(await ids('metricMax=0.7&metricMin=-1')).toEqual(['tB']);
    expect(await ids('search=ADAM')).toEqual(['tA', 'tC']);
    expect(await ids('search=0.01')).toEqual(['tB']);
    expect(await ids('search=lr')).toEqual([]); // labels are not searched, only values
  });

  it('refuses each bad query parameter with a 400 naming it and what is allowed', async () => {
    const cases: [string, string, RegExp][] = [
      ['/trials?offset=-1', 'offset', /0 … 2147483647/],
      ['/trials?offset=2147483648', 'offset', /0 … 2147483647/],
      ['/trials?offset=1.5', 'offset', /integer/],
      ['/trials?limit=0', 'limit', /1 … 1000/],
      ['/trials?limit=1000000000', 'limit', /1 … 1000\b/],
      ['/trials?limit=', 'limit', /1 … 1000/],
      ['/trials?sort=bogus', 'sort', /sequenceId, trialJobId, status, metric, duration, startTime, endTime or param:<label>/],
      ['/trials?order=up', 'order', /asc or desc/],
      ['/trials?status=DONE', 'status', /SUCCEEDED/],
      ['/trials?status=', 'status', /comma-separated/],
      ['/trials?metricMin=abc', 'metricMin', /finite number/],
      ['/trials?metricMax=Infinity', 'metricMax', /finite number/],
      ['/trials?metricMin=2&metricMax=1', 'metricMax', /≥ metricMin/],
      [`/trials?search=${'x'.repeat(201)}`, 'search', /at most 200 characters/],
      ['/trial-columns?limit=100001', 'limit', /1 … 100000/],
      ['/trial-columns?status=nope', 'status', /statuses/],
      ['/intermediate?limit=0', 'limit', /1 … 1000/],
      ['/intermediate?trials=a,b%2F', 'trials', /trial ids/],
      [`/intermediate?trials=${Array.from({ length: 51 }, (_, i) => `t${i}`).join(',')}`, 'trials', /at most 50/],
      ['/intermediate?trials=tA&limit=3', 'limit', /not both/],
    ];
    for (const [path, name, allowed] of cases) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.path, path).toEqual(['query', name]);
      expect(body.error.message, path).toContain(`"${name}"`);
      expect(body.error.message, path).toMatch(allowed);
      expect(body.error.expected, path).toMatch(allowed);
    }
  });
});

describe('GET /api/v1/archspace/trials/:id', () => {
  it('gives the summary with parameters, intermediate and final results', async () => {
    const { status, body } = await get('/trials/tA');
    expect(status).toBe(200);
    expect(body).toMatchObject({ trialJobId: 'tA', metric: 0.9, duration: 2000, trialParameters: { lr: 0.1, model: { layers: 0 } }, final: { value: 0.9, data: { default: 0.9, loss: 0.1 } } });
    expect(body.intermediate).toEqual([
      { sequence: 0, timestamp: 1001, value: 0.5 },
      { sequence: 1, timestamp: 1002, value: 0.7 },
    ]);
    expect(body.logPath).toMatch(/trials\/tA$/);
    expect((await get('/trials/tE')).body.final).toBeNull();
  });

  it('answers an unknown id with 404 unknown-trial', async () => {
    const { status, body } = await get('/trials/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('unknown-trial');
  });
});

describe('GET /api/v1/archspace/trial-columns, /intermediate, /importance', () => {
  it('gives every trial column by column, labels as keys of a plain record', async () => {
    const { body } = await get('/trial-columns?status=SUCCEEDED,RUNNING');
    expect(body).toEqual({
      total: 3,
      sequenceId: [0, 1, 2],
      trialJobId: ['tA', 'tB', 'tC'],
      status: ['SUCCEEDED', 'SUCCEEDED', 'RUNNING'],
      metric: [0.9, 0.6, null],
      parameters: { lr: [0.1, 0.01, 0.05], ['__proto__']: ['adam', 'SGD', 'adam'], 'a/b': [1, null, 2] },
    });
    expect(Object.keys(body.parameters)).toContain('__proto__');
  });

  it('gives intermediate results of named trials, or of the latest started ones', async () => {
    expect((await get('/intermediate?trials=tB,tE')).body).toEqual({ tB: [{ sequence: 0, value: 0.4 }], tE: [] });
    expect(Object.keys((await get('/intermediate?limit=2')).body)).toEqual(['tC', 'tB']);
    expect(Object.keys((await get('/intermediate')).body)).toEqual(['tC', 'tB', 'tA']);
    const unknown = await get('/intermediate?trials=tA,zz');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown-trial');
  });

  it('gives the importance of every label over the trials with a final metric', async () => {
    const { body } = await get('/importance');
    expect(body.method).toMatch(/correlation ratio/);
    expect(body.trials).toBe(2);
    expect(body.importances.map((i: { label: string }) => i.label).sort()).toEqual(['__proto__', 'a/b', 'lr']);
    expect(body.importances.find((i: { label: string }) => i.label === 'lr')).toMatchObject({ kind: 'numerical', active: 2 });
    expect(body.importances.find((i: { label: string }) => i.label === 'a/b')).toMatchObject({ kind: 'numerical', active: 1 });
  });
});

describe('writes', () => {
  it('are refused without the right token (401), and nothing changes', async () => {
    const before = { profile: fixture.manager.profile(), trials: fixture.manager.store.countTrials() };
    const attempts: [string, string, string | undefined][] = [
      ['POST', '/api/v1/archspace/trial-jobs', '{"x":1}'],
      ['PUT', '/api/v1/nni/experiment?update_type=TRIAL_CONCURRENCY', JSON.stringify({ params: { trialConcurrency: 9 } })],
      ['DELETE', '/api/v1/archspace/trial-jobs/tE', undefined],
      ['DELETE', '/api/v1/nni/experiment', undefined],
    ];
    for (const [method, path, body] of attempts) {
      for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`]) {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
        const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
        expect(res.status, `${method} ${path} ${authorization}`).toBe(401);
      }
    }
    expect({ profile: fixture.manager.profile(), trials: fixture.manager.store.countTrials() }).toEqual(before);
    expect(fixture.manager.store.getTrial('tE')!.status).toBe('WAITING');
  });

  it('are refused in a viewed experiment (403 read-only-experiment), whose overview says readOnly', async () => {
    const viewed = fixture.view();
    const viewApp = createRestApp(viewed, { token: TOKEN, publicReads: true });
    const overview = (await (await viewApp.request('/api/v1/archspace/overview')).json()) as { readOnly: boolean; status: string };
    expect(overview).toMatchObject({ readOnly: true, status: 'VIEWED' });
    for (const [method, path] of [
      ['DELETE', '/api/v1/nni/experiment'],
      ['POST', '/api/v1/nni/trial-jobs'],
      ['PUT', '/api/v1/archspace/experiment?update_type=TRIAL_CONCURRENCY'],
      ['DELETE', '/api/v1/nni/trial-jobs/tE'],
    ] as const) {
      const res = await viewApp.request(path, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: method === 'DELETE' ? null : '{}' });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('read-only-experiment');
    }
    // Without the token it is still 401 first.
    expect((await viewApp.request('/api/v1/nni/experiment', { method: 'DELETE' })).status).toBe(401);
  });
});
