/**
 * The NAS-Bench-201 space: prints its size, one sampled architecture (as the benchmark's arch
 * string), the frozen network's parameters and FLOPs, and its IR as JSON.
 *
 * Run: `node examples/dist/nasbench201-space.js` after `npm run build`.
 */
import { dumpModel } from '@archspace/ir';
import { NasBench201Space, applySample, createRng, nasBench201ArchString, toModel, trace } from '@archspace/mutables';

/** Prints the size, one architecture, its cost and its IR. */
export function main(print: (line: string) => void = console.log): void {
  const space = NasBench201Space.create();
  print(`NAS-Bench-201 space: ${Object.keys(space.simplify()).length} decisions, ${space.size} architectures`);
  const sample = space.random(createRng(201));
  print(`one architecture (seed 201): ${nasBench201ArchString(sample)}`);
  const traced = trace(space.freeze(sample), [[null, 3, 32, 32]]);
  print(`frozen network: ${(traced.parameterCount()! / 1e6).toFixed(6)} M parameters, ${(traced.flops()! / 1e6).toFixed(4)} M FLOPs`);
  const { model, mutators } = toModel(space, [[null, 3, 32, 32]]);
  const frozen = applySample(model, mutators, sample);
  print(`its IR as JSON (${frozen.graphs.length} graphs):`);
  print(JSON.stringify(dumpModel(frozen)));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
