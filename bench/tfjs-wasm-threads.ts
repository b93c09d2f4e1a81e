/**
 * Experiment: can TensorFlow.js's threaded WASM build (`tfjs-backend-wasm-threaded-simd.wasm`, XNNPACK
 * with a pthread pool) train the benchmark network faster under Node.js? Three obstacles, each worked
 * around here (nothing of this is used by the package):
 *
 * 1. `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false under Node.js, so `init()` never picks the
 *    threaded build: this script replaces the registered `'wasm'` backend factory with its own.
 * 2. Emscripten starts its pthreads with `new Worker(<the .worker.js path>)`, but the package ships
 *    that worker only as a JavaScript string (`wasm-out/…worker.js` exports it), which TensorFlow.js
 *    turns into a Blob URL that Node's `worker_threads` cannot load: this script writes a small
 *    CommonJS shim (to the OS temporary folder) that evaluates the string with `require`.
 * 3. The C++ side caps the pool at half of `emscripten_num_logical_cores()` (one on two cores): this
 *    script reports twice the requested thread count to the module it instantiates.
 *
 * Usage: `npx tsc -b && npx tsx bench/tfjs-wasm-threads.ts [threads …]` — 0 is the package's own
 * single-threaded SIMD build. Each count runs in a process of its own, twice, alternating.
 * Measured on the shared two-core machine (`tfjs-wasm-threads.log`): with one thread the threaded
 * build matches the SIMD build (729 vs 708–739 images/s at load 2–4); two threads gave 246–815 images/s
 * against 538–729, usually less than half, as soon as the other core is busy (load average above 2):
 * XNNPACK splits every small kernel between both threads and waits for the slower one. An earlier
 * trial at load 11–14 gave 202 (SIMD), 135 (threaded, 1) and 74–142 (threaded, 2) images/s. On an idle
 * machine (load 1.0) two threads still lost: 861–883 against 926–937 images/s for the SIMD build.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf, useTfBackend, wasmBinaryFolder } from '@archspace/tfjs';
import { BENCH_BATCH, benchmarkNetwork } from './tfjs-network.js';

/** The parts of an Emscripten module this script calls. */
interface WasmModule {
  cwrap(name: string, returns: string | null, args: string[]): unknown;
  tfjs?: Record<string, unknown>;
}

/** The WebAssembly API (the bench's type library has no DOM types). */
const webAssembly = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: unknown; module: unknown }> } }).WebAssembly;

/** Registers the threaded build as the `'wasm'` backend, with a pool of `threads` threads. */
function registerThreadedWasm(threads: number): void {
  const require = createRequire(join(fileURLToPath(import.meta.url), '../../packages/tfjs/package.json'));
  const wasmPackage = require('@tensorflow/tfjs-backend-wasm') as { BackendWasm: new (m: WasmModule) => object; setThreadsCount(n: number): void };
  const root = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const factory = require(join(root, 'wasm-out/tfjs-backend-wasm-threaded-simd.js')) as (config: object) => Promise<WasmModule>;
  const workerSource = join(root, 'wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
  const shim = join(tmpdir(), 'archspace-wasm-pthread-worker.cjs');
  writeFileSync(shim, `const { wasmWorkerContents } = require(${JSON.stringify(workerSource)});\nnew Function('require', '__filename', wasmWorkerContents.replace(/\\n/g, '\\\\n'))(require, __filename);\n`);
  tf.removeBackend('wasm');
  wasmPackage.setThreadsCount(threads);
  tf.registerBackend('wasm', async () => {
    const module = await factory({
      locateFile: (path: string) => (path.endsWith('.worker.js') ? shim : join(wasmBinaryFolder(), path)),
      instantiateWasm: (info: { env: object }, receive: (instance: unknown, module: unknown) => void) => {
        const env = { ...info.env, emscripten_num_logical_cores: () => 2 * threads };
        const bytes = readFileSync(join(wasmBinaryFolder(), 'tfjs-backend-wasm-threaded-simd.wasm'));
        void webAssembly.instantiate(bytes, { ...info, env, wasi_snapshot_preview1: env }).then((r) => receive(r.instance, r.module));
        return {};
      },
    });
    const wrap = (name: string, returns: string | null, args: string[]) => module.cwrap(name, returns, args);
    module.tfjs = {
      init: wrap('init', null, []),
      initWithThreadsCount: wrap('init_with_threads_count', null, ['number']),
      getThreadsCount: wrap('get_threads_count', 'number', []),
      registerTensor: wrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: wrap('dispose_data', null, ['number']),
      dispose: wrap('dispose', null, []),
    };
    return new wasmPackage.BackendWasm(module) as never;
  }, 2);
}

/** Images per second of 10 training steps after 2 warm-up steps, on the active backend. */
async function imagesPerSecond(): Promise<number> {
  const net = benchmarkNetwork();
  for (let i = 0; i < 2; i++) await net.step(i);
  const start = performance.now();
  for (let i = 0; i < 10; i++) await net.step(i);
  const seconds = (performance.now() - start) / 1000;
  net.dispose();
  return (10 * BENCH_BATCH) / seconds;
}

const child = process.env.ARCHSPACE_THREADS_CHILD;
if (child !== undefined) {
  const threads = Number(child);
  if (threads > 0) registerThreadedWasm(threads);
  await useTfBackend('wasm');
  console.log(JSON.stringify({ threads, imagesPerSecond: await imagesPerSecond() }));
  process.exit(0); // the pthread workers would keep the process alive
} else {
  const counts = process.argv.slice(2).map(Number);
  for (const round of [1, 2]) {
    for (const threads of counts.length ? counts : [0, 1, 2]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, ARCHSPACE_THREADS_CHILD: String(threads) }, encoding: 'utf8', timeout: 300_000 });
      const figure = run.status === 0 ? (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { imagesPerSecond: number }).imagesPerSecond.toFixed(0) : `failed (${run.status})`;
      console.log(`round ${round}, ${threads === 0 ? 'SIMD build, 1 thread' : `threaded build, ${threads} thread(s)`}: ${figure} images/s (load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
    }
  }
}
