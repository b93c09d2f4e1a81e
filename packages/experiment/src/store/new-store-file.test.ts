/**
 * A store file appears whole: a reader that opens it the moment it exists finds its tables, never an
 * empty database (`archspace list` and the tests that follow a starting experiment used to).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import { StoreError } from './store-error.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-new-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The package folder: the child imports the built package from it. */
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const STORES = 60;

it('a reader that opens a store the moment its file appears finds it complete', async () => {
  const creator = `
    import { SqliteStore } from './dist/index.js';
    for (let i = 0; i < ${STORES}; i++) SqliteStore.open(process.argv[1] + '/' + i + '/experiment.db').close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', creator, root], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const problems: string[] = [];
  for (let i = 0; i < STORES; i++) {
    const file = join(root, String(i), 'experiment.db');
    const deadline = Date.now() + 20_000;
    // Busy-waits on purpose: the open must come as close as possible to the file's appearance.
    while (!existsSync(file)) if (Date.now() > deadline) throw new Error(`store ${i} never appeared: ${stderr}`);
    try {
      const store = SqliteStore.open(file, { readonly: true });
      expect(store.getExperiment()).toBeUndefined();
      store.close();
    } catch (error) {
      problems.push(`store ${i}: ${error instanceof StoreError ? `${error.code}: ` : ''}${(error as Error).message}`);
    }
  }
  expect(await exited).toBe(0);
  expect(problems).toEqual([]);
  // The temporary files are gone.
  for (let i = 0; i < STORES; i++) expect(readdirSync(join(root, String(i))).filter((name) => name.includes('.creating-'))).toEqual([]);
}, 60_000);
