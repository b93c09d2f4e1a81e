#!/usr/bin/env node
// Installs the workspace with the pinned pnpm (frozen lockfile) and compiles every package, so that
// `npm run main`, `npm test` and `npm run bench` work on a machine that has only Node 20 and npm.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`setup: "${[command, ...args].join(' ')}" failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, [join(here, 'pnpm.mjs'), 'install', '--frozen-lockfile', '--reporter=append-only']);
run(process.execPath, [join(here, 'pnpm.mjs'), 'exec', 'tsc', '-b']);
