/**
 * A thin layer over tinybench that prints every figure beside the goal it must reach, so that
 * `pnpm bench` reads as a checklist. Fast functions are batched so that the timer's resolution does
 * not dominate sub-microsecond measurements.
 */
import { Bench } from 'tinybench';

/** The goal a benchmark must reach, in the unit it is printed in. */
export interface Goal {
  /** Upper bound for times (`'≤'`) or lower bound for rates (`'≥'`). */
  readonly bound: '≤' | '≥';
  readonly value: number;
  /** Unit of `value` and of the printed figure: `'µs'`, `'ms'`, `'s'` or a rate such as `'trials/s'`. */
  readonly unit: string;
  /** What the reference needs for the same work, printed for comparison. */
  readonly reference?: string;
  /** Significant digits of the printed figure and goal when they are below 1 (default 3). */
  readonly digits?: number;
}

/** One printed line of results. */
export interface BenchResult {
  readonly name: string;
  readonly figure: number;
  readonly goal: Goal;
  readonly met: boolean;
}

const TIME_UNITS: Record<string, number> = { ns: 1e-6, 'µs': 1e-3, ms: 1, s: 1000 };

/** Formats a figure as {@link report} prints it (three significant digits below 1, two decimals up to 1,000). */
export function formatFigure(value: number, digits = 3): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(digits);
}

/** Prints one figure beside its goal. */
export function report(name: string, figure: number, goal: Goal): BenchResult {
  const met = goal.bound === '≤' ? figure <= goal.value : figure >= goal.value;
  const reference = goal.reference ? `; reference ${goal.reference}` : '';
  console.log(
    `${met ? 'PASS' : 'MISS'}  ${name}: ${formatFigure(figure, goal.digits)} ${goal.unit}  (goal ${goal.bound} ${formatFigure(goal.value, goal.digits)} ${goal.unit}${reference})`,
  );
  return { name, figure, goal, met };
}

/** Milliseconds in one `unit` of time (`'ns'`, `'µs'`, `'ms'` or `'s'`); throws for any other unit. */
export function millisecondsPer(unit: string): number {
  const perMs = TIME_UNITS[unit];
  if (perMs === undefined) throw new Error(`goal unit must be a time unit, got "${unit}"`);
  return perMs;
}

/**
 * The mean milliseconds of one call of `fn` in a warmed tinybench loop (200 ms of warm-up, then
 * `timeMs` of samples). `batch` calls run per timed sample; use it for functions that take well
 * under a microsecond.
 */
export async function warmMeanMs(name: string, fn: () => unknown, options: { batch?: number; timeMs?: number } = {}): Promise<number> {
  const batch = options.batch ?? 1;
  const bench = new Bench({ time: options.timeMs ?? 1000, warmupTime: 200 });
  let sink: unknown;
  bench.add(name, () => {
    const start = bench.now();
    for (let i = 0; i < batch; i++) sink = fn();
    const elapsed = bench.now() - start;
    return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
  });
  await bench.run();
  void sink;
  const result = bench.tasks[0]?.result;
  if (!result || result.state !== 'completed') throw new Error(`benchmark "${name}" did not complete`);
  return result.latency.mean;
}

let coldSink: unknown;

/**
 * The mean milliseconds of one call of `fn` over the first `counts[k]` of its next calls, for each
 * `k` (`counts` ascending: `[100, 10_000]` makes 10,000 calls and gives the mean of the first 100 and
 * the mean of all 10,000). The calls are timed in blocks with no warm-up of their own: what ran
 * before them in the process is the bench's choice, and its header defines that as cold.
 */
export function firstCallsMeansMs(fn: () => unknown, counts: readonly number[]): number[] {
  const means: number[] = [];
  let done = 0;
  let elapsed = 0;
  const faultsBefore = process.resourceUsage().minorPageFault;
  for (const count of counts) {
    if (!(Number.isInteger(count) && count > done)) throw new Error(`firstCallsMeansMs: counts must be ascending whole numbers ≥ 1, got ${counts.join(', ')}`);
    const start = performance.now();
    for (; done < count; done++) coldSink = fn();
    elapsed += performance.now() - start;
    means.push(elapsed / count);
  }
  lastColdWindow = { calls: done, minorPageFaults: process.resourceUsage().minorPageFault - faultsBefore };
  void coldSink;
  return means;
}

let lastColdWindow: ColdWindowFaults | undefined;

/** The minor page faults of a cold window: each is a first write to a page of memory. */
export interface ColdWindowFaults {
  readonly calls: number;
  readonly minorPageFaults: number;
}

/**
 * The page faults of the last {@link firstCallsMeansMs} window of this process, or `undefined`.
 * A first write to a fresh page of the heap costs the operating system a fault; on this project's
 * virtual machines one costs about 10 µs (`npx tsx bench/page-fault-cost.ts`), so a cold window
 * that allocates into memory the process never touched pays far more than its code's work.
 */
export function lastColdWindowFaults(): ColdWindowFaults | undefined {
  return lastColdWindow;
}

/** The mean milliseconds of one call over the next `calls` calls of `fn` ({@link firstCallsMeansMs} with one count). */
export function firstCallsMeanMs(fn: () => unknown, calls: number): number {
  return firstCallsMeansMs(fn, [calls])[0]!;
}

/**
 * Measures the mean time of one call of `fn` in a warmed loop ({@link warmMeanMs}) and reports it in
 * the goal's time unit.
 */
export async function measureTime(
  name: string,
  fn: () => unknown,
  goal: Goal,
  options: { batch?: number; timeMs?: number } = {},
): Promise<BenchResult> {
  const perMs = millisecondsPer(goal.unit);
  return report(name, (await warmMeanMs(name, fn, options)) / perMs, goal);
}

/** Times one run of a long job (seconds, not microseconds) and reports it in the goal's unit. */
export async function measureOnce(name: string, fn: () => unknown | Promise<unknown>, goal: Goal): Promise<BenchResult> {
  const perMs = millisecondsPer(goal.unit);
  const start = performance.now();
  await fn();
  return report(name, (performance.now() - start) / perMs, goal);
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
