/**
 * Reading nvidia-smi: the GPU query's lines and the compute-process list, from fixture text and from
 * a fake nvidia-smi script (this machine has no GPU); a missing or failing nvidia-smi is a reason.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectGpus, parseComputeApps, parseGpuQuery } from './gpu-detection.js';
import { fakeNvidiaSmi } from './test-support/fake-nvidia-smi.js';

const TWO_GPUS = '0, GPU-1a2b, 10, 0\n1, GPU-3c4d, 15093, 97\n';

describe('parseGpuQuery', () => {
  it('reads index, uuid, memory and utilization of each GPU', () => {
    expect(parseGpuQuery(TWO_GPUS)).toEqual([
      { index: 0, uuid: 'GPU-1a2b', memoryUsedMiB: 10, utilizationPercent: 0 },
      { index: 1, uuid: 'GPU-3c4d', memoryUsedMiB: 15093, utilizationPercent: 97 },
    ]);
  });

  it('takes [N/A] as unknown and ignores blank lines and CRLF', () => {
    expect(parseGpuQuery('\r\n2, GPU-x, [N/A], [Not Supported]\r\n\r\n')).toEqual([{ index: 2, uuid: 'GPU-x', memoryUsedMiB: undefined, utilizationPercent: undefined }]);
    expect(parseGpuQuery('')).toEqual([]);
  });

  it.each([
    ['a line with units', '0, GPU-a, 10 MiB, 0 %'],
    ['a missing field', '0, GPU-a, 10'],
    ['a negative index', '-1, GPU-a, 10, 0'],
    ['an error text', 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'],
  ])('refuses %s, quoting it', (_, text) => {
    expect(() => parseGpuQuery(text)).toThrow(`nvidia-smi printed a line that is not "index, uuid, memory, utilization": ${JSON.stringify(text)}`);
  });

  it('reads any text into valid GPUs or refuses it with the line quoted', () => {
    const line = fc.oneof(fc.string(), fc.tuple(fc.integer({ min: -2, max: 9 }), fc.constantFrom('GPU-a', '', 'constructor'), fc.constantFrom('10', '[N/A]', 'x', '-1'), fc.constantFrom('0', '97', '')).map((fields) => fields.join(', ')));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        let gpus;
        try {
          gpus = parseGpuQuery(lines.join('\n'));
        } catch (error) {
          expect((error as Error).message).toMatch(/^nvidia-smi printed a line that is not/);
          return;
        }
        for (const gpu of gpus) {
          expect(Number.isInteger(gpu.index) && gpu.index >= 0).toBe(true);
          expect(gpu.uuid).not.toBe('');
        }
      }),
    );
  });
});

describe('parseComputeApps', () => {
  it('collects the GPUs compute processes run on', () => {
    expect([...parseComputeApps('GPU-3c4d\nGPU-3c4d\n\nGPU-1a2b, 1234\n')]).toEqual(['GPU-3c4d', 'GPU-1a2b']);
    expect(parseComputeApps('No running processes found\n').size).toBe(0);
  });
});

describe('detectGpus', () => {
  it('runs nvidia-smi and marks the GPUs compute processes use as active', async () => {
    const detection = await detectGpus(fakeNvidiaSmi(TWO_GPUS, 'GPU-3c4d\n'));
    expect(detection.gpus.map((gpu) => gpu.index)).toEqual([0, 1]);
    expect([...detection.active]).toEqual([1]);
  });

  it('says nvidia-smi is missing, or what it printed when it failed', async () => {
    await expect(detectGpus(join(tmpdir(), 'archspace-no-such-dir', 'nvidia-smi'))).rejects.toThrow('was not found on PATH');
    await expect(detectGpus(fakeNvidiaSmi('No devices were found', '', 6))).rejects.toThrow('--query-gpu=index,uuid,memory.used,utilization.gpu failed');
  });
});
