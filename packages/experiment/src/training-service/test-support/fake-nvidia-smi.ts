/** A stand-in `nvidia-smi` for tests on machines without a GPU. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes an executable `nvidia-smi` into a new temp folder and returns its path: it prints `gpus`
 * for `--query-gpu=…`, `apps` for `--query-compute-apps=…`, and exits with `exitCode`.
 */
export function fakeNvidiaSmi(gpus: string, apps: string, exitCode = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-smi-'));
  const script = join(dir, 'nvidia-smi');
  const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(script, `#!/bin/sh\ncase "$1" in\n  --query-gpu=*) printf '%s' ${quoted(gpus)} ;;\n  --query-compute-apps=*) printf '%s' ${quoted(apps)} ;;\nesac\nexit ${exitCode}\n`);
  chmodSync(script, 0o755);
  return script;
}
