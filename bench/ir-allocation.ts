/**
 * `npx tsx bench/ir-allocation.ts`: the bytes the IR allocates for the work the IR bench times, as
 * V8's sampling heap profiler counts them (every object, the short-lived ones too; one sample per 32
 * bytes on average). Bytes are time in a fresh process: the first write to each new page of the young
 * generation is a page fault (`page-fault-cost.ts`), and a cold window of the IR bench pays about one
 * fault per 4 KiB it allocates.
 *
 * - `Mutator.apply` on the 10,000-node bench model: the mean over its first 100 calls (what the
 *   bench's cold figure times, compilation included) and over the next 500;
 * - `loadModel` of that model's document: its first call, then a second one;
 * - `dumpModel` of the model: its first call, then a second one.
 *
 * `ARCHSPACE_IR_MODULE=<path to an IR build's index.js>` weighs another build (an older commit's
 * `packages/ir` compiled elsewhere) with the same model and calls.
 */
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import type * as Ir from '@archspace/ir';
import { irFixtures, NODES } from './ir-fixtures.js';

const moduleEnv = process.env['ARCHSPACE_IR_MODULE'];
const ir = (await import(moduleEnv === undefined ? '@archspace/ir' : pathToFileURL(moduleEnv).href)) as typeof Ir;
const { bigModel, widthMutator } = irFixtures(ir);

interface SamplingNode {
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

const session = new Session();
session.connect();

/** The bytes `fn` allocates, by the sampling heap profiler. */
async function bytesOf(fn: () => void): Promise<number> {
  await session.post('HeapProfiler.startSampling', { samplingInterval: 32, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  fn();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
  let total = 0;
  const stack: SamplingNode[] = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += node.selfSize;
    stack.push(...node.children);
  }
  return total;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;

// Parsed from text, as a trial process gets it (a dumped document would share the model's frozen parameters).
const document: unknown = JSON.parse(JSON.stringify(ir.dumpModel(bigModel())));
const firstLoad = await bytesOf(() => ir.loadModel(document));
const secondLoad = await bytesOf(() => ir.loadModel(document));

const base = bigModel().lint().withStatus('frozen');
const mutator = widthMutator('width').bindSampler(new ir.FixedSampler({ width: [128] }));
const applies = (calls: number) => () => {
  for (let i = 0; i < calls; i++) {
    mutator.target = (mutator.target + 7919) % NODES;
    mutator.apply(base);
  }
};
const first100 = (await bytesOf(applies(100))) / 100;
const next500 = (await bytesOf(applies(500))) / 500;
const firstDump = await bytesOf(() => ir.dumpModel(base));
const secondDump = await bytesOf(() => ir.dumpModel(base));

console.log(`IR module: ${moduleEnv ?? '@archspace/ir'}`);
console.log(`Mutator.apply, 10,000-node model: ${kib(first100)} per call over the first 100 calls, ${kib(next500)} over the next 500`);
console.log(`loadModel, 10,000 nodes: ${kib(firstLoad)} the first call, ${kib(secondLoad)} the second`);
console.log(`dumpModel, 10,000 nodes: ${kib(firstDump)} the first call, ${kib(secondDump)} the second`);
session.disconnect();
