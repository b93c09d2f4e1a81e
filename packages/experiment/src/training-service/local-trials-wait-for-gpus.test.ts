/**
 * The local training service with a GPU scheduler: a released trial waits for its GPU before its
 * command runs, and its GPU comes back however it ends — failed, killed while running, or killed
 * while still waiting.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { TRIAL_FILES } from '../trial/trial-env.js';
import { GpuScheduler } from './gpu-scheduler.js';
import { LocalTrainingService } from './local-training-service.js';
import type { TrialLaunch } from './training-service.js';

function launchOf(dir: string, id: string, command: string): TrialLaunch {
  const trialDir = mkdtempSync(join(dir, `${id}-`));
  return {
    experimentId: 'gpus',
    trialJobId: id,
    sequenceId: 0,
    command,
    codeDirectory: dir,
    trialDir,
    parameters: { parameter_id: 0, parameter_source: 'algorithm', parameters: {}, parameter_index: 0 },
    env: {},
    killGraceMs: 200,
  };
}

const stdoutOf = (launch: TrialLaunch) => readFileSync(join(launch.trialDir, TRIAL_FILES.stdout), 'utf8');

it('holds a trial until a GPU is free and gives the GPU back however the trial ends', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpu-wait-'));
  const scheduler = new GpuScheduler({ indices: [7], maxTrialsPerGpu: 1 });
  const service = new LocalTrainingService({ gpuScheduler: scheduler, trialGpuNumber: 1 });

  const failing = launchOf(dir, 'failing', 'echo "gpu=$CUDA_VISIBLE_DEVICES"; sleep 0.3; exit 3');
  const first = service.launch(failing);
  first.release();
  await first.running;
  const abandoned = service.launch(launchOf(dir, 'abandoned', 'echo ran'));
  abandoned.release();
  const waiting = launchOf(dir, 'waiting', 'echo "gpu=$CUDA_VISIBLE_DEVICES"; sleep 30');
  const second = service.launch(waiting);
  second.release();
  expect(scheduler.waiting).toBe(2);

  // Killed while it waits: it never runs, and it stops waiting.
  let abandonedRan = false;
  void abandoned.running!.then(() => (abandonedRan = true));
  abandoned.kill();
  expect((await abandoned.exited).killed).toBe(true);
  expect(abandonedRan).toBe(false);
  expect(scheduler.waiting).toBe(1);

  // The first trial fails: its GPU goes to the next one waiting.
  expect((await first.exited).exitCode).toBe(3);
  expect(stdoutOf(failing)).toContain('gpu=7');
  await second.running;
  while (!stdoutOf(waiting).includes('gpu=')) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(stdoutOf(waiting)).toContain('gpu=7');
  // Killed while it runs: the GPU comes back too.
  second.kill();
  expect((await second.exited).killed).toBe(true);

  // Everything was given back: a new request is granted at once.
  const request = scheduler.request(1);
  expect(await request.granted).toEqual([7]);
}, 30_000);
