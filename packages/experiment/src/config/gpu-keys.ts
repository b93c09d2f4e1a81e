/**
 * The GPU keys checked against each other once the config is read: what the training service can
 * honour is decided here, before anything runs (whether the GPUs exist is checked at start, see
 * `training-service/gpu-plan.ts`).
 */
import { ConfigError } from './config-error.js';
import type { TrainingServiceConfig } from './experiment-config.js';

/**
 * Throws a {@link ConfigError} naming the key when `trialGpuNumber` and the training service's GPU
 * keys cannot be honoured together: GPUs on the Redis platform, a GPU listed twice, more GPUs per
 * trial than listed, or trials sharing a GPU when trials get none.
 */
export function checkGpuKeys(trialGpuNumber: number | undefined, service: TrainingServiceConfig): void {
  const count = trialGpuNumber ?? 0;
  if (service.platform === 'redis') {
    if (count > 0) {
      throw new ConfigError({
        code: 'conflicting-keys',
        path: ['trialGpuNumber'],
        message: `trialGpuNumber is ${count} but the redis platform cannot hand GPUs to trials: set it to 0 or leave it out, and run one worker per GPU with CUDA_VISIBLE_DEVICES set instead`,
      });
    }
    return;
  }
  const listed = service.gpuIndices;
  if (listed !== undefined) {
    const seen = new Set<number>();
    for (const index of listed) {
      if (seen.has(index)) throw new ConfigError({ code: 'invalid-value', path: ['trainingService', 'gpuIndices'], expected: 'distinct GPU indices', received: listed, message: `gpuIndices lists GPU ${index} twice: expected distinct GPU indices` });
      seen.add(index);
    }
    if (count > listed.length) {
      throw new ConfigError({ code: 'conflicting-keys', path: ['trialGpuNumber'], message: `trialGpuNumber is ${count} but trainingService.gpuIndices lists only ${listed.length} GPU${listed.length === 1 ? '' : 's'}: no trial could ever start` });
    }
  }
  if (count === 0 && service.maxTrialNumberPerGpu !== 1) {
    throw new ConfigError({
      code: 'conflicting-keys',
      path: ['trainingService', 'maxTrialNumberPerGpu'],
      message: `maxTrialNumberPerGpu is ${service.maxTrialNumberPerGpu} but trials get no GPU: it only applies with trialGpuNumber > 0`,
    });
  }
}
