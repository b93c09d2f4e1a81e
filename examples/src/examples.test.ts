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
