/**
 * GPU keys through a real experiment on the local training service (GPUs are listed with gpuIndices
 * or shown by a fake nvidia-smi on PATH, so no GPU is needed): each trial runs with
 * CUDA_VISIBLE_DEVICES naming its own GPU, no more trials overlap than there are GPU slots, trials
 * waiting for a GPU are WAITING, a GPU another process computes on is skipped, CPU-only trials see no
 * GPU, and trials needing GPUs that cannot be found refuse to start.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { afterEach, expect, it } from 'vitest';
import { fakeNvidiaSmi } from '../training-service/test-support/fake-nvidia-smi.js';
import type { ExperimentConfig } from '../config/experiment-config.js';
import { parseExperimentConfig } from '../config/parse-experiment-config.js';
import { startExperiment } from './launch-experiment.js';

// Records what it saw and when it ran in runs.jsonl, in its code directory.
const TRIAL = `const fs = require('fs');
const start = Date.now();
const devices = process.env.CUDA_VISIBLE_DEVICES;
setTimeout(() => {
  fs.appendFileSync('runs.jsonl', JSON.stringify({ start, end: Date.now(), devices: devices === undefined ? null : devices }) + '\\n');
  fs.appendFileSync(process.env.ARCHSPACE_METRICS_FILE, JSON.stringify({ type: 'FINAL', sequence: 0, value: '1' }) + '\\n');
}, 300);
`;

interface Run {
  readonly start: number;
  readonly end: number;
  readonly devices: string | null;
}

function experimentConfig(dir: string, extra: Record<string, unknown>): ExperimentConfig {
  writeFileSync(join(dir, 'trial.cjs'), TRIAL);
  return parseExperimentConfig({
    searchSpace: { x: { _type: 'uniform', _value: [0, 1] } },
    trialCommand: `"${process.execPath}" trial.cjs`,
    trialCodeDirectory: dir,
    tuner: { name: 'Random' },
    experimentWorkingDirectory: join(dir, 'experiments'),
    ...extra,
  });
}

function runsIn(dir: string): Run[] {
  return readFileSync(join(dir, 'runs.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Run);
}

const savedPath = process.env['PATH'];
afterEach(() => {
  process.env['PATH'] = savedPath;
});

it('runs one trial per listed GPU at a time, each seeing its own GPU, the others WAITING', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpus-'));
  // Whatever GPUs this machine has, nvidia-smi shows GPUs 0 and 1, idle.
  process.env['PATH'] = `${dirname(fakeNvidiaSmi('0, GPU-a, 0, 0\n1, GPU-b, 0, 0\n', ''))}${delimiter}${savedPath}`;
  const experiment = await startExperiment(
    experimentConfig(dir, { trialConcurrency: 4, maxTrialNumber: 6, trialGpuNumber: 1, trainingService: { platform: 'local', gpuIndices: [0, 1], maxTrialNumberPerGpu: 1 } }),
    { noServer: true },
  );
  let sawGpuWait = false;
  const watch = setInterval(() => {
    const trials = experiment.manager.listTrialJobs();
    const running = trials.filter((t) => t.status === 'RUNNING').length;
    if (running <= 2 && trials.some((t) => t.status === 'WAITING' && t.message === 'waiting for GPUs')) sawGpuWait = true;
  }, 20);
  try {
    expect(await experiment.done).toBe('DONE');
  } finally {
    clearInterval(watch);
  }
  expect(experiment.manager.listTrialJobs().map((t) => t.status)).toEqual(Array(6).fill('SUCCEEDED'));
  await experiment.close();
  const runs = runsIn(dir);
  expect(runs).toHaveLength(6);
  for (const run of runs) expect(['0', '1']).toContain(run.devices);
  // Trials that ran at the same time had different GPUs, and never more than two ran at once.
  for (const run of runs) {
    const overlapping = runs.filter((other) => other.start < run.end && run.start < other.end);
    expect(overlapping.length).toBeLessThanOrEqual(2);
    expect(new Set(overlapping.map((other) => other.devices)).size).toBe(overlapping.length);
  }
  expect(sawGpuWait).toBe(true);
}, 60_000);

it('keeps trials off a GPU another process computes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpus-'));
  process.env['PATH'] = `${dirname(fakeNvidiaSmi('0, GPU-a, 0, 0\n1, GPU-b, 9000, 99\n', 'GPU-b\n'))}${delimiter}${savedPath}`;
  const experiment = await startExperiment(experimentConfig(dir, { trialConcurrency: 2, maxTrialNumber: 3, trialGpuNumber: 1 }), { noServer: true });
  expect(await experiment.done).toBe('DONE');
  await experiment.close();
  expect(runsIn(dir).map((run) => run.devices)).toEqual(['0', '0', '0']);
}, 60_000);

it('hides every GPU from trials with trialGpuNumber 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpus-'));
  const experiment = await startExperiment(experimentConfig(dir, { trialConcurrency: 1, maxTrialNumber: 1, trialGpuNumber: 0 }), { noServer: true });
  expect(await experiment.done).toBe('DONE');
  await experiment.close();
  expect(runsIn(dir).map((run) => run.devices)).toEqual(['']);
}, 60_000);

it('refuses to start when trials need a GPU and nvidia-smi is not on PATH, leaving no experiment behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpus-'));
  process.env['PATH'] = join(dir, 'empty-bin');
  const error = await startExperiment(experimentConfig(dir, { trialConcurrency: 2, trialGpuNumber: 1 }), { noServer: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchspaceError);
  expect((error as ArchspaceError).path).toEqual(['trialGpuNumber']);
  expect((error as ArchspaceError).message).toContain('trialGpuNumber is 1 but no GPU was found (nvidia-smi was not found on PATH)');
  expect(existsSync(join(dir, 'experiments')) ? readdirSync(join(dir, 'experiments')) : []).toEqual([]);
}, 60_000);

it('refuses to start when nvidia-smi finds fewer GPUs than a trial needs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-gpus-'));
  process.env['PATH'] = dirname(fakeNvidiaSmi('0, GPU-a, 100, 0\n', ''));
  const error = await startExperiment(experimentConfig(dir, { trialConcurrency: 2, trialGpuNumber: 2 }), { noServer: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as ArchspaceError).path).toEqual(['trialGpuNumber']);
  expect((error as ArchspaceError).message).toContain('trialGpuNumber is 2 but only 1 GPU can be used (nvidia-smi found 1)');
}, 60_000);
