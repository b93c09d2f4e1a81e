/**
 * Which backend archspace trains with, as the reference's framework default: `'tfjs'` (train for
 * real with TensorFlow.js) or `'none'` (stay symbolic: compiling and training refuse). The
 * `ARCHSPACE_BACKEND` environment variable is read once, when this module loads;
 * `setDefaultBackend` overrides it for the rest of the process.
 *
 * Inside TensorFlow.js, the compute backend is `'wasm'` (WebAssembly with SIMD, shipped inside the
 * `@tensorflow/tfjs-backend-wasm` package, no download) or `'cpu'` (plain JavaScript). `'auto'`, the
 * default, takes WASM when it initialises — it trains a NAS-Bench-201 network about ten times faster
 * (see the package README) — and the CPU backend otherwise. `ARCHSPACE_TFJS_BACKEND` sets it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendDisabledError } from './errors.js';
import { tf } from './tf.js';

/** The archspace backends: train with TensorFlow.js, or none (symbolic only). */
export type ArchspaceBackend = 'tfjs' | 'none';

/** Every {@link ArchspaceBackend}, in order of preference. */
export const ARCHSPACE_BACKENDS: readonly ArchspaceBackend[] = Object.freeze(['tfjs', 'none']);

/** A TensorFlow.js compute backend this package can use. */
export type TfBackend = 'cpu' | 'wasm';

/** A compute backend, or `'auto'`: WASM when it initialises, else CPU. */
export type TfBackendChoice = TfBackend | 'auto';

/** Every {@link TfBackendChoice}. */
export const TF_BACKEND_CHOICES: readonly TfBackendChoice[] = Object.freeze(['auto', 'wasm', 'cpu']);

function parseChoice<T extends string>(variable: string, value: string | undefined, allowed: readonly T[], fallback: T): T | ArchspaceError {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase() as T;
  if (allowed.includes(v)) return v;
  return new ArchspaceError({ code: 'invalid-backend', path: [variable], expected: `one of ${allowed.join(', ')}`, received: value });
}

// Read once, at start; an invalid value is reported when the backend is first asked for.
let archspaceBackend = parseChoice('ARCHSPACE_BACKEND', process.env.ARCHSPACE_BACKEND, ARCHSPACE_BACKENDS, 'tfjs');
let tfBackendChoice = parseChoice('ARCHSPACE_TFJS_BACKEND', process.env.ARCHSPACE_TFJS_BACKEND, TF_BACKEND_CHOICES, 'auto');

function checked<T>(value: T | ArchspaceError): T {
  if (value instanceof ArchspaceError) throw value;
  return value;
}

/**
 * Sets the backend archspace trains with for the rest of the process. Set it before compiling or
 * evaluating; changing it in the middle of a search is allowed but affects the trials after it.
 *
 * @example
 * ```ts
 * setDefaultBackend('none'); // compileModel and evaluators now refuse with BackendDisabledError
 * ```
 */
export function setDefaultBackend(backend: ArchspaceBackend): void {
  archspaceBackend = checked(parseChoice('setDefaultBackend', backend, ARCHSPACE_BACKENDS, 'tfjs'));
}

/**
 * The backend archspace trains with: what `setDefaultBackend` set, else the `ARCHSPACE_BACKEND`
 * environment variable as it was when the process started, else `'tfjs'`. Throws an error naming the
 * variable when it holds something else than `tfjs` or `none`.
 */
export function getDefaultBackend(): ArchspaceBackend {
  return checked(archspaceBackend);
}

/** Throws {@link BackendDisabledError} when the archspace backend is `'none'`; `what` names the refused action. */
export function assertTfjsEnabled(what: string): void {
  if (getDefaultBackend() === 'none') {
    throw new BackendDisabledError({
      code: 'backend-disabled',
      path: [what],
      message: `${what} needs the TensorFlow.js backend, but the archspace backend is "none"; call setDefaultBackend('tfjs') or unset ARCHSPACE_BACKEND`,
    });
  }
}

/**
 * Sets the TensorFlow.js compute backend that {@link useTfBackend} picks when called without one.
 *
 * @example
 * ```ts
 * setDefaultTfBackend('cpu'); // bit-for-bit reproducible JavaScript kernels, about ten times slower
 * ```
 */
export function setDefaultTfBackend(choice: TfBackendChoice): void {
  tfBackendChoice = checked(parseChoice('setDefaultTfBackend', choice, TF_BACKEND_CHOICES, 'auto'));
}

/** The compute backend {@link useTfBackend} picks by default: set, else `ARCHSPACE_TFJS_BACKEND`, else `'auto'`. */
export function getDefaultTfBackend(): TfBackendChoice {
  return checked(tfBackendChoice);
}

/** The folder holding the WebAssembly binaries inside the installed `@tensorflow/tfjs-backend-wasm` package. */
export function wasmBinaryFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

let wasmPathsSet = false;
let wasmWorks: boolean | undefined;

function isActive(name: TfBackend): boolean {
  return tf.engine().backendName === name && tf.findBackend(name) != null;
}

async function activate(name: TfBackend): Promise<boolean> {
  if (isActive(name)) return true;
  if (name === 'wasm') {
    if (wasmWorks === false) return false;
    if (!wasmPathsSet) {
      setWasmPaths(wasmBinaryFolder());
      wasmPathsSet = true;
    }
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch {
    ok = false;
  }
  if (name === 'wasm') {
    wasmWorks = ok;
    if (ok) shareIdentityOnWasm();
  }
  return ok;
}

let identityShared = false;

/**
 * Makes WASM's `Identity` kernel share its input's memory (reference-counted), as the CPU backend's
 * does and as WASM's own `Reshape` does, instead of copying it. Gradient tapes clone every tensor they
 * save, so the copies cost several percent of a training step.
 */
function shareIdentityOnWasm(): void {
  if (identityShared) return;
  identityShared = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs['x']!;
      (backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

/**
 * Makes `choice` the active TensorFlow.js backend (initialising it on first use) and returns the one
 * now active. `'auto'` takes WASM and falls back to CPU when WASM cannot start. One backend is active
 * per process: evaluations running at the same time share it.
 *
 * @example
 * ```ts
 * await useTfBackend('cpu'); // 'cpu'
 * await useTfBackend();      // 'wasm' where it starts, else 'cpu'
 * ```
 */
export async function useTfBackend(choice: TfBackendChoice = getDefaultTfBackend()): Promise<TfBackend> {
  checked(parseChoice('useTfBackend', choice, TF_BACKEND_CHOICES, 'auto'));
  if (choice === 'cpu' || choice === 'wasm') {
    if (!(await activate(choice))) {
      throw new ArchspaceError({ code: 'backend-unavailable', path: ['useTfBackend'], message: `the TensorFlow.js "${choice}" backend could not be initialised` });
    }
    return choice;
  }
  if (await activate('wasm')) return 'wasm';
  if (await activate('cpu')) return 'cpu';
  throw new ArchspaceError({ code: 'backend-unavailable', path: ['useTfBackend'], message: 'neither the TensorFlow.js "wasm" nor the "cpu" backend could be initialised' });
}

/** The active TensorFlow.js backend, or `undefined` before one was chosen. */
export function activeTfBackend(): TfBackend | undefined {
  if (isActive('wasm')) return 'wasm';
  if (isActive('cpu')) return 'cpu';
  return undefined;
}

/**
 * Synchronously makes sure a backend is active, for code that cannot wait: the CPU backend starts
 * without waiting, so it is chosen when none is active yet. Returns the active backend.
 */
export function ensureTfBackendSync(): TfBackend {
  const active = activeTfBackend();
  if (active) return active;
  // Initialising the CPU backend is synchronous: the promise has settled when setBackend returns.
  void tf.setBackend('cpu');
  if (!isActive('cpu')) throw new ArchspaceError({ code: 'backend-unavailable', path: ['cpu'], message: 'the TensorFlow.js "cpu" backend could not be initialised' });
  return 'cpu';
}

// Importing the WASM backend registers it above the CPU one, and an asynchronous backend cannot be
// started by the first tensor operation: until `useTfBackend` picks one, the CPU backend is active.
ensureTfBackendSync();
