/**
 * `npx tsx bench/cold-floors.ts`: what the cold goal of `value-space.bench.ts` costs at least,
 * measured as that bench measures (fresh processes, medians of 5, cold then warm):
 *
 * - six Alea draws into a record with no prototype, written by hand: the least a NAS-Bench-201
 *   sample can cost, since a sample is such a record (first 10,000 calls, as the sample's figure);
 * - the same six draws alone;
 *
 * (Until 2026-12-07 it also measured the Immutable.js maps `loadModel` filled; the IR no longer
 * keeps its nodes and names in them, see packages/ir's design notes.)
 *
 * Each is held to the goal of the figure it is the floor of, so a MISS here says that goal cannot be
 * met by tuning the code above the floor.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng, type Rng } from '@archspace/mutables';
import { firstCallsMeanMs, warmMeanMs } from './harness.js';
import { measureInProcesses, type ProcessFigure } from './process-runs.js';

const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const COLD_CALLS = 10_000;

/** Cold (the first `COLD_CALLS` calls), then warm, of `fn`. */
async function coldThenWarm(name: string, fn: () => unknown) {
  const coldMs = firstCallsMeanMs(fn, COLD_CALLS);
  return { coldMs, warmMs: await warmMeanMs(name, fn, { batch: 1000 }) };
}

/** A figure held to the NAS-Bench-201 sample's goal: `draw` with a fresh seeded generator, cold then warm. */
function drawsFigure(name: string, draw: (rng: Rng) => unknown): ProcessFigure {
  return {
    name,
    cold: 'mean of the first 10,000 calls',
    goal: { bound: '≤', value: 0.15, unit: 'µs' },
    measure: () => {
      const rng = createRng(0);
      return coldThenWarm(name, () => draw(rng));
    },
  };
}

export default async function coldFloors(): Promise<void> {
  await measureInProcesses(fileURLToPath(import.meta.url), [
    drawsFigure('floor of a NAS-Bench-201 sample: six draws into a record with no prototype, by hand', (rng) => {
      const sample = Object.setPrototypeOf({}, null) as Record<string, string>;
      for (let i = 0; i < EDGES.length; i++) sample[EDGES[i]!] = OPS[rng.int(OPS.length)]!;
      return sample;
    }),
    drawsFigure('six draws alone', (rng) => {
      let sum = 0;
      for (let i = 0; i < EDGES.length; i++) sum += rng.int(OPS.length);
      return sum;
    }),
  ]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await coldFloors();
