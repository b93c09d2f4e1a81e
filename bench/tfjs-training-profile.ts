/**
 * Where a WASM training step of the benchmark's NAS-Bench-201 network spends its time: kernels by
 * total time, with their share of the step and the number of calls. Run with
 * `npx tsx bench/tfjs-training-profile.ts [backend] [steps]` after `npx tsc -b`. "unnamed scope" is the
 * forward pass of a hand-written gradient (`tf.customGrad`): its kernels are counted again on their own.
 */
import { type TfBackend, tf, useTfBackend } from '@archspace/tfjs';
import { benchmarkNetwork } from './tfjs-network.js';

const backend = (process.argv[2] ?? 'wasm') as TfBackend;
const steps = Number(process.argv[3] ?? 5);
await useTfBackend(backend);
const net = benchmarkNetwork();
for (let i = 0; i < 2; i++) await net.step(i);
const totals = new Map<string, { ms: number; calls: number }>();
const start = performance.now();
for (let i = 0; i < steps; i++) {
  const info = await tf.profile(() => net.step(i));
  for (const k of info.kernels) {
    // Kernels on feature maps and on small tensors (parameters, statistics) apart.
    const size = Math.max(0, ...k.outputShapes.map((s) => (s ?? []).reduce((a, b) => a * b, 1)));
    const key = `${k.name}${size >= 4096 ? '' : ' (small)'}`;
    const entry = totals.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.calls += 1;
    totals.set(key, entry);
  }
}
const wall = (performance.now() - start) / steps;
const kernelMs = [...totals.values()].reduce((s, e) => s + e.ms, 0) / steps;
const calls = [...totals.values()].reduce((s, e) => s + e.calls, 0) / steps;
console.log(`${backend}: ${wall.toFixed(1)} ms per step (profiled), ${kernelMs.toFixed(1)} ms in ${calls} kernel calls`);
for (const [name, e] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
  console.log(`${name.padEnd(24)} ${(e.ms / steps).toFixed(2).padStart(8)} ms  ${((100 * e.ms) / steps / kernelMs).toFixed(1).padStart(5)} %  ${String(e.calls / steps).padStart(4)} calls`);
}
net.dispose();
