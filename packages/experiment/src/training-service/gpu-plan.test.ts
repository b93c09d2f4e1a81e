/**
 * Planning GPUs at start: gpuIndices or what nvidia-smi finds; an experiment whose trials need GPUs
 * that cannot be found is refused with the key named, never run on the CPU.
 */
import { ArchspaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import type { GpuDetection, GpuDetector } from './gpu-detection.js';
import { planGpus, type GpuSettings } from './gpu-plan.js';

const noSmi: GpuDetector = () => Promise.reject(new Error('nvidia-smi was not found on PATH'));
function smiShowing(indices: number[], active: number[] = []): GpuDetector {
  const detection: GpuDetection = { gpus: indices.map((index) => ({ index, uuid: `GPU-${index}`, memoryUsedMiB: 0, utilizationPercent: 0 })), active: new Set(active) };
  return () => Promise.resolve(detection);
}

async function refusal(settings: GpuSettings, detect: GpuDetector): Promise<ArchspaceError> {
  const error = await planGpus(settings, detect).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchspaceError);
  return error as ArchspaceError;
}

describe('planGpus', () => {
  it('plans nothing when trials need no GPU', async () => {
    expect(await planGpus({}, noSmi)).toBeUndefined();
    expect(await planGpus({ trialGpuNumber: 0, gpuIndices: [0] }, noSmi)).toBeUndefined();
  });

  it('uses the GPUs nvidia-smi shows, or gpuIndices even without nvidia-smi', async () => {
    expect((await planGpus({ trialGpuNumber: 1 }, smiShowing([0, 1, 2])))!.indices).toEqual([0, 1, 2]);
    expect((await planGpus({ trialGpuNumber: 2, gpuIndices: [2, 0] }, smiShowing([0, 1, 2])))!.indices).toEqual([2, 0]);
    expect((await planGpus({ trialGpuNumber: 1, gpuIndices: [0, 1] }, noSmi))!.indices).toEqual([0, 1]);
  });

  it('refuses trialGpuNumber when no GPU is found, saying why', async () => {
    const error = await refusal({ trialGpuNumber: 1 }, noSmi);
    expect([error.code, error.path]).toEqual(['no-gpu', ['trialGpuNumber']]);
    expect(error.message).toContain('trialGpuNumber is 1 but no GPU was found (nvidia-smi was not found on PATH)');
  });

  it('refuses trialGpuNumber above the GPUs nvidia-smi finds', async () => {
    const error = await refusal({ trialGpuNumber: 2 }, smiShowing([0]));
    expect(error.path).toEqual(['trialGpuNumber']);
    expect(error.message).toContain('trialGpuNumber is 2 but only 1 GPU can be used (nvidia-smi found 1)');
    expect((await refusal({ trialGpuNumber: 1 }, smiShowing([]))).message).toContain('nvidia-smi found 0');
  });

  it('refuses gpuIndices naming a GPU nvidia-smi does not show', async () => {
    const error = await refusal({ trialGpuNumber: 1, gpuIndices: [0, 3] }, smiShowing([0, 1]));
    expect(error.path).toEqual(['trainingService', 'gpuIndices']);
    expect(error.message).toContain('gpuIndices lists GPU 3 but nvidia-smi shows only 0, 1');
  });

  it('refuses useActiveGpu: false when nvidia-smi cannot say which GPUs are busy', async () => {
    const error = await refusal({ trialGpuNumber: 1, gpuIndices: [0], useActiveGpu: false }, noSmi);
    expect(error.path).toEqual(['trainingService', 'useActiveGpu']);
    expect(error.message).toContain('useActiveGpu is false but archspace cannot see which GPUs other processes use');
  });

  it('keeps trials off GPUs other processes use unless useActiveGpu is true', async () => {
    const avoiding = (await planGpus({ trialGpuNumber: 1 }, smiShowing([0, 1], [0])))!;
    expect(await avoiding.request(1).granted).toEqual([1]);
    const sharing = (await planGpus({ trialGpuNumber: 1, useActiveGpu: true }, smiShowing([0, 1], [0])))!;
    expect(await sharing.request(1).granted).toEqual([0]);
  });
});
