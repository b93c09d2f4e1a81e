/**
 * `npx tsx bench/process-cost.ts`: the CPU one trivial trial process costs on this machine, the floor
 * under any dispatch rate with a process per trial. It starts `sh -c 'echo … >> file'` 500 times from
 * this Node process (`spawn`, as a trial is started) and 500 times from a `dash` loop, and reads the
 * CPU time each side spent from `/proc`. Each figure is the median of 5 rounds, with min–max.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuSplit } from './cpu-time.js';
import { median } from './harness.js';

const STARTS = 500;
const ROUNDS = 5;

/** Milliseconds of CPU per start: this process's own share and its children's. */
async function fromNode(file: string): Promise<{ parent: number; child: number }> {
  const before = processCpuSplit(process.pid);
  for (let i = 0; i < STARTS; i++) {
    const child = spawn('/bin/sh', ['-c', `echo x >> '${file}'`], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const after = processCpuSplit(process.pid);
  return { parent: ((after.self - before.self) * 1000) / STARTS, child: ((after.children - before.children) * 1000) / STARTS };
}

/** Milliseconds of CPU per start from a `dash` loop (the loop's own CPU and its children's, from `times`). */
function fromDash(file: string): number {
  const script = `i=0; while [ $i -lt ${STARTS} ]; do /bin/sh -c "echo x >> '${file}'"; i=$((i+1)); done; times`;
  const out = spawnSync('dash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n');
  const seconds = out.join(' ').match(/(\d+)m([\d.]+)s/g)!.map((t) => {
    const [, m, s] = /(\d+)m([\d.]+)s/.exec(t)!;
    return Number(m) * 60 + Number(s);
  });
  return (seconds.reduce((a, b) => a + b, 0) * 1000) / STARTS;
}

function summary(values: number[]): string {
  return `${median(values).toFixed(2)} ms (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
}

const dir = mkdtempSync(join(tmpdir(), 'archspace-process-cost-'));
const file = join(dir, 'out');
const parents: number[] = [];
const children: number[] = [];
const dash: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const node = await fromNode(file);
    parents.push(node.parent);
    children.push(node.child);
    dash.push(fromDash(file));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const rss = (process.memoryUsage().rss / 1e6).toFixed(0);
console.log(`spawn from Node (${rss} MB RSS): parent ${summary(parents)} + child ${summary(children)} of CPU per trivial process`);
console.log(`from a dash loop: ${summary(dash)} of CPU per trivial process`);
const cores = availableParallelism();
console.log(`200 trials/s on ${cores} cores leave ${((cores * 1000) / 200).toFixed(0)} ms of CPU per trial for everything`);
