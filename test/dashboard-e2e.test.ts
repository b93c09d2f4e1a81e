/**
 * The web dashboard end to end, in Debian's Chromium: a 30-trial NAS experiment served by its own
 * manager, followed from the page. The overview's numbers agree with the REST API; the trials table
 * sorts and filters; a trial's curve and architecture graph are drawn; a running trial is killed and
 * the concurrency changed from the page (a wrong token changes nothing); the experiment is stopped
 * from the page; `view` of the finished experiment shows no write control; an unknown trial gets a
 * clear page. A second, two-objective experiment's trials table has a column per objective (in
 * place of Metric) and sorts by one on the server. Every page is saved as a screenshot under
 * reports/screenshots/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LayerChoice, ModelSpace, type Tensor, nn } from '@archspace/mutables';
import { Random } from '@archspace/strategies';
import { type LaunchedExperiment, startExperiment, startNasExperiment, viewExperiment } from '@archspace/experiment';
import { launchChromium } from './support/chromium.js';
// @ts-expect-error: a plain JavaScript fixture without type declarations.
import { PacedConvEvaluator } from './fixtures/paced-conv-evaluator.mjs';

const evaluatorModule = fileURLToPath(new URL('./fixtures/paced-conv-evaluator.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const screenshots = fileURLToPath(new URL('../reports/screenshots/', import.meta.url));

class Net extends ModelSpace {
  static override labelPrefix = 'net';
  stem = new LayerChoice({ conv3: new nn.Conv2d(4, 4, 3, { padding: 1 }), conv1: new nn.Conv2d(4, 4, 1), skip: new nn.Identity() }, { label: 'stem' });
  body = new LayerChoice({ conv3: new nn.Conv2d(4, 4, 3, { padding: 1 }), pool: new nn.MaxPool2d(3, { stride: 1, padding: 1 }), relu: new nn.ReLU() }, { label: 'body' });
  head = new LayerChoice({ conv1: new nn.Conv2d(4, 4, 1), avg: new nn.AvgPool2d(3, { stride: 1, padding: 1 }) }, { label: 'head' });
  tail = new LayerChoice({ bn: new nn.BatchNorm2d(4), skip: new nn.Identity() }, { label: 'tail' });
  forward(x: Tensor) {
    return this.tail.call(this.head.call(this.body.call(this.stem.call(x))));
  }
}

interface Overview {
  readonly id: string;
  readonly status: string;
  readonly trialConcurrency: number;
  readonly maxTrialNumber: number | null;
  readonly trialCounts: Readonly<Record<string, number>>;
  readonly totalTrials: number;
  readonly best: { readonly trialJobId: string; readonly metric: number } | null;
}
interface TrialsPage {
  readonly total: number;
  readonly trials: readonly { readonly trialJobId: string; readonly status: string; readonly metric: number | null }[];
}

let browser: Browser;
let experiment: LaunchedExperiment;
let experimentClosed = false;
let workingDirectory: string;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-dashboard-'));
  experiment = await startNasExperiment({
    space: Net.create(),
    inputShapes: [[null, 4, 8, 8]],
    evaluator: new PacedConvEvaluator({ epochs: 6, epochMs: 400 }),
    strategy: new Random(),
    imports: [evaluatorModule],
    config: { trialConcurrency: 2, maxTrialNumber: 30, seed: 5, experimentWorkingDirectory: workingDirectory },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (experiment !== undefined && !experimentClosed) {
    await experiment.manager.stop();
    await experiment.close();
  }
});

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const response = await fetch(`${experiment.server!.url}/api/v1/archspace${path}`, init);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
};

/** Waits until `check` passes (it throws while it does not), polling. */
async function eventually(check: () => Promise<void> | void, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

/** The part of a browser canvas the pixel count reads (the tests' type check has no DOM library). */
interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { readonly data: ArrayLike<number> } } | null;
}

/** Moves the page to another of the app's routes, as a click on a link would. */
const goTo = (page: Page, hash: string): Promise<unknown> => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);

/** How many pixels of the canvases inside `locator` are not blank: a chart that drew something has many. */
async function paintedPixels(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    let painted = 0;
    for (const canvas of Array.from(element.querySelectorAll('canvas') as ArrayLike<unknown> as ArrayLike<CanvasLike>)) {
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    }
    return painted;
  });
}

/** A new browser tab (with its own session storage) on `hash`, given the token in the address (`null`: none). */
async function openPage(hash: string, token: string | null = experiment.token): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${experiment.server!.url}/${token === null ? '' : `#token=${token}`}`);
  if (hash !== '#/') await goTo(page, hash);
  return page;
}

const shoot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

it('follows, sorts, filters, draws, kills, updates and stops a running experiment from the page', async () => {
  const page = await openPage('#/');
  // The token left the address bar at once.
  expect(page.url()).not.toContain('token=');

  // Overview: the numbers the REST API gives.
  await eventually(async () => {
    const overview = await api<Overview>('/overview');
    expect(await text(page.getByTestId('overview-id'))).toBe(overview.id);
    expect(await text(page.getByTestId('overview-status'))).toContain(overview.status);
    expect(await text(page.getByTestId('overview-trials-done'))).toBe(`${overview.trialCounts['SUCCEEDED']} / ${overview.maxTrialNumber}`);
    expect(await text(page.getByTestId('overview-concurrency'))).toBe(String(overview.trialConcurrency));
    expect(overview.trialCounts['SUCCEEDED']).toBeGreaterThanOrEqual(4);
    expect(overview.best).not.toBeNull();
    expect(await text(page.getByTestId('overview-best'))).toContain(String(overview.best!.metric));
  }, 40_000);
  await shoot(page, 'overview');

  // Trials table: sorted by metric, highest first, as the API sorts it.
  await page.getByTestId('nav-trials').click();
  const table = page.getByTestId('trials-table');
  await table.waitFor();
  const sortMetric = page.getByTestId('sort-metric');
  await sortMetric.click();
  if ((await page.locator('[aria-sort]').filter({ has: sortMetric }).getAttribute('aria-sort')) !== 'descending') await sortMetric.click();
  await eventually(async () => {
    const best = await api<TrialsPage>('/trials?sort=metric&order=desc&limit=1');
    const first = page.getByTestId('trial-row').first();
    expect(await first.getAttribute('data-trial-id')).toBe(best.trials[0]!.trialJobId);
  });
  await shoot(page, 'trials-sorted-by-metric');

  // Filtered by status: only SUCCEEDED rows, as many as the API counts.
  await page.getByTestId('status-filter').selectOption('SUCCEEDED');
  await eventually(async () => {
    const succeeded = await api<TrialsPage>('/trials?status=SUCCEEDED&limit=1');
    expect(await text(page.getByTestId('trials-total'))).toContain(String(succeeded.total));
    const statuses = await page.getByTestId('trial-row').locator('[data-column=status]').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set(['SUCCEEDED']));
  });
  await shoot(page, 'trials-filtered-succeeded');

  // A finished trial: its learning curve and its architecture are drawn.
  const done = (await api<TrialsPage>('/trials?status=SUCCEEDED&limit=1')).trials[0]!;
  await goTo(page, `#/trials/${done.trialJobId}`);
  await page.getByTestId('trial-detail').waitFor();
  expect(await text(page.getByTestId('trial-status'))).toContain('SUCCEEDED');
  await eventually(async () => expect(await paintedPixels(page.getByTestId('metric-curve'))).toBeGreaterThan(500));
  const graph = page.getByTestId('architecture-graph');
  await graph.waitFor();
  expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThanOrEqual(3);
  expect(await graph.getByTestId('arch-node').count()).toBeGreaterThanOrEqual(3);
  expect(await graph.locator('path, line, polyline').count()).toBeGreaterThanOrEqual(2);
  await shoot(page, 'trial-detail');

  // Kill a running trial from its page, the one that started last. A trial runs for a few seconds,
  // and on a loaded machine it may end before its page shows (with no kill button then) or before
  // the kill reaches it (it then SUCCEEDS): pick another until one is killed.
  let running: TrialsPage['trials'][number] | undefined;
  await eventually(async () => {
    running = (await api<TrialsPage>('/trials?status=RUNNING&sort=startTime&order=desc&limit=1')).trials[0];
    expect(running).toBeDefined();
    await goTo(page, `#/trials/${running!.trialJobId}`);
    await page.getByTestId('kill-trial').click({ timeout: 5_000 });
    let status = 'RUNNING';
    for (let polls = 0; status === 'RUNNING' && polls < 100; polls++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await api<{ status: string }>(`/trials/${running!.trialJobId}`)).status;
    }
    expect(status).toBe('USER_CANCELED');
  }, 90_000);
  await eventually(async () => expect(await text(page.getByTestId('trial-status'))).toContain('USER_CANCELED'));
  const killed = await api<{ status: string }>(`/trials/${running!.trialJobId}`);
  expect(killed.status).toBe('USER_CANCELED');
  await shoot(page, 'trial-killed');

  // A page without the token asks for it when it tries a change; a wrong token changes nothing.
  const intruder = await openPage('#/', null);
  await intruder.getByTestId('concurrency-input').fill('5');
  await intruder.getByTestId('concurrency-save').click();
  await intruder.getByTestId('token-dialog').waitFor();
  await intruder.getByTestId('token-input').fill('not-the-token');
  await intruder.getByTestId('token-save').click();
  await eventually(async () => expect((await intruder.getByTestId('overview-error').count()) + (await intruder.getByTestId('token-dialog').count())).toBeGreaterThan(0));
  await shoot(intruder, 'wrong-token');
  expect((await api<Overview>('/overview')).trialConcurrency).toBe(2);
  await intruder.close();

  // Change the concurrency from the page.
  await page.getByTestId('nav-overview').click();
  expect(await page.getByTestId('concurrency-input').getAttribute('placeholder')).toMatch(/^2\b/);
  await page.getByTestId('concurrency-input').fill('3');
  await page.getByTestId('concurrency-save').click();
  await eventually(async () => expect((await api<Overview>('/overview')).trialConcurrency).toBe(3));
  await eventually(async () => expect(await text(page.getByTestId('overview-concurrency'))).toBe('3'));

  // Charts: each one drew something.
  await page.getByTestId('nav-charts').click();
  for (const chart of ['chart-scatter', 'chart-curves', 'chart-parallel', 'chart-importance']) {
    await eventually(async () => expect(await paintedPixels(page.getByTestId(chart)), chart).toBeGreaterThan(500));
  }
  expect(await text(page.getByTestId('importance-method'))).not.toBe('');
  await shoot(page, 'charts');

  // Compare two finished trials.
  const two = (await api<TrialsPage>('/trials?status=SUCCEEDED&limit=2')).trials.map((t) => t.trialJobId);
  await goTo(page, `#/compare?ids=${two.join(',')}`);
  await page.getByTestId('compare-table').waitFor();
  for (const id of two) expect(await text(page.getByTestId('compare-table'))).toContain(id);
  await eventually(async () => expect(await paintedPixels(page.getByTestId('compare-curves'))).toBeGreaterThan(500));
  await shoot(page, 'compare');

  // Stop the experiment from the page.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('stop-experiment').click();
  await page.getByTestId('stop-experiment-confirm').click();
  expect(await experiment.done).toBe('STOPPED');
  await eventually(async () => expect(await text(page.getByTestId('overview-status'))).toContain('STOPPED'));
  await shoot(page, 'overview-stopped');
  await page.close();
}, 180_000);

it('shows a clear page for an unknown trial', async () => {
  const page = await openPage('#/trials/no-such-trial');
  const notFound = page.getByTestId('not-found');
  await notFound.waitFor();
  expect(await text(notFound)).toContain('no-such-trial');
  await shoot(page, 'unknown-trial');
  await page.close();
});

it('`view` of the finished experiment shows everything and no write control', async () => {
  await experiment.close();
  experimentClosed = true;
  const viewed = await viewExperiment(experiment.dir);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${viewed.server!.url}/`);
    await page.getByTestId('read-only-badge').waitFor();
    // As in the reference, a viewed experiment's status is VIEWED.
    expect(await text(page.getByTestId('overview-status'))).toContain('VIEWED');
    for (const control of ['overview-controls', 'stop-experiment', 'concurrency-save', 'max-trials-save', 'max-duration-save']) {
      expect(await page.getByTestId(control).count(), control).toBe(0);
    }
    await shoot(page, 'view-overview');
    await page.getByTestId('nav-trials').click();
    await page.getByTestId('trial-row').first().waitFor();
    const id = await page.getByTestId('trial-row').first().getAttribute('data-trial-id');
    await goTo(page, `#/trials/${id}`);
    await page.getByTestId('trial-detail').waitFor();
    expect(await page.getByTestId('kill-trial').count()).toBe(0);
    await shoot(page, 'view-trial');
    await page.close();
  } finally {
    await viewed.close();
  }
}, 60_000);

it('with several objectives, shows a column per objective and sorts by one on the server', async () => {
  // hpo-trial.mjs reports { default: -((x - 5) ** 2) + y, x } and crashes for x = 7 (no final result).
  const multi = await startExperiment(
    {
      searchSpace: { x: { _type: 'choice', _value: [3, 5, 7, 8, 9] }, y: { _type: 'uniform', _value: [0, 1] } },
      trialCommand: 'node hpo-trial.mjs',
      trialCodeDirectory: fixtures,
      trialConcurrency: 4,
      maxTrialNumber: 10,
      tuner: { name: 'Random' },
      objectives: [
        { name: 'default', direction: 'maximize' },
        { name: 'x', direction: 'minimize' },
      ],
      seed: 3,
      experimentWorkingDirectory: mkdtempSync(join(tmpdir(), 'archspace-dashboard-objectives-')),
    },
    { id: 'objectives' },
  );
  try {
    expect(await multi.done).toBe('DONE');
    const listed = async (q: string) => {
      const response = await fetch(`${multi.server!.url}/api/v1/archspace/trials?${q}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { trials: { trialJobId: string; objectives: (number | null)[] }[] }).trials;
    };
    const all = await listed('limit=100');
    const unreported = all.filter((t) => t.objectives[1] === null).map((t) => t.trialJobId);
    expect(unreported.length, 'a trial that crashed (x = 7)').toBeGreaterThan(0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(`${multi.server!.url}/#token=${multi.token}`);
    await goTo(page, '#/trials');
    const sortX = page.locator('[data-testid="sort-objective:x"]');
    await sortX.waitFor();
    expect(await text(page.locator('[data-testid="sort-objective:default"]'))).toBe('default ↑');
    expect(await text(sortX)).toBe('x ↓');
    expect(await page.getByTestId('sort-metric').count()).toBe(0);

    /** The rows' trial ids and `x` cells, in table order. */
    const rows = async () => {
      const found = await page.getByTestId('trial-row').evaluateAll((elements) =>
        elements.map((row) => ({
          index: Number(row.getAttribute('data-index')),
          id: row.getAttribute('data-trial-id')!,
          x: (row.querySelector('[data-column="objective:x"]')?.textContent ?? '').trim(),
        })),
      );
      return found.sort((a, b) => a.index - b.index);
    };
    await eventually(async () => expect((await rows()).length).toBe(all.length));
    for (const row of await rows()) expect(row.x, row.id).toBe(unreported.includes(row.id) ? '' : String(all.find((t) => t.trialJobId === row.id)!.objectives[1]));
    const bySequence = (await rows()).map((r) => r.id);

    // Ascending x: the rows reorder as the server sorts them, the unreported last.
    await sortX.click();
    const ascending = (await listed('sort=objective:x&order=asc&limit=100')).map((t) => t.trialJobId);
    expect(ascending).not.toEqual(bySequence);
    await eventually(async () => expect((await rows()).map((r) => r.id)).toEqual(ascending));
    const xs = (await rows()).map((r) => r.x);
    const reported = xs.filter((x) => x !== '').map(Number);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(xs.slice(reported.length).every((x) => x === '')).toBe(true);
    expect(await page.locator('[aria-sort]').filter({ has: sortX }).getAttribute('aria-sort')).toBe('ascending');
    await shoot(page, 'trials-sorted-by-objective');

    // Descending: reversed among the reported, the unreported still last.
    await sortX.click();
    const descending = (await listed('sort=objective:x&order=desc&limit=100')).map((t) => t.trialJobId);
    await eventually(async () => expect((await rows()).map((r) => r.id)).toEqual(descending));
    const down = (await rows()).map((r) => r.x);
    expect(down.slice(0, reported.length).map(Number)).toEqual([...reported].sort((a, b) => b - a));
    expect(down.slice(reported.length).every((x) => x === '')).toBe(true);
    await page.close();
  } finally {
    await multi.close();
  }
}, 120_000);
