/**
 * Turning the config's GPU keys into a {@link GpuScheduler} before the first trial: which GPUs there
 * are (`gpuIndices`, or what `nvidia-smi` finds) and whether busy ones are avoided. An experiment
 * whose trials need GPUs that cannot be found refuses to start: it never runs them on the CPU.
 */
import { ArchspaceError } from '@archspace/ir';
import { detectGpus, type GpuDetection, type GpuDetector } from './gpu-detection.js';
import { GpuScheduler } from './gpu-scheduler.js';

/** The GPU keys of a config, as the local training service reads them. */
export interface GpuSettings {
  /** GPUs each trial needs (`trialGpuNumber`); unset or 0 means no GPU scheduling. */
  readonly trialGpuNumber?: number;
  /** `trainingService.gpuIndices`. */
  readonly gpuIndices?: readonly number[];
  /** `trainingService.maxTrialNumberPerGpu` (default 1). */
  readonly maxTrialNumberPerGpu?: number;
  /** `trainingService.useActiveGpu`; unset means false when `nvidia-smi` can tell, else no check. */
  readonly useActiveGpu?: boolean;
}

function refuse(path: string[], message: string, expected: string): never {
  throw new ArchspaceError({ code: 'no-gpu', path, expected, message });
}

/**
 * The scheduler for trials that need GPUs, or `undefined` when they need none. Throws an
 * `ArchspaceError` (`no-gpu`) naming the key that cannot be honoured: `trialGpuNumber` when fewer
 * GPUs are found than a trial needs, `gpuIndices` when it lists a GPU `nvidia-smi` does not show,
 * `useActiveGpu: false` when `nvidia-smi` cannot say which GPUs are busy.
 */
export async function planGpus(settings: GpuSettings, detect: GpuDetector = () => detectGpus()): Promise<GpuScheduler | undefined> {
  const count = settings.trialGpuNumber ?? 0;
  if (count === 0) return undefined;
  let detection: GpuDetection | undefined;
  let failure = '';
  try {
    detection = await detect();
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const listed = settings.gpuIndices;
  if (listed === undefined && detection === undefined) {
    refuse(['trialGpuNumber'], `trialGpuNumber is ${count} but no GPU was found (${failure}); trials are never run on the CPU instead`, 'trialGpuNumber 0 for CPU-only trials, or trainingService.gpuIndices naming the GPUs on a machine where nvidia-smi is not on PATH');
  }
  if (listed !== undefined && detection !== undefined) {
    const present = new Set(detection.gpus.map((gpu) => gpu.index));
    const missing = listed.filter((index) => !present.has(index));
    if (missing.length > 0) {
      refuse(['trainingService', 'gpuIndices'], `gpuIndices lists GPU ${missing.join(', ')} but nvidia-smi shows only ${[...present].join(', ') || 'none'}`, 'indices of GPUs nvidia-smi shows');
    }
  }
  const indices = listed ?? [...new Set(detection!.gpus.map((gpu) => gpu.index))];
  if (indices.length < count) {
    const found = listed !== undefined ? `gpuIndices lists ${indices.length}` : `nvidia-smi found ${indices.length}`;
    refuse(['trialGpuNumber'], `trialGpuNumber is ${count} but only ${indices.length} GPU${indices.length === 1 ? '' : 's'} can be used (${found}); a trial could never start`, `at most ${indices.length}`);
  }
  if (settings.useActiveGpu === false && detection === undefined) {
    refuse(['trainingService', 'useActiveGpu'], `useActiveGpu is false but archspace cannot see which GPUs other processes use (${failure})`, 'useActiveGpu true (or unset) where nvidia-smi cannot be run');
  }
  const avoidBusy = settings.useActiveGpu !== true && detection !== undefined;
  return new GpuScheduler({
    indices,
    maxTrialsPerGpu: settings.maxTrialNumberPerGpu ?? 1,
    ...(avoidBusy ? { initiallyActive: detection!.active, activeGpus: async () => (await detect()).active } : {}),
  });
}
