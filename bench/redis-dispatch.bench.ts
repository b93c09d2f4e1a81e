/**
 * Trials dispatched per second through Redis: a manager (this process) and 4 `archspace worker`
 * processes (2 trials at once each) on a private loopback `redis-server` run `TRIALS` trivial trials
 * (each only writes its final result); goal ≥ 200 trials/s on this 2-core machine. Beside it, the
 * same experiment on the `local` platform with the same concurrency. Each figure is the median of
 * `RUNS` runs (`ARCHSPACE_DISPATCH_RUNS`, default 5), each with a fresh experiment, queue and worker
 * processes, printed with its min–max; the clock runs from the experiment's start to its end
 * (workers are started and ready before).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseExperimentConfig, startExperiment } from '@archspace/experiment';
import { startTestRedis } from '../packages/experiment/src/redis/test-support/redis-server.js';
import { report } from './harness.js';

const TRIALS = 400;
const WORKERS = 4;
const PER_WORKER = 2;
const RUNS = Number(process.env.ARCHSPACE_DISPATCH_RUNS ?? 5);
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

/** A trial that only writes its final result. */
const TRIVIAL_TRIAL = `echo '{"type":"FINAL","sequence":0,"value":"1"}' >> "$ARCHSPACE_METRICS_FILE"`;

function startWorker(url: string, queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'worker', '--redis', url, '--queue', queue, '--concurrency', String(PER_WORKER), '--work-dir', mkdtempSync(join(tmpdir(), 'archspace-bench-worker-'))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('worker ready')) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`a worker exited with code ${code} before it was ready: ${text}`)));
  });
}

/** Seconds one experiment of `TRIALS` trivial trials takes on `trainingService`. */
async function runOnce(trainingService: Record<string, unknown>): Promise<number> {
  const config = parseExperimentConfig({
    searchSpace: { x: { _type: 'randint', _value: [0, 1_000_000] } },
    trialCommand: TRIVIAL_TRIAL,
    trialConcurrency: WORKERS * PER_WORKER,
    maxTrialNumber: TRIALS,
    tuner: { name: 'Random' },
    experimentWorkingDirectory: mkdtempSync(join(tmpdir(), 'archspace-bench-dispatch-')),
    trainingService,
  });
  const started = performance.now();
  const experiment = await startExperiment(config, { noServer: true });
  const status = await experiment.done;
  const seconds = (performance.now() - started) / 1000;
  const succeeded = experiment.manager.store.countTrials('SUCCEEDED');
  await experiment.close();
  if (status !== 'DONE' || succeeded !== TRIALS) throw new Error(`dispatch bench: ${status}, ${succeeded}/${TRIALS} succeeded`);
  return seconds;
}

function summary(rates: number[]): { median: number; range: string } {
  const sorted = [...rates].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, range: `${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)}` };
}

const redis = await startTestRedis();
const redisRates: number[] = [];
const localRates: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const queue = `bench-${run}`;
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(redis.url, queue)));
    try {
      redisRates.push(TRIALS / (await runOnce({ platform: 'redis', url: redis.url, queue })));
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(undefined) : w.once('exit', resolve)))));
    }
    localRates.push(TRIALS / (await runOnce({ platform: 'local' })));
  }
} finally {
  await redis.stop();
}
const viaRedis = summary(redisRates);
const local = summary(localRates);
report(`trials dispatched per second through Redis (${WORKERS} workers × ${PER_WORKER}, trivial trial, ${TRIALS} trials; median of ${RUNS}, ${viaRedis.range})`, viaRedis.median, {
  bound: '≥',
  value: 200,
  unit: 'trials/s',
  reference: `local processes, same concurrency: ${local.median.toFixed(0)} trials/s (${local.range})`,
});
