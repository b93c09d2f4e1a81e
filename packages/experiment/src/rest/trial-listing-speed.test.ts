/**
 * The lead's goal: GET /trial-jobs lists 100,000 stored trials in ≤ 200 ms. This measures the REST
 * layer alone (the fake manager hands over ready objects) and prints the figures; it only fails
 * beyond a bound generous enough for a loaded CI machine.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrialJobInfo } from '../records.js';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager, manyTrialJobs } from './test-support/fake-manager.js';

const COUNT = 100_000;

class ManyTrials extends FakeManager {
  constructor(readonly trials: readonly TrialJobInfo[]) {
    super();
  }
  override listTrialJobs(): readonly TrialJobInfo[] {
    return this.trials;
  }
}

/** Milliseconds until the whole body has arrived, and its size. */
function download(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - start, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

/** A manager whose store keeps each trial's `TrialJobInfo` as JSON text (the optional fast path). */
class ManyTrialTexts extends ManyTrials {
  readonly texts: readonly string[];
  constructor(trials: readonly TrialJobInfo[]) {
    super(trials);
    this.texts = trials.map((t) => JSON.stringify(t));
  }
  listTrialJobsJson(): readonly string[] {
    return this.texts;
  }
}

/** Milliseconds curl (another process, so the server has this event loop to itself) takes for the whole body. */
async function curl(url: string): Promise<number | undefined> {
  try {
    const { stdout } = await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', url]);
    return Number(stdout) * 1000;
  } catch {
    return undefined; // no curl here
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const trials = manyTrialJobs(COUNT);
let plain: RestServer;
let frozen: RestServer;
let texts: RestServer;
beforeAll(async () => {
  plain = await startRestServer(new ManyTrials(trials));
  frozen = await startRestServer(new ManyTrials(manyTrialJobs(COUNT, true)));
  texts = await startRestServer(new ManyTrialTexts(trials));
});
afterAll(async () => {
  await Promise.all([plain.close(), frozen.close(), texts.close()]);
});

describe(`GET /trial-jobs with ${COUNT.toLocaleString('en')} trials`, () => {
  it('streams the listing quickly', async () => {
    const figures: Record<string, string> = {};
    for (const [name, server] of [
      ['fresh objects', plain],
      ['frozen objects (cached JSON)', frozen],
      ['JSON texts from the manager', texts],
    ] as const) {
      const url = `${server.url}/api/v1/nni/trial-jobs`;
      await download(url); // warm-up (and, for frozen objects, fills the cache)
      const runs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        const r = await download(url);
        runs.push(r.ms);
        bytes = r.bytes;
      }
      const curlRuns: number[] = [];
      for (let i = 0; i < 5; i++) {
        const ms = await curl(url);
        if (ms !== undefined) curlRuns.push(ms);
      }
      const start = performance.now();
      const parsed = (await (await fetch(url)).json()) as unknown[];
      const withParse = performance.now() - start;
      expect(parsed).toHaveLength(COUNT);
      expect(parsed[COUNT - 1]).toEqual(JSON.parse(JSON.stringify(trials.at(-1))));
      const list = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms (${xs.map((r) => r.toFixed(0)).join(', ')})`;
      figures[name] = [
        `${(bytes / 1e6).toFixed(1)} MB`,
        curlRuns.length > 0 ? `curl ${list(curlRuns)}` : 'no curl',
        `in-process client ${list(runs)}`,
        `fetch + JSON.parse ${withParse.toFixed(0)} ms`,
      ].join('; ');
      expect(median(runs)).toBeLessThan(5000);
    }
    console.log(`GET /trial-jobs, ${COUNT} trials:\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  });
});
