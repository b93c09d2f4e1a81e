/**
 * The dashboard's files: `/` gives `index.html`, `/assets/…` the hashed files with a long cache,
 * every answer has `nosniff` and the CSP, no path reaches outside the folder (`..`, encoded or not),
 * the files load without the API's token, and without a built dashboard `/` says how to build it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE, DASHBOARD_CSP } from './dashboard-static.js';
import { createRestApp } from './rest-app.js';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';
import { rawRequest } from './test-support/raw-request.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-dashboard-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>archspace</title><script type="module" src="./assets/app-3f2a.js"></script>');
writeFileSync(join(dist, 'assets', 'app-3f2a.js'), 'console.log("app");');
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
mkdirSync(join(root, 'empty'));

const TOKEN = 'tok';
const app = createRestApp(new FakeManager(), { dashboardDir: dist, token: TOKEN, publicReads: false });

describe('the dashboard is served', () => {
  it('at / (index.html, no cache) with nosniff and the CSP, without the token the API needs', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>archspace</title>');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/api/v1/nni/check-status')).status).toBe(401);
  });

  it('with hashed assets cached for a year, other files, and index.html for app routes', async () => {
    const asset = await app.request('/assets/app-3f2a.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe(ASSET_CACHE);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await asset.text()).toBe('console.log("app");');
    expect((await app.request('/favicon.svg')).headers.get('content-type')).toMatch(/svg/);
    expect((await app.request('/assets/nope.js')).status).toBe(404);
    const route = await app.request('/trials/abc');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>archspace</title>');
    const head = await app.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('under the URL prefix', async () => {
    const prefixed = createRestApp(new FakeManager(), { dashboardDir: dist, urlPrefix: 'nni' });
    for (const path of ['/nni', '/nni/']) expect(await (await prefixed.request(path)).text()).toContain('<title>archspace</title>');
    expect((await prefixed.request('/nni/assets/app-3f2a.js')).status).toBe(200);
    expect((await prefixed.request('/nni/api/v1/nni/check-status')).status).toBe(200);
    expect((await prefixed.request('/')).status).toBe(404);
  });
});

describe('no path leaves the dashboard folder', () => {
  let server: RestServer;
  beforeAll(async () => {
    server = await startRestServer(new FakeManager(), { dashboardDir: dist });
  });
  afterAll(() => server.close());

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '//secret.txt',
    '/assets//../../secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/%252e%252e/secret.txt',
    '/secret.txt%00.js',
  ])('%s', async (path) => {
    const { status, body } = await rawRequest(server.port, path);
    expect(body).not.toContain('TOP SECRET');
    expect([200, 400, 404]).toContain(status);
    if (status === 200) expect(body).toContain('<title>archspace</title>');
  });
});

describe('without a built dashboard', () => {
  it.each([
    ['no folder', undefined],
    ['a folder without index.html', join(root, 'empty')],
  ])('/ says how to build it (%s); other paths stay 404', async (_name, dir) => {
    const bare = createRestApp(new FakeManager(), dir === undefined ? {} : { dashboardDir: dir });
    const res = await bare.request('/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('npm run setup');
    expect((await bare.request('/assets/app.js')).status).toBe(404);
    expect((await bare.request('/api/v1/nni/check-status')).status).toBe(200);
  });
});
