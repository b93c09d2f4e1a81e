import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { main } from './nas-experiment.js';

it('the main job trains architectures as trial processes and prints the best and the worst', async () => {
  const lines: string[] = [];
  const { best, worst, trials } = await main((line) => lines.push(line), {
    trials: 3,
    epochs: 1,
    trainSize: 96,
    validationSize: 48,
    experimentWorkingDirectory: mkdtempSync(join(tmpdir(), 'archspace-main-job-')),
  });
  expect(trials).toHaveLength(3);
  expect(best.accuracy).toBeGreaterThanOrEqual(worst.accuracy);
  expect(lines.some((l) => /^experiment ended: DONE; 3 of 3 architectures trained$/.test(l))).toBe(true);
  expect(lines.at(-3)).toMatch(/^best {2}\|.+\| {2}validation accuracy [\d.]+ %$/);
}, 180_000);
