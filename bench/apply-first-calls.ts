/**
 * `npx tsx bench/apply-first-calls.ts`: where the cold figure of `Mutator.apply` (the mean of its
 * first 100 calls, `ir.bench.ts`) goes. Each of 5 fresh processes builds the IR bench's model and
 * times every one of the first 100 calls; the script prints, per block of calls, the median over the
 * processes of the mean time per call in that block, with min–max, and the same for page faults.
 *
 * The blocks follow V8's life of a function: the first call (compilation), calls 2–9 (no type
 * feedback yet: V8 allocates it at a function's eighth call), call 10, calls 11–30 and 31–100 (the
 * interpreter and the baseline compiler), against the warm figure of the IR bench. The measuring
 * processes run this file compiled, as the IR bench's do (`compiled-bench.ts`); for contrast, as many
 * again run the same compiled file under the tsx loader.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as ir from '@archspace/ir';
import { compiledBenchFile } from './compiled-bench.js';
import { median } from './harness.js';
import { irFixtures, NODES } from './ir-fixtures.js';

const PROCESSES = 5;
const CALLS = 100;
/** The blocks of calls, as [first, last] call numbers (from 1). */
const BLOCKS: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 9],
  [10, 10],
  [11, 30],
  [31, 100],
  [1, 100],
];
const CHILD = 'ARCHSPACE_APPLY_FIRST_CALLS_CHILD';

/** In a child: the time (µs) and faults of each of the first `CALLS` applies, as one JSON line. */
function measure(): void {
  const { bigModel, widthMutator } = irFixtures(ir);
  const base = bigModel().lint().withStatus('frozen');
  const mutator = widthMutator('width').bindSampler(new ir.FixedSampler({ width: [128] }));
  const times: number[] = [];
  const faults: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    mutator.target = (mutator.target + 7919) % NODES;
    const before = process.resourceUsage().minorPageFault;
    const start = performance.now();
    mutator.apply(base);
    times.push((performance.now() - start) * 1000);
    faults.push(process.resourceUsage().minorPageFault - before);
  }
  console.log(JSON.stringify({ times, faults }));
}

const mean = (values: readonly number[], [first, last]: readonly [number, number]): number => {
  let sum = 0;
  for (let i = first - 1; i < last; i++) sum += values[i]!;
  return sum / (last - first + 1);
};

/** How a measuring process is started: as a real run (plain `node`), or under the tsx loader for contrast. */
const STARTS: readonly { readonly name: string; readonly flags: readonly string[] }[] = [
  { name: 'plain node, as a real run runs compiled code (what the IR bench measures)', flags: [] },
  { name: 'the same file under `--import tsx` (how the benches measured before 2026-12-07)', flags: ['--import', 'tsx'] },
];

if (process.env[CHILD] === '1') measure();
else {
  const file = compiledBenchFile(fileURLToPath(import.meta.url));
  const runs: { times: number[]; faults: number[] }[][] = STARTS.map(() => []);
  // Interleaved, so that a change in the machine's load spreads over both alike.
  for (let p = 0; p < PROCESSES; p++) {
    STARTS.forEach(({ flags }, s) => {
      const child = spawnSync(process.execPath, [...flags, file], { encoding: 'utf8', env: { ...process.env, [CHILD]: '1' } });
      if (child.status !== 0) throw new Error(`a measuring process failed: ${child.stderr}`);
      runs[s]!.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { times: number[]; faults: number[] });
    });
  }
  console.log(`Mutator.apply on the ${NODES}-node IR bench model, first ${CALLS} calls of a fresh process, medians of ${PROCESSES} processes (min–max):`);
  STARTS.forEach(({ name }, s) => {
    console.log(`${name}:`);
    for (const block of BLOCKS) {
      const times = runs[s]!.map((r) => mean(r.times, block));
      const faults = runs[s]!.map((r) => mean(r.faults, block));
      const label = block[0] === block[1] ? `call ${block[0]}` : `calls ${block[0]}–${block[1]}`;
      console.log(
        `  ${label.padEnd(14)} ${median(times).toFixed(1).padStart(7)} µs a call (${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}), ` +
          `${median(faults).toFixed(2)} page faults a call (${Math.min(...faults).toFixed(2)}–${Math.max(...faults).toFixed(2)})`,
      );
    }
  });
}
