/**
 * Runs one public entry point on hostile input and judges the outcome: it must return, or throw an
 * `ArchspaceError` (any subclass) with a message; take less than a generous time bound (a hang guard,
 * not a speed test); and leave every built-in prototype as it was. Counts the cases it ran.
 */
import { ArchspaceError } from '@archspace/ir';
import { expect } from 'vitest';

/** The longest one call may take before it counts as a hang. */
export const HANG_BOUND_MS = 5_000;

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
const baseline = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

/** Cases run so far in this process, by entry point. */
export const casesRun = new Map<string, number>();

/** What a call did. */
export type Outcome = { readonly returned: unknown } | { readonly threw: ArchspaceError };

function checkPrototypes(entry: string): void {
  PROTOTYPES.forEach((prototype, i) => expect(Object.getOwnPropertyNames(prototype).sort().join(','), `${entry} changed a built-in prototype`).toBe(baseline[i]));
  expect((({}) as Record<string, unknown>)['polluted'], `${entry} polluted Object.prototype`).toBeUndefined();
}

/** Runs `call` as one case of `entry` (synchronous calls). */
export function judge(entry: string, call: () => unknown): Outcome {
  casesRun.set(entry, (casesRun.get(entry) ?? 0) + 1);
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { returned: call() };
  } catch (error) {
    if (!(error instanceof ArchspaceError)) throw new Error(`${entry} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}, not an ArchspaceError`, { cause: error });
    expect(error.message.length, `${entry} threw an error without a message`).toBeGreaterThan(0);
    outcome = { threw: error };
  }
  expect(performance.now() - started, `${entry} took longer than ${HANG_BOUND_MS} ms`).toBeLessThan(HANG_BOUND_MS);
  checkPrototypes(entry);
  return outcome;
}

/** Runs `call` as one case of `entry` (asynchronous calls). */
export async function judgeAsync(entry: string, call: () => Promise<unknown>): Promise<Outcome> {
  casesRun.set(entry, (casesRun.get(entry) ?? 0) + 1);
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { returned: await call() };
  } catch (error) {
    if (!(error instanceof ArchspaceError)) throw new Error(`${entry} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}, not an ArchspaceError`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
    outcome = { threw: error };
  }
  expect(performance.now() - started, `${entry} took longer than ${HANG_BOUND_MS} ms`).toBeLessThan(HANG_BOUND_MS);
  checkPrototypes(entry);
  return outcome;
}

/** The total of cases run, and a line per entry point. */
export function casesSummary(): { total: number; text: string } {
  const total = [...casesRun.values()].reduce((a, b) => a + b, 0);
  const lines = [...casesRun].map(([entry, n]) => `  ${entry}: ${n}`);
  return { total, text: `fuzz cases run: ${total}\n${lines.join('\n')}` };
}
