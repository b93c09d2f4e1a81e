/**
 * `npx tsx bench/page-fault-cost.ts`: what a first write to a fresh page of memory costs this machine.
 *
 * Each of 5 fresh processes (`ARCHSPACE_BENCH_RUNS` to change) allocates 64 MiB outside the heap
 * that nothing has written, writes one byte in each 4 KiB page, and divides the time by the minor
 * page faults the writes caused; then it writes the same bytes again (no fault) for contrast.
 *
 * Why it matters: V8's young generation grows in a fresh process, and the first allocations into its
 * new pages each fault. The cold figures of the speed benches count the faults of their window
 * (`cold window's first writes to fresh memory`), and this figure turns them into time. On bare
 * metal a minor fault costs a fraction of a microsecond; on this project's virtual machines
 * (Firecracker, 2 cores) it cost about 10 µs when this script was written, so there a kilobyte
 * allocated into fresh memory costs about 2.5 µs, more than the code that allocates it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatFigure, median } from './harness.js';

const BYTES = 64 << 20;
const PAGE = 4096;
const RESULT_PREFIX = 'PAGE_FAULT_COST ';

/** In a fresh process: µs per fault of the first writes, and µs per page of the second ones. */
function measure(): { firstWriteUsPerFault: number; secondWriteUsPerPage: number; faults: number } {
  const memory = Buffer.allocUnsafeSlow(BYTES);
  const faultsBefore = process.resourceUsage().minorPageFault;
  let start = performance.now();
  for (let i = 0; i < BYTES; i += PAGE) memory[i] = 1;
  const firstMs = performance.now() - start;
  const faults = process.resourceUsage().minorPageFault - faultsBefore;
  start = performance.now();
  for (let i = 0; i < BYTES; i += PAGE) memory[i] = 2;
  const secondMs = performance.now() - start;
  return { firstWriteUsPerFault: (firstMs * 1000) / faults, secondWriteUsPerPage: (secondMs * 1000) / (BYTES / PAGE), faults };
}

export default function pageFaultCost(): void {
  const runs = Number(process.env['ARCHSPACE_BENCH_RUNS'] ?? 5);
  const results = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure'], { encoding: 'utf8' });
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (child.status !== 0 || line === undefined) throw new Error(`the measuring process failed: ${child.stderr}`);
    return JSON.parse(line.slice(RESULT_PREFIX.length)) as ReturnType<typeof measure>;
  });
  const show = (values: number[]) =>
    `${formatFigure(median(values))} µs [median of ${values.length} processes, min–max ${formatFigure(Math.min(...values))}–${formatFigure(Math.max(...values))}]`;
  console.log(`first write to a fresh 4 KiB page (one minor page fault): ${show(results.map((r) => r.firstWriteUsPerFault))}`);
  console.log(`      the same write again (no fault): ${show(results.map((r) => r.secondWriteUsPerPage))}`);
  console.log(`      faults per ${BYTES / PAGE} pages written: ${results.map((r) => r.faults).join(', ')}`);
}

if (process.argv.includes('--measure')) console.log(RESULT_PREFIX + JSON.stringify(measure()));
else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) pageFaultCost();
