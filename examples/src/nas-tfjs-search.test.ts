import { expect, it } from 'vitest';
import { main } from './nas-tfjs-search.js';

it('the TensorFlow.js search example trains every trial and prints the best and the worst architecture', async () => {
  const lines: string[] = [];
  const result = await main((line) => lines.push(line), { trials: 4, populationSize: 2, sampleSize: 2, epochs: 1, trainSize: 96, validationSize: 48, imageSize: 8, seed: 1 });
  expect(lines[0]).toBe('NAS-Bench-201 cell space (15625 architectures), 8 channels, one cell per stage');
  expect(lines.filter((l) => /^trial +\d\/4 /.test(l))).toHaveLength(4);
  expect(result.trials).toHaveLength(4);
  expect(result.best.accuracy).toBeGreaterThanOrEqual(result.worst.accuracy);
  expect(lines.at(-3)).toMatch(/^best architecture: {2}\|.+\| {2}validation accuracy \d+\.\d %$/);
  expect(lines.at(-2)).toMatch(/^worst architecture: \|.+\| {2}validation accuracy \d+\.\d %$/);
  expect(lines.at(-1)).toMatch(/^best beats worst by \d+\.\d points \(chance is 16\.7 %\); 4 trained, 0 failed/);
});
