/**
 * `npx tsx bench/process-start-effect.ts <bench file> "<figure name>"`: how the way a measuring process
 * is started moves one cold figure. The bench's own measuring process for that figure (`run-one`, as
 * `process-runs.ts` starts it) runs 5 times (`ARCHSPACE_BENCH_RUNS` to change) compiled, with plain
 * `node`, as the benches measure, and as many times from its TypeScript sources under `--import tsx`,
 * as they measured until 2026-12-07 15:00 UTC, interleaved; the script prints the median cold figure and page faults a call of each start, with
 * min–max, and how big the young generation of a fresh process is after importing the packages the
 * main job imports, against `@archspace/ir` alone.
 *
 * Example: `npx tsx bench/process-start-effect.ts bench/model-space.bench.ts "freeze of a NAS-Bench-201 sample (the whole network)"`.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledBenchFile } from './compiled-bench.js';
import { formatFigure, median } from './harness.js';
import { runMeasuringProcess } from './process-runs.js';

const here = dirname(fileURLToPath(import.meta.url));
const [benchArg, figure] = process.argv.slice(2);
if (benchArg === undefined || figure === undefined) throw new Error('usage: process-start-effect.ts <bench file> "<figure name>"');
const runs = Number(process.env['ARCHSPACE_BENCH_RUNS'] ?? 5);
const benchFile = resolve(benchArg);

/** Each start: its name and its command line (the bench compiled with plain node, or its sources through tsx). */
const STARTS = [
  { name: 'plain node, compiled (how the benches measure)', args: [compiledBenchFile(join(here, 'run-one.ts')), compiledBenchFile(benchFile)] },
  { name: 'the TypeScript through --import tsx (until 2026-12-07 15:00 UTC)', args: ['--import', 'tsx', join(here, 'run-one.ts'), benchFile] },
];

/** One measuring process: its cold figure (ms a call) and page faults a call. */
function measureOnce(args: readonly string[]): { coldMs: number; faults: number } {
  const result = runMeasuringProcess(args, figure!);
  return { coldMs: result.coldMs, faults: result.coldFaultsPerCall ?? Number.NaN };
}

/** The young generation (MiB) of a fresh `node` after importing `packages`. */
function youngGenerationAfter(packages: readonly string[]): number {
  const script =
    `for (const p of ${JSON.stringify(packages)}) await import(p);` +
    `const v8 = await import('node:v8');` +
    `console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${packages.join(', ')} failed: ${child.stderr}`);
  return Number(child.stdout.trim());
}

const results = STARTS.map(() => [] as { coldMs: number; faults: number }[]);
for (let r = 0; r < runs; r++) STARTS.forEach(({ args }, s) => results[s]!.push(measureOnce(args)));
console.log(`"${figure}", medians of ${runs} processes (min–max):`);
STARTS.forEach(({ name }, s) => {
  const cold = results[s]!.map((x) => x.coldMs);
  const faults = results[s]!.map((x) => x.faults);
  console.log(
    `  ${name}: cold ${formatFigure(median(cold))} ms a call (${formatFigure(Math.min(...cold))}–${formatFigure(Math.max(...cold))}), ` +
      `${formatFigure(median(faults))} page faults a call (${formatFigure(Math.min(...faults))}–${formatFigure(Math.max(...faults))})`,
  );
});
const mainJob = ['@archspace/experiment', '@archspace/mutables', '@archspace/strategies'];
console.log(`young generation of a fresh node after importing ${mainJob.join(', ')} (as the main job does): ${youngGenerationAfter(mainJob)} MiB`);
console.log(`the same after importing @archspace/ir alone (as the IR bench does): ${youngGenerationAfter(['@archspace/ir'])} MiB`);
