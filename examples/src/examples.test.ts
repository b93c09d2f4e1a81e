import { expect, it } from 'vitest';
import { main as darts } from './darts-cell-space.js';
import { main as nasbench201 } from './nasbench201-space.js';

it('the DARTS-like example prints its size, an architecture and IR JSON that parses', () => {
  const lines: string[] = [];
  darts((line) => lines.push(line));
  expect(lines[0]).toMatch(/^DARTS-like cell space: 32 decisions, [\d.]+e\+\d+ architectures$/);
  expect(() => JSON.parse(lines.at(-1)!)).not.toThrow();
  expect(Object.keys(JSON.parse(lines.at(-1)!))).toContain('_model');
});

it('the NAS-Bench-201 example prints 15625 architectures, an arch string and IR JSON', () => {
  const lines: string[] = [];
  nasbench201((line) => lines.push(line));
  expect(lines[0]).toBe('NAS-Bench-201 space: 6 decisions, 15625 architectures');
  expect(lines[1]).toMatch(/^one architecture \(seed 201\): \|.+~0\|\+\|.+~2\|$/);
  expect(lines[2]).toMatch(/M parameters/);
  expect(JSON.parse(lines.at(-1)!)).toHaveProperty('_model');
});

it('the HPO experiment example runs trials as processes and prints the best trial', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { main: hpo } = await import('./hpo-experiment.js');
  const lines: string[] = [];
  const experiment = await hpo((line) => lines.push(line), { maxTrialNumber: 4, experimentWorkingDirectory: mkdtempSync(join(tmpdir(), 'archspace-example-')) });
  expect(lines.some((l) => /^experiment ended: DONE; \d+ trials succeeded$/.test(l))).toBe(true);
  expect(lines.at(-1)).toMatch(/^best trial \w+: validation loss [\d.]+ with \{"lr":/);
  expect(lines.filter((l) => /trials succeeded/.test(l))).toHaveLength(1);
  const { SqliteStore } = await import('@archspace/experiment');
  const store = SqliteStore.open(join(experiment.dir, 'experiment.db'), { readonly: true });
  expect(store.countTrials()).toBe(4);
  store.close();
}, 120_000);
