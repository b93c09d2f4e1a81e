import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
const dir = mkdtempSync(join(tmpdir(), 'archspace-readme-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('has an example that runs and prints what its comments say', async () => {
    expect(example).toBeDefined();
    const file = join(dir, 'example.ts');
    writeFileSync(file, example!);
    const lines: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      log.mockRestore();
    }
    const printed = lines.map((args) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    expect(printed[0]).toContain('graph _model (inputs: x; outputs: y; 4 nodes, 3 edges)');
    expect(printed[1]).toBe('16');
    expect(printed[2]).toBe('32');
    expect(printed[3]).toBe('[[3,5,7]]');
    expect(printed[4]).toBe('frozen [{"mutator":"kernel","samples":[5]}]');
    expect(printed[5]).toBe('true');
    expect(JSON.parse(printed[6]!)._model.nodes.conv.operation.parameters.kernel_size).toBe(5);
    expect(printed[7]).toBe('true');
  });
});
