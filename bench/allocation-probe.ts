/**
 * How fast this process allocates. On this project's virtual machines a fresh `node` process runs in
 * one of two speeds for the rest of its life, decided when it starts: in about half of them,
 * allocating small objects (and so making typed-array views, records, samples) takes about twice as
 * long, while arithmetic and random reads of a big array run at the same speed in both
 * (`npx tsx bench/process-speed-modes.ts`). Allocation-heavy cold figures therefore split into two
 * groups of processes, and a median of five can land in either. Each figure of `process-runs.ts`
 * prints this probe of each of its processes beside that process's cold figure. It is taken after the
 * cold window (so it changes no figure), when a longer-lived heap makes it read faster than in a fresh
 * process, so it hints at a process's speed rather than telling it.
 */

/** Objects the probe allocates. */
const OBJECTS = 1_000_000;

let sink: unknown;

/**
 * Milliseconds to allocate a million small objects (a record holding a two-number array), after two
 * untimed rounds so that the loop itself runs optimised.
 *
 * @example
 * ```ts
 * const ms = allocationProbeMs(); // about 7 in a fast process here, about 12 in a slow one
 * ```
 */
export function allocationProbeMs(): number {
  const round = (): number => {
    const start = performance.now();
    for (let i = 0; i < OBJECTS; i++) sink = { a: i, b: [i, i + 1] };
    return performance.now() - start;
  };
  round();
  round();
  const ms = round();
  sink = undefined;
  return ms;
}
