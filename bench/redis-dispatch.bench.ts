/**
 * Trials dispatched per second through Redis: a manager (this process) and 4 `archspace worker`
 * processes (2 trials at once each) on a private loopback `redis-server` run `TRIALS` trivial trials
 * (each only writes its final result); goal ≥ 200 trials/s on this 2-core machine. Beside it, the
 * same experiment on the `local` platform with the same concurrency. Each figure is the median of
 * `RUNS` runs (`ARCHSPACE_DISPATCH_RUNS`, default 5), each with a fresh experiment, queue and worker
 * processes, printed with its min–max; the clock runs from the experiment's start to its end
 * (workers are started and ready before). Beside the rates, where each trial's CPU time goes (the
 * manager, the workers, the trial processes, Redis; medians over the runs) and the rate the machine's
 * cores could sustain at that cost: what bounds the figure on a machine where creating a process is
 * dear.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseExperimentConfig, startExperiment } from '@archspace/experiment';
import { startTestRedis } from '../packages/experiment/src/redis/test-support/redis-server.js';
import { processCpuSplit } from './cpu-time.js';
import { median, report } from './harness.js';

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

/** Milliseconds of CPU per trial, by who spent them. */
interface CpuPerTrial {
  readonly manager: number;
  readonly workers: number;
  readonly trialProcesses: number;
  readonly redis: number;
}

/** CPU seconds so far of the manager (this process), the workers, the trial processes and Redis. */
function cpuNow(workers: readonly ChildProcess[], redisPid: number): CpuPerTrial {
  const manager = processCpuSplit(process.pid);
  const worker = workers.map((w) => processCpuSplit(w.pid!));
  return {
    manager: manager.self,
    workers: worker.reduce((sum, w) => sum + w.self, 0),
    // Local trials are the manager's children; queued ones the workers'.
    trialProcesses: manager.children + worker.reduce((sum, w) => sum + w.children, 0),
    redis: processCpuSplit(redisPid).self,
  };
}

/** One experiment of `TRIALS` trivial trials on `trainingService`: its seconds and CPU per trial. */
async function runOnce(trainingService: Record<string, unknown>, workers: readonly ChildProcess[], redisPid: number): Promise<{ seconds: number; cpu: CpuPerTrial }> {
  const config = parseExperimentConfig({
    searchSpace: { x: { _type: 'randint', _value: [0, 1_000_000] } },
    trialCommand: TRIVIAL_TRIAL,
    trialConcurrency: WORKERS * PER_WORKER,
    maxTrialNumber: TRIALS,
    tuner: { name: 'Random' },
    experimentWorkingDirectory: mkdtempSync(join(tmpdir(), 'archspace-bench-dispatch-')),
    trainingService,
  });
  const before = cpuNow(workers, redisPid);
  const started = performance.now();
  const experiment = await startExperiment(config, { noServer: true });
  const status = await experiment.done;
  const seconds = (performance.now() - started) / 1000;
  const after = cpuNow(workers, redisPid);
  const perTrial = (key: keyof CpuPerTrial) => ((after[key] - before[key]) * 1000) / TRIALS;
  const cpu = { manager: perTrial('manager'), workers: perTrial('workers'), trialProcesses: perTrial('trialProcesses'), redis: perTrial('redis') };
  const succeeded = experiment.manager.store.countTrials('SUCCEEDED');
  await experiment.close();
  if (status !== 'DONE' || succeeded !== TRIALS) throw new Error(`dispatch bench: ${status}, ${succeeded}/${TRIALS} succeeded`);
  return { seconds, cpu };
}

/** "manager 6.4 ms + …" and the rate the machine's cores sustain at that cost. */
function cpuLine(runs: readonly CpuPerTrial[]): string {
  const part = (key: keyof CpuPerTrial) => median(runs.map((run) => run[key]));
  const parts = { manager: part('manager'), workers: part('workers'), 'trial processes': part('trialProcesses'), redis: part('redis') };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const shown = Object.entries(parts)
    .filter(([, ms]) => ms >= 0.05)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(' + ');
  return `CPU per trial: ${shown} = ${total.toFixed(1)} ms; ${availableParallelism()} cores sustain at most ${((availableParallelism() * 1000) / total).toFixed(0)} trials/s at that cost`;
}

function summary(rates: number[]): { median: number; range: string } {
  return { median: median(rates), range: `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}` };
}

/** Runs the Redis and local experiments `RUNS` times each and reports both rates. */
export default async function dispatchBench(): Promise<void> {
  const redis = await startTestRedis();
  const redisRates: number[] = [];
  const localRates: number[] = [];
  const redisCpu: CpuPerTrial[] = [];
  const localCpu: CpuPerTrial[] = [];
  try {
    for (let index = 0; index < RUNS; index++) {
      const queue = `bench-${index}`;
      const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(redis.url, queue)));
      try {
        const redisRun = await runOnce({ platform: 'redis', url: redis.url, queue }, workers, redis.process.pid!);
        redisRates.push(TRIALS / redisRun.seconds);
        redisCpu.push(redisRun.cpu);
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
        await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(undefined) : w.once('exit', resolve)))));
      }
      const localRun = await runOnce({ platform: 'local' }, [], redis.process.pid!);
      localRates.push(TRIALS / localRun.seconds);
      localCpu.push(localRun.cpu);
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
  console.log(`      through Redis: ${cpuLine(redisCpu)}`);
  console.log(`      local: ${cpuLine(localCpu)}`);
}
