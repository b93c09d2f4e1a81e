/**
 * Figures a reader can trust: each figure is measured in `ARCHSPACE_BENCH_RUNS` fresh `node`
 * processes (default 5), one figure per process, and reported as the median over those processes
 * with its min–max, cold and warm. The goal is held on the cold median.
 *
 * A bench's default export calls {@link measureInProcesses} with its figures. In the process
 * `run.ts` started, that call spawns, for every run and every figure, `node run-one.js <bench file>`
 * (both compiled to JavaScript first, as a real run runs: `compiled-bench.ts`) with `ARCHSPACE_BENCH_FIGURE` naming the figure (the child inherits this process's
 * environment otherwise). In such a child the same call measures that one figure and prints one line
 * `ARCHSPACE_BENCH_RESULT {"coldMs":…,"warmMs":…}` on stdout. Runs are interleaved (run 1 of every
 * figure, then run 2, …) so that a change in the machine's load spreads over all figures alike.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocationProbeMs } from './allocation-probe.js';
import { compiledBenchFile } from './compiled-bench.js';
import { formatFigure, type Goal, lastColdWindowFaults, median, millisecondsPer, report } from './harness.js';

const FIGURE_ENV = 'ARCHSPACE_BENCH_FIGURE';
const RESULT_PREFIX = 'ARCHSPACE_BENCH_RESULT ';
/** The fewest processes whose median is a figure to quote. */
const MIN_RUNS = 5;
const runOne = join(dirname(fileURLToPath(import.meta.url)), 'run-one.ts');

/** What one fresh process measured for one figure, in milliseconds per call. */
export interface ColdWarm {
  /** The first calls in the fresh process (what the figure's header comment defines as cold). */
  readonly coldMs: number;
  /** The same calls in a warmed loop afterwards. */
  readonly warmMs: number;
  /**
   * Other figures of this run, in milliseconds per call, keyed by what they time (`'first call'`):
   * each is printed under the figure as the median over the processes with its min–max, a note
   * beside the goal, not held to it.
   */
  readonly alsoMs?: Readonly<Record<string, number>>;
  /** A remark about this run, printed under the figure (each distinct remark once). */
  readonly note?: string;
  /** Minor page faults per call in the cold window, when it was timed by `firstCallsMeansMs`. */
  readonly coldFaultsPerCall?: number;
  /** The process's allocation speed after the figure was measured (`allocation-probe.ts`); set by the harness. */
  readonly allocationProbeMs?: number;
}

/** One figure of a bench, measured in processes of its own. */
export interface ProcessFigure {
  /** The printed name; it must not contain `': '` (`run.ts` reads the name of a missed goal up to the first one). */
  readonly name: string;
  /** What the cold figure times, printed after the name: `'first 1,000 calls'`. */
  readonly cold: string;
  /** The goal, in the unit the figure is printed in; it is held on the cold median. */
  readonly goal: Goal;
  /**
   * Runs in a fresh process that measures nothing else: builds what the figure needs, times the
   * cold calls first, then the warm loop.
   */
  readonly measure: () => Promise<ColdWarm> | ColdWarm;
}

/**
 * The number of processes per figure: `ARCHSPACE_BENCH_RUNS`, default 5. A lower number is allowed
 * for a quick check of a bench, and its figures are then labelled as such.
 */
function processRunCount(): number {
  const text = process.env['ARCHSPACE_BENCH_RUNS'];
  if (text === undefined || text === '') return MIN_RUNS;
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`ARCHSPACE_BENCH_RUNS must be a whole number ≥ 1, got "${text}"`);
  return runs;
}

/** In a child: measures the figure `name` and prints its result line. */
async function measureOne(figures: readonly ProcessFigure[], name: string): Promise<void> {
  const figure = figures.find((f) => f.name === name);
  if (!figure) throw new Error(`${FIGURE_ENV}="${name}" names no figure of this bench`);
  const result = await figure.measure();
  const faults = lastColdWindowFaults();
  const coldFaultsPerCall = faults === undefined ? undefined : faults.minorPageFaults / faults.calls;
  console.log(RESULT_PREFIX + JSON.stringify({ ...result, coldFaultsPerCall, allocationProbeMs: allocationProbeMs() }));
}

/** Runs `figure` in one fresh process and returns what it measured. */
function runChild(benchFile: string, figure: ProcessFigure): ColdWarm {
  return runMeasuringProcess([compiledBenchFile(runOne), compiledBenchFile(benchFile)], figure.name);
}

/**
 * Runs `node <args>` as the measuring process of the figure named `figureName` (`args` start the
 * bench's `run-one` with the bench file, however the caller wants them run) and returns what it
 * measured; throws when it fails or gives no sound result.
 */
export function runMeasuringProcess(args: readonly string[], figureName: string): ColdWarm {
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, [FIGURE_ENV]: figureName },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  const lines = (child.stdout ?? '').split('\n');
  // Anything else the child printed goes to stderr, where run.ts cannot take it for a result.
  for (const line of lines) if (line !== '' && !line.startsWith(RESULT_PREFIX)) process.stderr.write(`${line}\n`);
  const resultLine = lines.find((line) => line.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || resultLine === undefined) {
    throw new Error(`"${figureName}": the measuring process ${child.error ? `failed (${child.error.message})` : `exited with ${child.status ?? child.signal}`} without a result`);
  }
  const result = JSON.parse(resultLine.slice(RESULT_PREFIX.length)) as ColdWarm;
  const also = Object.values(result.alsoMs ?? {});
  if (!(result.coldMs > 0 && result.warmMs > 0 && also.every((ms) => ms >= 0 && Number.isFinite(ms)))) {
    throw new Error(`"${figureName}": the measuring process gave ${resultLine}`);
  }
  return result;
}

/** `median [median of n processes, min–max a–b unit]` of `valuesMs`, in the goal's unit. */
function summary(valuesMs: readonly number[], unit: string): { median: number; label: string } {
  const values = valuesMs.map((ms) => ms / millisecondsPer(unit));
  const range = `${formatFigure(Math.min(...values))}–${formatFigure(Math.max(...values))} ${unit}`;
  return { median: median(values), label: `[median of ${values.length} processes, min–max ${range}]` };
}

/**
 * Measures every figure of the bench `benchFile` (pass `fileURLToPath(import.meta.url)`) in fresh
 * processes and reports each: a `PASS`/`MISS` line for the cold median against the goal (through
 * {@link report}, so `run.ts` counts it), then the warm median, then the median of each other
 * figure a run gave ({@link ColdWarm.alsoMs}) and each distinct note; returns the cold medians, in
 * milliseconds, in the order of `figures`. In a child process started by this function, measures the
 * one figure it was started for instead and returns `undefined`. Throws when a child fails.
 */
export async function measureInProcesses(benchFile: string, figures: readonly ProcessFigure[]): Promise<readonly number[] | undefined> {
  const only = process.env[FIGURE_ENV];
  if (only !== undefined) {
    await measureOne(figures, only);
    return undefined;
  }
  const runs = processRunCount();
  if (runs < MIN_RUNS) console.log(`(quick check: ${runs} process${runs === 1 ? '' : 'es'} per figure; a figure to quote needs ${MIN_RUNS})`);
  const results = figures.map(() => [] as ColdWarm[]);
  for (let run = 0; run < runs; run++) figures.forEach((figure, i) => results[i]!.push(runChild(benchFile, figure)));
  figures.forEach((figure, i) => {
    const cold = summary(results[i]!.map((r) => r.coldMs), figure.goal.unit);
    const warm = summary(results[i]!.map((r) => r.warmMs), figure.goal.unit);
    report(`${figure.name}, cold (${figure.cold}) ${cold.label}`, cold.median, figure.goal);
    console.log(`      warm (tinybench loop) ${warm.label}: ${formatFigure(warm.median)} ${figure.goal.unit}`);
    for (const label of new Set(results[i]!.flatMap((r) => Object.keys(r.alsoMs ?? {})))) {
      const values = results[i]!.flatMap((r) => {
        const ms = r.alsoMs?.[label];
        return ms === undefined ? [] : [ms];
      });
      const also = summary(values, figure.goal.unit);
      console.log(`      note, not the goal: ${label} ${also.label}: ${formatFigure(also.median)} ${figure.goal.unit}`);
    }
    const faults = results[i]!.flatMap((r) => (r.coldFaultsPerCall === undefined ? [] : [r.coldFaultsPerCall]));
    if (faults.length > 0) {
      const range = `${formatFigure(Math.min(...faults))}–${formatFigure(Math.max(...faults))}`;
      console.log(`      cold window's first writes to fresh memory (minor page faults): ${formatFigure(median(faults))} per call [median of ${faults.length} processes, min–max ${range}]`);
    }
    const probed = results[i]!.flatMap((r) => (r.allocationProbeMs === undefined ? [] : [r])).sort((a, b) => a.allocationProbeMs! - b.allocationProbeMs!);
    if (probed.length > 0) {
      const pairs = probed.map((r) => `${formatFigure(r.coldMs / millisecondsPer(figure.goal.unit))} (${formatFigure(r.allocationProbeMs!)})`);
      console.log(`      each process's cold figure, by its allocation speed (in brackets: ms a million small objects after the window, allocation-probe.ts): ${pairs.join(', ')}`);
    }
    for (const note of new Set(results[i]!.flatMap((r) => (r.note === undefined ? [] : [r.note])))) console.log(`      (${note})`);
  });
  return results.map((runsOfFigure) => median(runsOfFigure.map((r) => r.coldMs)));
}
