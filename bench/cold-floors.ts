/**
 * `npx tsx bench/cold-floors.ts`: what the cold goals of `value-space.bench.ts` and `ir.bench.ts`
 * cost at least, measured as those benches measure (fresh processes, medians of 5, cold then warm):
 *
 * - six Alea draws into a record with no prototype, written by hand: the least a NAS-Bench-201
 *   sample can cost, since a sample is such a record (first 10,000 calls, as the sample's figure);
 * - the same six draws alone;
 * - building an Immutable.js map of 10,000 node records, the first of the two maps `loadModel`
 *   fills (first call, as `loadModel`'s figure);
 * - building both tables a loaded graph record holds, as the loader builds them: an Immutable.js
 *   `OrderedMap` of 10,002 frozen node records by id and a `Map` of their names, each filled one
 *   record at a time through `asMutable()` (first call, as `loadModel`'s figure).
 *
 * Each is held to the goal of the figure it is the floor of, so a MISS here says that goal cannot be
 * met by tuning the code above the floor.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng, type Rng } from '@archspace/mutables';
import { firstCallsMeanMs, warmMeanMs } from './harness.js';
import { measureInProcesses, type ProcessFigure } from './process-runs.js';

const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const COLD_CALLS = 10_000;
const NODES = 10_000;

/** The part of Immutable.js the floors use: an empty map or ordered map, made mutable to fill. */
interface MutableMap {
  set(key: unknown, value: unknown): MutableMap;
  asImmutable(): unknown;
}
interface ImmutableJs {
  Map: ((entries: Iterable<[string, object]>) => unknown) & (() => { asMutable(): MutableMap });
  OrderedMap: () => { asMutable(): MutableMap };
}

/** Immutable.js as `@archspace/ir` loads it (the bench does not depend on it directly). */
function immutableJs(): ImmutableJs {
  const requireFromIr = createRequire(createRequire(import.meta.url).resolve('@archspace/ir'));
  return requireFromIr('immutable') as ImmutableJs;
}

/** A graph's two tables, as the loader fills them from its frozen node records (in id order). */
function graphTables(immutable: ImmutableJs, records: readonly { readonly id: number; readonly name: string }[]): unknown {
  let nodes = immutable.OrderedMap().asMutable();
  let names = immutable.Map().asMutable();
  for (const r of records) {
    nodes = nodes.set(r.id, r);
    names = names.set(r.name, r.id);
  }
  return [nodes.asImmutable(), names.asImmutable()];
}

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
    {
      name: 'floor of loadModel: an Immutable.js map of 10,000 node records',
      cold: 'first call',
      goal: { bound: '≤', value: 100, unit: 'ms' },
      measure: async () => {
        const makeMap = immutableJs().Map;
        const entries = Array.from({ length: NODES }, (_, i): [string, object] => [`node${i}`, { id: `node${i}`, name: `layer${i}`, operation: { type: 'Conv2d', parameters: { out: 16 } } }]);
        const start = performance.now();
        makeMap(entries);
        const coldMs = performance.now() - start;
        return { coldMs, warmMs: await warmMeanMs('map of 10,000 nodes', () => makeMap(entries), { timeMs: 2000 }) };
      },
    },
    {
      name: 'floor of loadModel with its record layout: an Immutable.js OrderedMap by id and a Map by name of 10,002 nodes',
      cold: 'first call',
      goal: { bound: '≤', value: 100, unit: 'ms' },
      measure: async () => {
        const immutable = immutableJs();
        const edges: readonly object[] = [];
        const operation = Object.freeze({ type: 'Linear', parameters: Object.freeze({ in_features: 64, out_features: 64, bias: true }) });
        const records = Array.from({ length: NODES + 2 }, (_, id) =>
          Object.freeze({ id, name: `layer${id}`, operation, label: `block${Math.floor(id / 10)}`, pythonName: `blocks.${id}`, inEdges: edges, outEdges: edges }),
        );
        const start = performance.now();
        graphTables(immutable, records);
        const coldMs = performance.now() - start;
        return { coldMs, warmMs: await warmMeanMs('tables of 10,002 nodes', () => graphTables(immutable, records), { timeMs: 2000 }) };
      },
    },
  ]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await coldFloors();
