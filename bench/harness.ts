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
}

/** One printed line of results. */
export interface BenchResult {
  readonly name: string;
  readonly figure: number;
  readonly goal: Goal;
  readonly met: boolean;
}

const TIME_UNITS: Record<string, number> = { ns: 1e-6, 'µs': 1e-3, ms: 1, s: 1000 };

function format(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/** Prints one figure beside its goal. */
export function report(name: string, figure: number, goal: Goal): BenchResult {
  const met = goal.bound === '≤' ? figure <= goal.value : figure >= goal.value;
  const reference = goal.reference ? `; reference ${goal.reference}` : '';
  console.log(
    `${met ? 'PASS' : 'MISS'}  ${name}: ${format(figure)} ${goal.unit}  (goal ${goal.bound} ${format(goal.value)} ${goal.unit}${reference})`,
  );
  return { name, figure, goal, met };
}

/**
 * Measures the mean time of one call of `fn` and reports it in the goal's time unit.
 * `batch` calls run per timed sample; use it for functions that take well under a microsecond.
 */
export async function measureTime(
  name: string,
  fn: () => unknown,
  goal: Goal,
  options: { batch?: number; timeMs?: number } = {},
): Promise<BenchResult> {
  const perMs = TIME_UNITS[goal.unit];
  if (perMs === undefined) throw new Error(`measureTime: goal unit must be a time unit, got "${goal.unit}"`);
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
  return report(name, result.latency.mean / perMs, goal);
}

/** Times one run of a long job (seconds, not microseconds) and reports it in the goal's unit. */
export async function measureOnce(name: string, fn: () => unknown | Promise<unknown>, goal: Goal): Promise<BenchResult> {
  const perMs = TIME_UNITS[goal.unit];
  if (perMs === undefined) throw new Error(`measureOnce: goal unit must be a time unit, got "${goal.unit}"`);
  const start = performance.now();
  await fn();
  return report(name, (performance.now() - start) / perMs, goal);
}
