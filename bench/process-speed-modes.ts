/**
 * `npx tsx bench/process-speed-modes.ts`: the two speeds a fresh `node` process runs at on this
 * project's virtual machines (`allocation-probe.ts`). Each of 12 fresh processes (`ARCHSPACE_BENCH_RUNS`
 * to change) times, after warming each loop up, three kinds of work: arithmetic (a square-root sum),
 * random reads of a 64 MiB array (memory and address translation), and allocation (the allocation
 * probe); the script prints each process's three times, sorted by the allocation time. Where the
 * processes split into two groups on allocation alone, the cold figures of the benches split with them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allocationProbeMs } from './allocation-probe.js';
import { compiledBenchFile } from './compiled-bench.js';
import { formatFigure } from './harness.js';

const CHILD = 'ARCHSPACE_SPEED_MODES_CHILD';

/** Milliseconds of `fn`'s third run. */
function thirdRunMs(fn: () => number): number {
  fn();
  fn();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function arithmetic(): number {
  let x = 0;
  for (let i = 0; i < 5_000_000; i++) x += Math.sqrt(i);
  return x;
}

const big = new Float64Array(8 << 20).fill(1);
function randomReads(): number {
  let x = 0;
  let j = 12345;
  for (let i = 0; i < 2_000_000; i++) {
    j = (j * 1103515245 + 12345) & 0x7fffff;
    x += big[j]!;
  }
  return x;
}

if (process.env[CHILD] === '1') {
  console.log(JSON.stringify({ arithmetic: thirdRunMs(arithmetic), randomReads: thirdRunMs(randomReads), allocation: allocationProbeMs() }));
} else {
  const runs = Number(process.env['ARCHSPACE_BENCH_RUNS'] ?? 12);
  const file = compiledBenchFile(fileURLToPath(import.meta.url));
  const rows: { arithmetic: number; randomReads: number; allocation: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, [CHILD]: '1' } });
    if (child.status !== 0) throw new Error(`a measuring process failed: ${child.stderr}`);
    rows.push(JSON.parse(child.stdout.trim()));
  }
  console.log(`${runs} fresh processes, ms, sorted by allocation:`);
  console.log('  allocation (a million small objects)   arithmetic   random reads of 64 MiB');
  for (const row of rows.sort((a, b) => a.allocation - b.allocation)) {
    console.log(`  ${formatFigure(row.allocation).padStart(10)}${formatFigure(row.arithmetic).padStart(31)}${formatFigure(row.randomReads).padStart(15)}`);
  }
}
