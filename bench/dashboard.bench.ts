/**
 * Speed of the dashboard's reads over a stored experiment of 100,000 trials, always cold: every
 * figure is a request that is either the first one a fresh server process answers, or the first one
 * after a write committed to the store — never one a cache filled by an earlier request. (a) A page
 * of 100 trials sorted by final metric (`GET /api/v1/archspace/trials?sort=metric&order=desc`), goal
 * ≤ 20 ms; (b) the whole `GET /api/v1/nni/trial-jobs` listing (about 55 MB), goal ≤ 1 s; (c) the first
 * paint of the dashboard's trials page in headless Chromium (a browser started for the run, so its
 * cache is empty), from navigation to the first table row in the page, goal ≤ 1 s. The client
 * is this process, the server a child (`dashboard-server.ts`, serving as `archspace view` does);
 * each figure is the median of `RUNS` server processes (`ARCHSPACE_DASHBOARD_RUNS`, default 5),
 * printed with its min–max. The operating system's file cache is warm (the store was just written).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore, STORE_FILE, type TrialJobStatus } from '@archspace/experiment';
import { launchChromium } from '../test/support/chromium.js';
import { type Goal, report } from './harness.js';

const TRIALS = 100_000;
const RUNS = Number(process.env.ARCHSPACE_DASHBOARD_RUNS ?? 5);
const PAGE = '/api/v1/archspace/trials?sort=metric&order=desc&limit=100';
const LISTING = '/api/v1/nni/trial-jobs';
const here = dirname(fileURLToPath(import.meta.url));

/** Writes an experiment of `TRIALS` finished trials (one in ten without a final metric). */
function createStore(dir: string): void {
  const store = SqliteStore.open(join(dir, STORE_FILE));
  const now = Date.now();
  store.saveExperiment({ id: 'bench', config: { trialCommand: 'true', trialConcurrency: 1 }, status: 'DONE', startTime: now, execDuration: 1, nextSequenceId: TRIALS, revision: 0, logDir: dir });
  const statuses: TrialJobStatus[] = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'EARLY_STOPPED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED'];
  store.transaction(() => {
    for (let i = 0; i < TRIALS; i++) {
      const trialJobId = `t${i.toString(36)}`;
      const sample = { lr: 0.001 * (1 + (i % 97)), batch: 32 << i % 3, dropout: (i % 50) / 100, optimizer: ['adam', 'sgd', 'rmsprop'][i % 3]! };
      const status = statuses[i % 10]!;
      const start = now - 1_000_000 + i;
      store.insertTrial({ trialJobId, sequenceId: i, status, parameterId: i, parameters: sample, sample, startTime: start, endTime: start + 1000 + (i % 777), logPath: join(dir, 'trials', trialJobId), ...(status === 'FAILED' ? { message: 'exit code 1' } : {}) });
      if (status !== 'FAILED') store.insertMetric({ trialJobId, parameterId: i, type: 'FINAL', sequence: 0, timestamp: start + 1000, data: JSON.stringify({ default: ((i * 7919) % 100_000) / 100_000 }) });
    }
  });
  store.close();
}

/** What arrived: the byte count, the first and last bytes, and (for a short body) the whole of it. */
interface Answer {
  readonly ms: number;
  readonly status: number;
  readonly bytes: number;
  readonly first: number;
  readonly last: number;
  readonly body: Buffer | undefined;
}

/**
 * Milliseconds until the whole body of `GET url` has arrived. A long body is counted as it arrives,
 * not kept, so the client's own copying stays out of the figure.
 */
function timedGet(url: string): Promise<Answer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const kept: Buffer[] = [];
      let bytes = 0;
      let first = -1;
      let last = -1;
      res.on('data', (chunk: Buffer) => {
        if (chunk.length === 0) return;
        if (bytes < 1 << 20) kept.push(chunk);
        if (first < 0) first = chunk[0]!;
        last = chunk[chunk.length - 1]!;
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode ?? 0, bytes, first, last, body: bytes <= 1 << 20 ? Buffer.concat(kept) : undefined }));
    })
      .on('error', reject)
      .end();
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the bench server exited (${code}) before answering`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Checks an answer, so that a fast wrong one never counts. */
function check(path: string, answer: Answer, afterWrite: boolean): void {
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.body?.toString().slice(0, 300) ?? ''}`);
  if (path === PAGE) {
    const page = JSON.parse(answer.body!.toString()) as { total: number; trials: { metric: number | null; trialJobId: string }[] };
    const metrics = page.trials.map((t) => t.metric!);
    if (page.total !== TRIALS || page.trials.length !== 100 || metrics.some((m, i) => i > 0 && m > metrics[i - 1]!)) throw new Error('the page is not the 100 best trials in order');
    if (afterWrite && page.trials[0]!.metric !== 2) throw new Error('the page does not show the write');
  } else if (answer.bytes < TRIALS * 200 || answer.first !== 0x5b || answer.last !== 0x5d) {
    throw new Error(`the listing is ${answer.bytes} bytes`);
  }
}

/** Runs `use` against a fresh server process (`dashboard-server.ts`) that writes trial `writeSequence` when told, then stops it. */
async function withServer<T>(dir: string, writeSequence: number, use: (url: string, child: ChildProcess) => Promise<T>): Promise<T> {
  const child = fork(join(here, 'dashboard-server.ts'), [dir, String(writeSequence)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const { url } = await nextMessage<{ url: string }>(child);
    return await use(url, child);
  } finally {
    child.send('exit');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

/** One server process: the first request, then a write, then the first request after it. */
function serverRun(dir: string, path: string, writeSequence: number): Promise<{ fresh: number; afterWrite: number }> {
  return withServer(dir, writeSequence, async (url, child) => {
    const fresh = await timedGet(`${url}${path}`);
    check(path, fresh, false);
    child.send('write');
    await nextMessage(child);
    const after = await timedGet(`${url}${path}`);
    check(path, after, true);
    return { fresh: fresh.ms, afterWrite: after.ms };
  });
}

/**
 * One server process and one fresh Chromium: milliseconds from asking for the trials page until its
 * first row is in the page (the app loaded, the first page of trials fetched and drawn).
 */
async function paintRun(dir: string): Promise<number> {
  return withServer(dir, 0, async (url) => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const start = performance.now();
      await page.goto(`${url}/#/trials`, { waitUntil: 'commit' });
      await page.locator('[data-testid="trial-row"]').first().waitFor({ state: 'visible' });
      const ms = performance.now() - start;
      const rows = await page.locator('[data-testid="trial-row"]').count();
      if (rows < 5) throw new Error(`the trials page shows ${rows} rows`);
      return ms;
    } finally {
      await browser.close();
    }
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function reportRuns(name: string, runs: readonly number[], goal: Goal): void {
  let min = Infinity;
  let max = -Infinity;
  for (const r of runs) {
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const digits = goal.value < 100 ? 1 : 0;
  report(`${name} [median of ${runs.length} processes, min–max ${min.toFixed(digits)}–${max.toFixed(digits)} ${goal.unit}]`, median(runs), goal);
}

export default async function dashboardBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-bench-dashboard-'));
  try {
    const started = performance.now();
    createStore(dir);
    console.log(`(stored ${TRIALS.toLocaleString('en')} trials in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const figures = { pageFresh: [] as number[], pageAfterWrite: [] as number[], listingFresh: [] as number[], listingAfterWrite: [] as number[], paint: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      // Each run finishes a different trial that had no final metric (sequence ids ending in 9 failed).
      const page = await serverRun(dir, PAGE, run * 20 + 9);
      const listing = await serverRun(dir, LISTING, run * 20 + 19);
      figures.pageFresh.push(page.fresh);
      figures.pageAfterWrite.push(page.afterWrite);
      figures.listingFresh.push(listing.fresh);
      figures.listingAfterWrite.push(listing.afterWrite);
      figures.paint.push(await paintRun(dir));
    }
    const pageGoal: Goal = { bound: '≤', value: 20, unit: 'ms' };
    const listingGoal: Goal = { bound: '≤', value: 1000, unit: 'ms' };
    const n = TRIALS.toLocaleString('en');
    reportRuns(`page of 100 sorted by metric, ${n} trials, first request of a fresh server`, figures.pageFresh, pageGoal);
    reportRuns(`page of 100 sorted by metric, ${n} trials, first request after a write`, figures.pageAfterWrite, pageGoal);
    reportRuns(`GET /trial-jobs, ${n} trials, first request of a fresh server`, figures.listingFresh, listingGoal);
    reportRuns(`GET /trial-jobs, ${n} trials, first request after a write`, figures.listingAfterWrite, listingGoal);
    reportRuns(`first paint of the trials page (first row drawn), ${n} trials, fresh server and fresh headless Chromium`, figures.paint, { bound: '≤', value: 1000, unit: 'ms' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
