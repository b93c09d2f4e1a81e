/**
 * Soak of a running experiment's REST API. A manager runs in a child process with trials that report
 * many intermediate metrics; autocannon, in another process, reads a mix of six endpoints with 100
 * and then 1,000 concurrent clients; then 50 clients download a 100 MB trial file at once while the
 * manager's peak RSS is watched; at the end every metric line the trials wrote must be served.
 * Every figure is the median of `RUNS` runs, each with a fresh manager process. The bench prints
 * how many cores the manager, the load generator and the machine's other processes used, since they
 * all share the same cores.
 *
 * Run with `npx tsx bench/run.ts rest-soak` (`ARCHSPACE_SOAK_RUNS=n` for another number of runs than
 * 5). Linux only: memory and CPU come from `/proc`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineCpuSeconds, processCpuSeconds } from './cpu-time.js';
import { type Goal, report } from './harness.js';
import { peakResidentMb, resetPeakResident } from './process-memory.js';
import type { LoadFigures, LoadPlan } from './rest-soak-load.js';

const RUNS = Number(process.env.ARCHSPACE_SOAK_RUNS ?? 5);
const LOAD_SECONDS = 8;
const FILE_READERS = 50;
const BIG_FILE_BYTES = 100 * 2 ** 20;
/** The trials whose rows and metrics the load reads; the first one holds the 100 MB stdout. */
const READ_TRIALS = 4;
/** How long a helper process may stay silent before the run is abandoned. */
const WAIT_LIMIT_MS = 600_000;

const here = dirname(fileURLToPath(import.meta.url));

/** What the manager process tells its parent once it serves. */
interface SoakManagerReady {
  readonly url: string;
  /** The experiment's folder. */
  readonly dir: string;
}

/** What one phase of reads measured, with the cores each party used meanwhile. */
interface ReadPhase extends LoadFigures {
  readonly managerCores: number;
  readonly loadCores: number;
  /** Cores used by processes that are neither the manager, its trials nor the load generator. */
  readonly otherCores: number;
}

/** What one run measured. */
interface RunFigures {
  readonly reads100: ReadPhase;
  readonly reads1000: ReadPhase;
  readonly readsPeakRssMb: number;
  readonly downloadPeakRssMb: number;
  readonly downloadSeconds: number;
  readonly metricsWritten: number;
  readonly metricsServed: number;
}

/** Starts a helper process; TypeScript ones get the tsx loader, JavaScript ones (the manager) plain Node. */
function forkHelper(script: string, args: readonly string[]): ChildProcess {
  const execArgv = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return fork(join(here, script), args, { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** The next IPC message of `child`; rejects when it exits first or stays silent too long. */
function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error(`pid ${child.pid} sent nothing for ${WAIT_LIMIT_MS} ms`))), WAIT_LIMIT_MS);
    const onMessage = (message: unknown): void => settle(() => resolve(message as T));
    const onExit = (code: number | null): void => settle(() => reject(new Error(`pid ${child.pid} exited (${code}) before answering`)));
    function settle(then: () => void): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function runHelper<T>(script: string, args: readonly string[]): Promise<T> {
  const child = forkHelper(script, args);
  try {
    return await nextMessage<T>(child);
  } finally {
    child.kill();
  }
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The ids of the first `READ_TRIALS` trials, once the first one (the 100 MB stdout) has succeeded. */
async function readTrialIds(api: string, token: string): Promise<string[]> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const trials = await getJson<{ trialJobId: string; sequenceId: number; status: string }[]>(`${api}/trial-jobs`, token);
    const first = trials.filter((t) => t.sequenceId < READ_TRIALS).sort((a, b) => a.sequenceId - b.sequenceId);
    if (first.length === READ_TRIALS && first[0]!.status === 'SUCCEEDED') return first.map((t) => t.trialJobId);
    if (Date.now() > deadline) throw new Error(`the soak's first trials did not start within ${WAIT_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The number of metric lines in the trials' metrics files. */
function metricLinesWritten(experimentDir: string): number {
  const trials = join(experimentDir, 'trials');
  let lines = 0;
  for (const id of readdirSync(trials)) {
    const text = readFileSync(join(trials, id, 'metrics.jsonl'), 'utf8');
    lines += text.split('\n').filter((line) => line.trim() !== '').length;
  }
  return lines;
}

async function soakRun(): Promise<RunFigures> {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-bench-rest-soak-'));
  const token = randomBytes(24).toString('base64url');
  const manager = forkHelper('rest-soak-manager.mjs', [workingDirectory, join(here, 'rest-soak-trial.mjs'), token]);
  try {
    const ready = await nextMessage<SoakManagerReady>(manager);
    const managerPid = manager.pid!;
    const origin = new URL(ready.url).origin;
    const api = `${ready.url}/api/v1/nni`;
    const base = `${new URL(ready.url).pathname.replace(/\/$/, '')}/api/v1/nni`;
    const ids = await readTrialIds(api, token);
    const paths = ids.flatMap((id) => [
      '/check-status',
      '/trial-jobs',
      `/trial-jobs/${id}`,
      `/metric-data/${id}`,
      '/job-statistics',
      '/experiment',
    ].map((path) => `${base}${path}`));
    const load = async (connections: number): Promise<ReadPhase> => {
      const plan: LoadPlan = { origin, paths, connections, durationSeconds: LOAD_SECONDS, token };
      const [machineBefore, managerBefore, started] = [machineCpuSeconds(), processCpuSeconds(managerPid), performance.now()];
      const figures = await runHelper<LoadFigures>('rest-soak-load.ts', [JSON.stringify(plan)]);
      const seconds = (performance.now() - started) / 1000;
      const busyCores = (machineCpuSeconds().busy - machineBefore.busy) / seconds;
      const managerCores = (processCpuSeconds(managerPid) - managerBefore) / seconds;
      const loadCores = figures.cpuSeconds / seconds;
      return { ...figures, managerCores, loadCores, otherCores: Math.max(0, busyCores - managerCores - loadCores) };
    };

    resetPeakResident(managerPid);
    const reads100 = await load(100);
    const reads1000 = await load(1000);
    const readsPeakRssMb = peakResidentMb(managerPid);

    resetPeakResident(managerPid);
    const downloadsStarted = performance.now();
    const sizes = await runHelper<number[]>('rest-soak-downloads.ts', [`${api}/trial-file/${ids[0]}/stdout`, String(FILE_READERS), token]);
    const downloadSeconds = (performance.now() - downloadsStarted) / 1000;
    const downloadPeakRssMb = peakResidentMb(managerPid);
    if (sizes.some((size) => size !== BIG_FILE_BYTES)) throw new Error(`downloads of the 100 MB stdout got ${sizes.join(', ')} bytes`);

    manager.send('stop');
    await nextMessage(manager);
    const metricsWritten = metricLinesWritten(ready.dir);
    const metricsServed = (await getJson<unknown[]>(`${api}/metric-data`, token)).length;
    manager.send('exit');
    await new Promise((resolve) => manager.once('exit', resolve));
    return { reads100, reads1000, readsPeakRssMb, downloadPeakRssMb, downloadSeconds, metricsWritten, metricsServed };
  } finally {
    manager.kill();
    rmSync(workingDirectory, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const rounded = (value: number): string => (Number.isInteger(value) || Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));
const cores = (value: number): string => value.toFixed(2);

/** Where the CPU went during one phase of every run. */
function cpuLine(phase: string, runs: readonly ReadPhase[]): string {
  const list = (pick: (p: ReadPhase) => number): string => runs.map((p) => cores(pick(p))).join(', ');
  return `      (cores used during the ${phase} phase, per run: manager and its trials ${list((p) => p.managerCores)}; load generator ${list((p) => p.loadCores)}; other processes on this machine ${list((p) => p.otherCores)})`;
}

/** Reports the median of `values` against `goal`, then every run's figure and the min–max. */
function reportRuns(name: string, values: readonly number[], goal: Goal): void {
  report(name, median(values), goal);
  console.log(`      runs: ${values.map(rounded).join(', ')} (min–max ${rounded(Math.min(...values))}–${rounded(Math.max(...values))} ${goal.unit})`);
}

/** Reports the worst of `values` against `goal` (for goals of "none in any run"), then every run's figure. */
function reportWorstRun(name: string, values: readonly number[], goal: Goal): void {
  report(`${name} (worst run)`, goal.bound === '≤' ? Math.max(...values) : Math.min(...values), goal);
  console.log(`      runs: ${values.map(rounded).join(', ')}`);
}

export default async function restSoakBench(): Promise<void> {
  console.log(
    `The manager and the load generator (autocannon, one process) share this machine's ${availableParallelism()} cores. ` +
      `${RUNS} runs, each with a fresh manager: ${LOAD_SECONDS} s of reads with 100 clients, ${LOAD_SECONDS} s with 1,000, ` +
      `then ${FILE_READERS} concurrent downloads of a 100 MB trial stdout; figures are medians (failures and lost metrics: the worst run).`,
  );
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await soakRun());
  const of = (figure: (run: RunFigures) => number): number[] => runs.map(figure);
  reportRuns('REST reads per second, 100 concurrent clients', of((r) => r.reads100.requestsPerSecond), { bound: '≥', value: 3000, unit: 'req/s' });
  reportRuns('REST read p99 latency, 100 concurrent clients', of((r) => r.reads100.p99Ms), { bound: '≤', value: 100, unit: 'ms' });
  reportRuns('REST reads per second, 1,000 concurrent clients', of((r) => r.reads1000.requestsPerSecond), { bound: '≥', value: 2000, unit: 'req/s' });
  reportWorstRun('REST reads failed, 1,000 concurrent clients', of((r) => r.reads1000.failed), { bound: '≤', value: 0, unit: 'requests' });
  console.log(`      (for information: p99 with 1,000 clients ${of((r) => r.reads1000.p99Ms).map(rounded).join(', ')} ms; manager peak RSS under reads ${of((r) => r.readsPeakRssMb).map(rounded).join(', ')} MB)`);
  console.log(cpuLine('100-client', runs.map((r) => r.reads100)));
  console.log(cpuLine('1,000-client', runs.map((r) => r.reads1000)));
  reportWorstRun('metrics lost or duplicated (lines written vs served by GET /metric-data)', of((r) => Math.abs(r.metricsWritten - r.metricsServed)), { bound: '≤', value: 0, unit: 'metrics' });
  console.log(`      (metric lines written per run: ${of((r) => r.metricsWritten).join(', ')})`);
  reportRuns(`manager peak RSS, ${FILE_READERS} concurrent reads of a 100 MB trial file`, of((r) => r.downloadPeakRssMb), { bound: '≤', value: 300, unit: 'MB' });
  console.log(`      (for information: the ${FILE_READERS} downloads took ${of((r) => r.downloadSeconds).map(rounded).join(', ')} s)`);
}
