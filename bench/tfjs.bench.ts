/**
 * Training throughput of a NAS-Bench-201 network (8 channels, one cell per stage, 16×16 RGB images,
 * the cell the TensorFlow.js search example finds best) at batch 64, on the WASM and the CPU
 * backends, and — where an interpreter with PyTorch is found (`ARCHSPACE_PYTHON`, `/usr/bin/python3`,
 * `python3`) — PyTorch's on the CPU for the same network in the same run, interleaved with the WASM
 * runs so that both see the same machine load. Goals: WASM ≥ 400 images/s — a 20-trial search of the
 * example trains about 50,000 images and should stay under two minutes on two cores; WASM ≥ 0.6× PyTorch
 * at its faster of 1 and 2 threads in each round (on a loaded machine, two OpenMP threads can be ten
 * times slower than one, and a user would pick the faster); CPU ≥ 20 images/s — it is the bit-for-bit
 * reproducible backend the tests use, not the one to search with. The same space's one-shot supernet
 * (all five ops on every edge, mixed as DARTS trains them; `tfjs-supernet.ts`) trains at ≥ 300 images/s
 * on WASM.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type TfBackend, useTfBackend } from '@archspace/tfjs';
import { report } from './harness.js';
import { BENCH_BATCH, type BenchmarkNetwork, benchmarkNetwork } from './tfjs-network.js';
import { benchmarkSupernet } from './tfjs-supernet.js';

const ROUNDS = 5;
/**
 * The supernet's goal: a DARTS epoch over the 3,000 training images of the one-shot ranking study in
 * 20 s, counting the architecture step's pass over as many validation images. Every edge computes
 * all five operations, about twice the convolution work of the benchmark network's cell.
 */
const SUPERNET_GOAL = 300;
const TORCH_SCRIPT = fileURLToPath(new URL('./nasbench201_torch_throughput.py', import.meta.url));
const TORCH_THREADS = [1, 2] as const;

/** Images per second of `steps` training steps of `make()`'s network, after two warm-up steps. */
async function throughput(backend: TfBackend, steps: number, make: () => BenchmarkNetwork = benchmarkNetwork): Promise<number> {
  await useTfBackend(backend);
  const net = make();
  for (let i = 0; i < 2; i++) await net.step(i);
  const start = performance.now();
  for (let i = 0; i < steps; i++) await net.step(i);
  const seconds = (performance.now() - start) / 1000;
  net.dispose();
  return (steps * BENCH_BATCH) / seconds;
}

/** The first interpreter that imports torch, or undefined. */
function torchPython(): string | undefined {
  const named = process.env.ARCHSPACE_PYTHON;
  for (const python of [...(named ? [named] : []), '/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { timeout: 120_000 }).status === 0) return python;
  }
  return undefined;
}

/** PyTorch's images per second for `steps` steps of the same network, or undefined if the script fails. */
function torchThroughput(python: string, steps: number, threads: number): number | undefined {
  const run = spawnSync(python, [TORCH_SCRIPT, String(steps), String(threads)], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) return undefined;
  return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { imagesPerSecond: number }).imagesPerSecond;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const spread = (values: readonly number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

export default async function (): Promise<void> {
  const python = torchPython();
  const wasmRuns: number[] = [];
  const torchRuns = new Map<number, number[]>(TORCH_THREADS.map((t) => [t, []]));
  const bestTorch: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    wasmRuns.push(await throughput('wasm', 12));
    if (!python) continue;
    const figures = TORCH_THREADS.map((t) => torchThroughput(python, 15, t));
    if (figures.some((f) => f === undefined)) continue;
    figures.forEach((f, i) => torchRuns.get(TORCH_THREADS[i]!)!.push(f!));
    bestTorch.push(Math.max(...(figures as number[])));
  }
  const wasm = median(wasmRuns);
  report(`NAS-Bench-201 network (C=8, 16×16) training, batch 64, WASM (median of ${ROUNDS}, ${spread(wasmRuns)})`, wasm, { bound: '≥', value: 400, unit: 'images/s' });
  if (bestTorch.length === ROUNDS) {
    for (const [threads, runs] of torchRuns) {
      console.log(`      PyTorch CPU, ${threads} thread(s), same network and run: ${median(runs).toFixed(0)} images/s (median of ${ROUNDS}, ${spread(runs)})`);
    }
    const ratios = wasmRuns.map((w, i) => w / bestTorch[i]!);
    report(`WASM over PyTorch CPU (median of per-round ratios, ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`, median(ratios), { bound: '≥', value: 0.6, unit: '×' });
  } else {
    console.log(`SKIP  PyTorch comparison: ${python ? 'the PyTorch script failed' : 'no python3 with torch (install python3-torch or set ARCHSPACE_PYTHON)'}`);
  }
  const supernetRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) supernetRuns.push(await throughput('wasm', 6, benchmarkSupernet));
  const supernet = median(supernetRuns);
  report(`its supernet (all five ops on every edge, DARTS' mixture) training, batch 64, WASM (median of ${ROUNDS}, ${spread(supernetRuns)})`, supernet, { bound: '≥', value: SUPERNET_GOAL, unit: 'images/s' });
  const cpu = await throughput('cpu', 4);
  report('NAS-Bench-201 network (C=8, 16×16) training, batch 64, CPU', cpu, { bound: '≥', value: 20, unit: 'images/s' });
  report('WASM speed-up over CPU', wasm / cpu, { bound: '≥', value: 5, unit: '×' });
}
