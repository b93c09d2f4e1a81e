/**
 * `archspace stop` of a Redis experiment whose manager is gone: its trials may still be queued or
 * running on workers. Each is taken over as a resumed manager would (its metrics mirrored from the
 * job's log into its folder, so recovery keeps a final result that was reported), then stopped on its
 * worker, and its job removed.
 */
import { ArchspaceError } from '@archspace/ir';
import type { ExperimentConfig } from '../config/experiment-config.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { isQueuedJobIdentity } from '../training-service/training-service.js';
import { RedisTrainingService } from './redis-training-service.js';

/** How long each trial may take to stop on its worker. */
const STOP_WAIT_MS = 15_000;

/** Stops the trials of the experiment in `store` that run as queued jobs; returns how many were stopped. */
export async function stopQueuedTrials(store: ExperimentStore, experimentId: string, config: ExperimentConfig): Promise<number> {
  const service = config.trainingService;
  if (service.platform !== 'redis') return 0;
  const queued = store.listTrials({ status: 'RUNNING' }).filter((t) => isQueuedJobIdentity(t.processIdentity) && t.logPath !== undefined);
  if (queued.length === 0) return 0;
  const { platform: _platform, ...settings } = service;
  let redis: RedisTrainingService;
  try {
    redis = await RedisTrainingService.open(settings);
  } catch (error) {
    throw new ArchspaceError({ code: 'redis-unreachable', message: `${error instanceof Error ? error.message : String(error)}; ${queued.length} trial(s) of this experiment may still be running on workers` });
  }
  let stopped = 0;
  try {
    for (const trial of queued) {
      const launch = {
        experimentId,
        trialJobId: trial.trialJobId,
        sequenceId: trial.sequenceId,
        command: config.trialCommand,
        codeDirectory: config.trialCodeDirectory,
        trialDir: trial.logPath!,
        parameters: { parameter_id: trial.parameterId, parameter_source: 'resumed' as const, parameters: trial.parameters, parameter_index: 0 },
        env: {},
      };
      const running = await redis.reattach(launch, trial.processIdentity!);
      if (running === undefined) continue;
      running.kill();
      const ended = await Promise.race([running.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_WAIT_MS).unref())]);
      if (ended) {
        running.forget?.();
        stopped++;
      }
    }
  } finally {
    await redis.close();
  }
  return stopped;
}
