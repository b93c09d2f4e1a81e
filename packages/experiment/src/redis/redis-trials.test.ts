/**
 * The `redis` platform against a real Redis server: trials run on workers with the local protocol and
 * their metrics, results and output come back; a stop reaches the worker holding the trial; a worker
 * of another queue takes nothing; bad payloads, missing commands and unreachable servers fail with
 * clear reasons.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchspaceError } from '@archspace/ir';
import { parseExperimentConfig } from '../config/parse-experiment-config.js';
import { type LaunchedExperiment, startExperiment } from '../launch/launch-experiment.js';
import { TrialWorker } from './trial-worker.js';
import { startTestRedis, type TestRedisServer } from './test-support/redis-server.js';
import { TRIAL_JOB_NAME } from './trial-job.js';

let redis: TestRedisServer;
const workers: TrialWorker[] = [];
const experiments: LaunchedExperiment[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await Promise.allSettled(experiments.map((e) => e.close()));
  await Promise.allSettled(workers.map((w) => w.close(true)));
  await redis?.stop();
});

const TRIAL = `const fs = require('fs');
const p = JSON.parse(fs.readFileSync(process.env.ARCHSPACE_PARAMETERS_FILE, 'utf8'));
const out = (type, sequence, value) => fs.appendFileSync(process.env.ARCHSPACE_METRICS_FILE, JSON.stringify({ type, sequence, value: JSON.stringify(value) }) + '\\n');
console.log('trial says hello to stdout', p.parameters.x);
if (p.parameters.x < 0) setTimeout(() => {}, 60000);
else { out('PERIODICAL', 0, p.parameters.x / 2); out('PERIODICAL', 1, p.parameters.x); out('FINAL', 0, { default: p.parameters.x }); }
`;

function codeDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-redis-code-'));
  writeFileSync(join(dir, 'trial.cjs'), TRIAL);
  return dir;
}

async function worker(queue: string, concurrency = 2): Promise<TrialWorker> {
  const started = await TrialWorker.start({ url: redis.url, queue, concurrency, workDir: mkdtempSync(join(tmpdir(), 'archspace-worker-')) });
  workers.push(started);
  return started;
}

async function experiment(queue: string, overrides: Record<string, unknown> = {}): Promise<LaunchedExperiment> {
  const code = codeDirectory();
  const launched = await startExperiment(
    parseExperimentConfig({
      searchSpace: { x: { _type: 'randint', _value: [0, 100] } },
      trialCommand: 'node trial.cjs',
      trialCodeDirectory: code,
      trialConcurrency: 3,
      maxTrialNumber: 6,
      tuner: { name: 'Random' },
      trainingService: { platform: 'redis', url: redis.url, queue },
      experimentWorkingDirectory: join(code, 'experiments'),
      seed: 3,
      ...overrides,
    }),
    { noServer: true },
  );
  experiments.push(launched);
  return launched;
}

describe('the redis platform', () => {
  it('runs every trial on a worker; metrics, final results and output come back to the manager', async () => {
    await worker('runs');
    const launched = await experiment('runs');
    expect(await launched.done).toBe('DONE');
    const store = launched.manager.store;
    const trials = store.listTrials();
    expect(trials).toHaveLength(6);
    for (const trial of trials) {
      expect(trial.status).toBe('SUCCEEDED');
      const metrics = store.listMetrics({ trialJobId: trial.trialJobId });
      const x = trial.parameters['x'] as number;
      expect(metrics.map((m) => [m.type, m.sequence, JSON.parse(m.data)])).toEqual([
        ['PERIODICAL', 0, x / 2],
        ['PERIODICAL', 1, x],
        ['FINAL', 0, { default: x }],
      ]);
      expect(readFileSync(join(trial.logPath!, 'stdout'), 'utf8')).toContain(`trial says hello to stdout ${x}`);
    }
  });

  it('stops a trial on the worker that holds it', async () => {
    const held = await worker('stops');
    const launched = await experiment('stops', { searchSpace: { x: { _type: 'choice', _value: [-1] } }, maxTrialNumber: 1, trialConcurrency: 1 });
    const manager = launched.manager;
    const deadline = Date.now() + 10_000;
    while (held.runningJobs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(held.runningJobs).toHaveLength(1);
    const [trial] = manager.store.listTrials();
    const started = Date.now();
    await manager.cancelTrialJob(trial!.trialJobId);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(manager.store.getTrial(trial!.trialJobId)!.status).toBe('USER_CANCELED');
    expect(held.runningJobs).toEqual([]);
    await launched.done;
  });

  it('stops every trial on the workers when the experiment stops', async () => {
    const held = [await worker('stop-all'), await worker('stop-all')];
    const launched = await experiment('stop-all', { searchSpace: { x: { _type: 'choice', _value: [-1, -2, -3] } }, maxTrialNumber: 3 });
    const deadline = Date.now() + 10_000;
    while (held[0]!.runningJobs.length + held[1]!.runningJobs.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(held[0]!.runningJobs.length + held[1]!.runningJobs.length).toBe(3);
    await launched.manager.stop();
    expect(await launched.done).toBe('STOPPED');
    expect(launched.manager.store.listTrials().map((t) => t.status)).toEqual(['SYS_CANCELED', 'SYS_CANCELED', 'SYS_CANCELED']);
    expect([...held[0]!.runningJobs, ...held[1]!.runningJobs]).toEqual([]);
  });

  it("never lets a worker of another queue take the experiment's jobs", async () => {
    const stranger = await worker('someone-elses');
    const launched = await experiment('mine', { maxTrialNumber: 2 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(stranger.runningJobs).toEqual([]);
    expect(launched.manager.store.trialStatistics().SUCCEEDED).toBe(0);
    await worker('mine');
    expect(await launched.done).toBe('DONE');
    expect(launched.manager.store.trialStatistics().SUCCEEDED).toBe(2);
  });

  it('fails a trial whose command is missing, with the shell’s message', async () => {
    await worker('missing-command');
    const launched = await experiment('missing-command', { trialCommand: 'no-such-command-archspace', maxTrialNumber: 1 });
    expect(await launched.done).toBe('ERROR');
    const [trial] = launched.manager.store.listTrials();
    expect(trial!.status).toBe('FAILED');
    expect(trial!.message).toMatch(/no-such-command-archspace.*not found/);
  });

  it('fails a malformed job with a reason naming the wrong field', async () => {
    await worker('malformed');
    const connection = { url: redis.url, maxRetriesPerRequest: null };
    const queue = new Queue('malformed', { connection });
    const events = new QueueEvents('malformed', { connection });
    try {
      await events.waitUntilReady();
      const job = await queue.add(TRIAL_JOB_NAME, { version: 1, experimentId: 'e', trialJobId: 'bad id!', command: 'true' });
      const reason = await job.waitUntilFinished(events, 10_000).then(
        () => 'completed',
        (error: Error) => error.message,
      );
      expect(reason).toMatch(/^malformed trial job .*trialJobId/);
    } finally {
      await events.close();
      await queue.close();
    }
  });

  it('refuses an unreachable Redis within 5 s, naming it without its password', async () => {
    const url = 'redis://someone:hunter2@127.0.0.1:9';
    for (const attempt of [() => experiment('nowhere', { trainingService: { platform: 'redis', url, queue: 'nowhere' } }), () => TrialWorker.start({ url, queue: 'nowhere' })]) {
      const started = Date.now();
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5500);
      expect(error).toBeInstanceOf(ArchspaceError);
      expect((error as Error).message).toMatch(/cannot reach Redis at redis:\/\/someone:\*\*\*@127\.0\.0\.1:9/);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
