/** The GPU scheduler: trials wait in order for GPUs, withdraw while waiting, and wait out busy GPUs. */
import { describe, expect, it } from 'vitest';
import { GpuScheduler } from './gpu-scheduler.js';

describe('GpuScheduler', () => {
  it('makes a trial wait until a GPU is given back, first come first served', async () => {
    const scheduler = new GpuScheduler({ indices: [4], maxTrialsPerGpu: 1 });
    const first = scheduler.request(1);
    const second = scheduler.request(1);
    const third = scheduler.request(1);
    expect(await first.granted).toEqual([4]);
    expect(scheduler.waiting).toBe(2);
    first.release();
    expect(await second.granted).toEqual([4]);
    second.release();
    expect(await third.granted).toEqual([4]);
  });

  it('lets a waiting trial withdraw: it gets nothing and the next one goes ahead', async () => {
    const scheduler = new GpuScheduler({ indices: [0], maxTrialsPerGpu: 1 });
    const holding = scheduler.request(1);
    const withdrawn = scheduler.request(1);
    const next = scheduler.request(1);
    withdrawn.release();
    expect(await withdrawn.granted).toBeUndefined();
    expect(scheduler.waiting).toBe(1);
    holding.release();
    expect(await next.granted).toEqual([0]);
  });

  it('waits while other processes use the GPU and goes ahead once the next look finds it idle', async () => {
    let active = new Set([0]);
    let looks = 0;
    const scheduler = new GpuScheduler({
      indices: [0],
      maxTrialsPerGpu: 1,
      initiallyActive: active,
      pollMs: 5,
      activeGpus: async () => {
        looks += 1;
        if (looks === 2) throw new Error('nvidia-smi failed once');
        if (looks === 3) active = new Set();
        return active;
      },
    });
    const request = scheduler.request(1);
    expect(await request.granted).toEqual([0]);
    expect(looks).toBe(3);
  });
});
