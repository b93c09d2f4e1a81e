#!/usr/bin/env node
// Installs the workspace with the pinned pnpm (frozen lockfile) and compiles every package, so that
// `npm run main`, `npm test` and `npm run bench` work on a machine that has only Node 20 and npm. As
// root on Debian and with `--for-tests`, it also installs python3-torch when torch is missing (the
// PyTorch comparison test).
import { spawn, spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Whether `command args` runs and exits with 0 (quietly). */
function succeeds(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The PyTorch comparison test of packages/tfjs runs python3 with torch. With `--for-tests`, as root on
 * Debian, Debian's python3-torch is installed when torch is missing, in the background while the
 * workspace installs and compiles (its output goes to a log file); otherwise the test fails, saying
 * why. A failed installation is reported and does not stop the setup. Resolves when it is done.
 */
function startPythonTorchInstall() {
  const installed = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'python3-torch'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.includes('install ok installed')) return undefined;
  const pythons = [process.env.ARCHSPACE_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  if (pythons.some((python) => succeeds(python, ['-c', 'import torch']))) return undefined;
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (!asRoot || !succeeds('apt-get', ['--version'])) {
    console.log('setup: PyTorch is missing, so the PyTorch comparison test (packages/tfjs) will fail; install python3-torch (Debian) or torch (pip)');
    return undefined;
  }
  const log = join(tmpdir(), 'archspace-python3-torch-install.log');
  console.log(`setup: installing python3-torch with apt-get in the background for the PyTorch comparison test (about 150 MB to download, 650 MB installed; log: ${log})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine may have no package lists yet: update once, then try again.
  const install = 'apt-get install -y --no-install-recommends python3-torch';
  const child = spawn('/bin/sh', ['-c', `${install} || (apt-get update && ${install})`], { env, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });
  return new Promise((resolve) => {
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  }).then((ok) => console.log(ok ? 'setup: python3-torch installed' : `setup: installing python3-torch failed (see ${log}); the PyTorch comparison test will fail until torch is installed`));
}

const torchInstall = process.argv.includes('--for-tests') ? startPythonTorchInstall() : undefined;
run(process.execPath, [join(here, 'pnpm.mjs'), 'install', '--frozen-lockfile', '--reporter=append-only']);
run(process.execPath, [join(here, 'pnpm.mjs'), 'exec', 'tsc', '-b']);
await torchInstall;
