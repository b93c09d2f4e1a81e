import { Module, type Tensor, nn } from '@archspace/mutables';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  activeTfBackend,
  getDefaultBackend,
  getDefaultTfBackend,
  setDefaultBackend,
  setDefaultTfBackend,
  useTfBackend,
  wasmBinaryFolder,
} from './backend.js';
import { compileModel } from './compile/compile-model.js';
import { BackendDisabledError } from './errors.js';
import { ClassificationEvaluator } from './evaluator/classification-evaluator.js';
import { tf } from './tf.js';

class Net extends Module {
  readonly head = new nn.Sequential(new nn.Flatten(), new nn.Linear(12, 2));
  forward(x: Tensor): Tensor {
    return this.head.call(x);
  }
}

describe('the archspace backend switch', () => {
  afterEach(() => {
    setDefaultBackend('tfjs');
    setDefaultTfBackend('auto');
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is 'tfjs' by default; 'none' makes compiling and training refuse, naming the setting", async () => {
    expect(getDefaultBackend()).toBe('tfjs');
    setDefaultBackend('none');
    expect(getDefaultBackend()).toBe('none');
    expect(() => compileModel(new Net(), { inputShapes: [[null, 3, 2, 2]] })).toThrow(BackendDisabledError);
    expect(() => compileModel(new Net(), { inputShapes: [[null, 3, 2, 2]] })).toThrow(/setDefaultBackend\('tfjs'\)/);
    await expect(new ClassificationEvaluator().evaluate(new Net())).rejects.toBeInstanceOf(BackendDisabledError);
    setDefaultBackend('tfjs');
    expect(compileModel(new Net(), { inputShapes: [[null, 3, 2, 2]] }).countParams()).toBe(26);
  });

  it('refuses an unknown backend', () => {
    expect(() => setDefaultBackend('pytorch' as 'tfjs')).toThrow(/one of tfjs, none/);
    expect(() => setDefaultTfBackend('webgl' as 'cpu')).toThrow(/one of auto, wasm, cpu/);
  });

  it('reads ARCHSPACE_BACKEND and ARCHSPACE_TFJS_BACKEND once, when the module loads', async () => {
    vi.stubEnv('ARCHSPACE_BACKEND', 'none');
    vi.stubEnv('ARCHSPACE_TFJS_BACKEND', 'CPU');
    vi.resetModules();
    const fresh = await import('./backend.js');
    expect(fresh.getDefaultBackend()).toBe('none');
    expect(fresh.getDefaultTfBackend()).toBe('cpu');
    // Later changes of the environment are not read.
    vi.stubEnv('ARCHSPACE_BACKEND', 'tfjs');
    expect(fresh.getDefaultBackend()).toBe('none');
    fresh.setDefaultBackend('tfjs');
    expect(fresh.getDefaultBackend()).toBe('tfjs');
  });

  it('reports an invalid ARCHSPACE_BACKEND when the backend is asked for, naming the variable', async () => {
    vi.stubEnv('ARCHSPACE_BACKEND', 'tensorflow');
    vi.resetModules();
    const fresh = await import('./backend.js');
    expect(() => fresh.getDefaultBackend()).toThrow(/ARCHSPACE_BACKEND.*one of tfjs, none.*"tensorflow"/);
  });
});

describe('the TensorFlow.js backend', () => {
  it("'auto' starts WASM from the package's own files (no download) and is the default", async () => {
    expect(getDefaultTfBackend()).toBe('auto');
    expect(wasmBinaryFolder()).toMatch(/tfjs-backend-wasm\/dist\/$/);
    expect(await useTfBackend()).toBe('wasm');
    expect(activeTfBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('switches between CPU and WASM, and tensors follow', async () => {
    await useTfBackend('cpu');
    const t = tf.tensor1d([1, 2, 3]);
    expect(activeTfBackend()).toBe('cpu');
    await useTfBackend('wasm');
    expect([...tf.add(t, 1).dataSync()]).toEqual([2, 3, 4]);
    // WASM's Identity shares memory: a clone reads the same values and survives its source.
    const copy = tf.clone(t);
    t.dispose();
    expect([...copy.dataSync()]).toEqual([1, 2, 3]);
    copy.dispose();
  });
});
