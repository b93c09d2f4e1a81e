/**
 * Distributed trials end to end: an `archspace` manager and three `archspace worker` processes on
 * loopback run a 200-trial experiment through a private Redis server. One worker is SIGKILLed at
 * random moments three times and restarted; the manager is SIGKILLed once and resumed. Every trial
 * must end exactly once, SUCCEEDED or FAILED; every metric a trial reported is stored once; the
 * experiment holds exactly `maxTrialNumber` trials; nothing is left running or queued.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '@archspace/experiment';
import { startTestRedis, type TestRedisServer } from '../packages/experiment/src/redis/test-support/redis-server.js';
import { type CliProcess, exited, startCli, waitFor } from './support/cli-process.js';
import { expectEachTrialOnce, faultRandom, FIXTURES as fixtures, writeFaultExperiment } from './support/fault-experiment.js';
import { processesOfExperiment } from './support/processes.js';

const ID = 'distributed';
const QUEUE = 'distributed-trials';
const TRIALS = 200;
const WORKER_KILLS = 3;

let redis: TestRedisServer;
const children = new Set<ChildProcess>();
/** What every worker printed, killed ones included. */
const workerOutputs: (() => string)[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await redis?.stop();
});

type Child = CliProcess;

function start(args: readonly string[]): Child {
  const child = startCli(args, fixtures);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function startWorker(workDir: string): Promise<Child> {
  const worker = start(['worker', '--redis', redis.url, '--queue', QUEUE, '--concurrency', '2', '--stall-seconds', '3', '--work-dir', workDir]);
  workerOutputs.push(worker.output);
  await waitFor(() => /worker ready/.test(worker.output()) || worker.exitCode !== null, 'a worker to start');
  expect(worker.exitCode, worker.output()).toBeNull();
  return worker;
}

function trialCount(dir: string, statuses: readonly ('SUCCEEDED' | 'FAILED' | 'RUNNING')[]): number {
  try {
    const store = SqliteStore.open(join(dir, 'experiment.db'), { readonly: true });
    try {
      const stats = store.trialStatistics();
      return statuses.reduce((sum, status) => sum + stats[status], 0);
    } finally {
      store.close();
    }
  } catch {
    return 0;
  }
}

it(`${TRIALS} trials on three workers survive ${WORKER_KILLS} worker SIGKILLs and a manager SIGKILL, each trial ending once`, async () => {
  const { workingDirectory, dir, configFile } = writeFaultExperiment(ID, { trials: TRIALS, concurrency: 6, seed: 5, extra: [`trainingService: { platform: redis, url: "${redis.url}", queue: ${QUEUE}, maxTrialRetries: 1 }`] });
  const { rng, context } = faultRandom();

  const workDirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'archspace-worker-')));
  // The manager starts while the workers do (its first jobs wait in the queue); the faults begin once all are up.
  let manager = start(['create', '--config', configFile, '--id', ID, '-w', workingDirectory]);
  const workers = await Promise.all(workDirs.map((d) => startWorker(d)));
  await waitFor(() => /REST API at/.test(manager.output()) || manager.exitCode !== null, `the manager to start ${context}`);

  // Faults at random moments, each before the run has done its share of the trials.
  const faults = ['worker', 'worker', 'manager', 'worker'] as const;
  let runningAtManagerKill = 0;
  for (const [i, fault] of faults.entries()) {
    const at = Date.now() + 300 + rng.int(1500);
    const share = Math.floor((TRIALS * 0.8 * (i + 1)) / faults.length);
    while (Date.now() < at && trialCount(dir, ['SUCCEEDED', 'FAILED']) < share && manager.exitCode === null) await new Promise((r) => setTimeout(r, 25));
    expect(manager.exitCode, `${manager.output()} ${context}`).toBeNull();
    if (fault === 'worker') {
      workers[0]!.kill('SIGKILL');
      await exited(workers[0]!);
      await new Promise((r) => setTimeout(r, rng.int(500)));
      workers[0] = await startWorker(workDirs[0]!);
    } else {
      manager.kill('SIGKILL');
      await exited(manager);
      runningAtManagerKill = trialCount(dir, ['RUNNING']);
      await new Promise((r) => setTimeout(r, 200 + rng.int(800)));
      manager = start(['resume', ID, '-w', workingDirectory]);
    }
  }
  expect(await exited(manager), `${manager.output()} ${context}`).toBe(0);
  expect(manager.output()).toMatch(new RegExp(`experiment ${ID} ended: DONE`));
  // The faults hit running work: trials were left running on workers for the resumed manager to
  // reattach to, and trials of killed workers ran again.
  expect(runningAtManagerKill, context).toBeGreaterThan(0);
  const retries = workerOutputs.flatMap((output) => output().match(/attempt [1-9]/g) ?? []);
  expect(retries.length, context).toBeGreaterThan(0);

  const store = SqliteStore.open(join(dir, 'experiment.db'), { readonly: true });
  try {
    const trials = store.listTrials();
    expectEachTrialOnce(trials, TRIALS, context);
    const unsettled = trials.filter((t) => t.status !== 'SUCCEEDED' && t.status !== 'FAILED');
    expect(unsettled.map((t) => [t.trialJobId, t.status, t.message]), context).toEqual([]);
    expect(trials.filter((t) => t.status === 'SUCCEEDED').length, context).toBeGreaterThan(TRIALS * 0.9);
    for (const trial of trials) {
      const x = trial.parameters['x'] as number;
      const metrics = store.listMetrics({ trialJobId: trial.trialJobId }).map((m) => `${m.type}:${m.sequence}:${m.data}`);
      if (trial.status === 'SUCCEEDED') {
        // Each reported metric once, whatever retries and reattachments happened.
        expect(metrics.sort(), `trial ${trial.trialJobId} ${context}`).toEqual(
          [`FINAL:0:${JSON.stringify({ default: x, trial: trial.trialJobId })}`, `PERIODICAL:0:${x / 2}`, `PERIODICAL:1:${x}`].sort(),
        );
      } else {
        expect(trial.message, context).toMatch(/lost|stalled/);
        expect(new Set(metrics).size).toBe(metrics.length);
      }
    }
    expect(store.getExperiment()?.status).toBe('DONE');
  } finally {
    store.close();
  }
  // Nothing is left queued or running.
  const queue = new Queue(QUEUE, { connection: { url: redis.url, maxRetriesPerRequest: null } });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    expect(counts, context).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
  } finally {
    await queue.close();
  }
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map((w) => exited(w)));
  for (const workDir of workDirs) expect(processesOfExperiment(ID, workDir), context).toEqual([]);
}, 300_000);

/** The config of an experiment of `trials` trials that hang for a minute, on the Redis queue `queue`, in a new folder. */
function writeHangingExperiment(queue: string, trials: number): { workingDirectory: string; configFile: string } {
  const workingDirectory = mkdtempSync(join(tmpdir(), `archspace-${queue}-`));
  const configFile = join(workingDirectory, 'config.yml');
  writeFileSync(
    configFile,
    [
      `searchSpace: { x: { _type: choice, _value: [${Array.from({ length: trials }, (_, i) => i + 1).join(', ')}] } }`,
      `trialCommand: node -e "setTimeout(() => {}, 60000)"`,
      `trialCodeDirectory: ${fixtures}`,
      `trialConcurrency: ${trials}`,
      `maxTrialNumber: ${trials}`,
      'tuner: { name: Random }',
      `trainingService: { platform: redis, url: "${redis.url}", queue: ${queue} }`,
    ].join('\n'),
  );
  return { workingDirectory, configFile };
}

// The three one-queue tests below share nothing but the Redis server (each has its own queue,
// experiment and worker folder) and spend their time waiting (start-ups, a stall to be noticed), so
// they run at once; the 200-trial test above runs alone, its fault windows undisturbed.
it.concurrent('fails a trial whose worker is lost when maxTrialRetries is 0, naming why', async ({ expect }) => {
  const { workingDirectory, configFile } = writeHangingExperiment('lost-worker', 1);
  const workDir = mkdtempSync(join(tmpdir(), 'archspace-worker-'));
  const args = ['worker', '--redis', redis.url, '--queue', 'lost-worker', '--stall-seconds', '2', '--work-dir', workDir];
  const first = start(args);
  const manager = start(['create', '--config', configFile, '--id', 'lost', '-w', workingDirectory]);
  await waitFor(() => /worker ready/.test(first.output()), 'the worker to start');
  await waitFor(() => /started/.test(first.output()), 'the trial to start on the worker');
  first.kill('SIGKILL');
  await exited(first);
  const second = start(args);
  expect(await exited(manager), manager.output()).toBe(1);
  second.kill('SIGTERM');
  await exited(second);
  const store = SqliteStore.open(join(workingDirectory, 'lost', 'experiment.db'), { readonly: true });
  try {
    const [trial] = store.listTrials();
    expect(trial!.status).toBe('FAILED');
    expect(trial!.message).toMatch(/the worker running trial \S+ was lost 1 time\(s\) \(its job stalled\); maxTrialRetries is 0/);
  } finally {
    store.close();
  }
  // The restarted worker stopped what the killed one left running.
  expect(second.output()).toMatch(/stopped trial \S+ left running by an earlier worker/);
  expect(processesOfExperiment('lost', workDir)).toEqual([]);
}, 60_000);

it.concurrent('`archspace stop` of a Redis experiment whose manager died stops its trials on the workers', async ({ expect }) => {
  const { workingDirectory, configFile } = writeHangingExperiment('orphaned', 2);
  const workDir = mkdtempSync(join(tmpdir(), 'archspace-worker-'));
  const worker = start(['worker', '--redis', redis.url, '--queue', 'orphaned', '--concurrency', '2', '--work-dir', workDir]);
  const manager = start(['create', '--config', configFile, '--id', 'orphaned', '-w', workingDirectory]);
  await waitFor(() => /worker ready/.test(worker.output()), 'the worker to start');
  await waitFor(() => (worker.output().match(/started/g) ?? []).length === 2, 'both trials to start on the worker');
  manager.kill('SIGKILL');
  await exited(manager);
  const stop = start(['stop', 'orphaned', '-w', workingDirectory]);
  expect(await exited(stop), stop.output()).toBe(0);
  await waitFor(() => (worker.output().match(/ended \(stopped\)/g) ?? []).length === 2, 'both trials to stop on the worker', 10_000);
  const store = SqliteStore.open(join(workingDirectory, 'orphaned', 'experiment.db'), { readonly: true });
  try {
    expect(store.listTrials().map((t) => t.status)).toEqual(['SYS_CANCELED', 'SYS_CANCELED']);
    expect(store.getExperiment()?.status).toBe('STOPPED');
  } finally {
    store.close();
  }
  worker.kill('SIGTERM');
  await exited(worker);
  expect(processesOfExperiment('orphaned', workDir)).toEqual([]);
}, 60_000);

it.concurrent('`archspace trial kill` stops a trial on the worker that holds it', async ({ expect }) => {
  const { workingDirectory, configFile } = writeHangingExperiment('trial-kill', 1);
  const worker = start(['worker', '--redis', redis.url, '--queue', 'trial-kill', '--work-dir', mkdtempSync(join(tmpdir(), 'archspace-worker-'))]);
  const manager = start(['create', '--config', configFile, '--id', 'killed', '-w', workingDirectory]);
  await waitFor(() => /worker ready/.test(worker.output()), 'the worker to start');
  await waitFor(() => /started/.test(worker.output()), 'the trial to start on the worker');
  const running = SqliteStore.open(join(workingDirectory, 'killed', 'experiment.db'), { readonly: true });
  const [trial] = running.listTrials();
  running.close();
  const kill = start(['trial', 'kill', 'killed', trial!.trialJobId, '-w', workingDirectory]);
  expect(await exited(kill), kill.output()).toBe(0);
  expect(worker.output()).toMatch(/ended \(stopped\)/);
  expect(await exited(manager), manager.output()).toBe(0);
  const store = SqliteStore.open(join(workingDirectory, 'killed', 'experiment.db'), { readonly: true });
  try {
    expect(store.getTrial(trial!.trialJobId)?.status).toBe('USER_CANCELED');
  } finally {
    store.close();
  }
  worker.kill('SIGTERM');
  await exited(worker);
}, 60_000);
