/** Runs a rewritten trial file (node, tsx or python3) and returns what it printed. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pythonCommand } from '../python-annotations.js';

const TSX = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));

/** The command that runs `file`: `python3` for `.py`, `tsx` for TypeScript, else `node`. */
function commandFor(file: string): [string, string[]] {
  if (file.endsWith('.py')) return [pythonCommand(), [file]];
  if (/\.[cm]?tsx?$/.test(file)) return [TSX, [file]];
  return [process.execPath, ['--enable-source-maps', file]];
}

/** Runs `file` in `cwd` with `env` added to a clean environment (no trial variables, no PYTHONPATH). */
export function runFile(cwd: string, file: string, env: Readonly<Record<string, string>> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ARCHSPACE_') && key !== 'PYTHONPATH' && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS') clean[key] = value;
  }
  const [command, args] = commandFor(file);
  const result = spawnSync(command, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
