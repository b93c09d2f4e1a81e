#!/usr/bin/env node
// Installs the workspace with the pinned pnpm (frozen lockfile) and compiles every package, so that
// `npm run main`, `npm test` and `npm run bench` work on a machine that has only Node 20 and npm. As
// root on Debian, it also installs python3-torch when torch is missing (the PyTorch comparison test).
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

/** Whether `command args` runs and exits with 0 (quietly). */
function succeeds(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The PyTorch comparison test of packages/tfjs runs python3 with torch. Debian's python3-torch is
 * installed here when it is missing and setup runs as root; otherwise the test fails, saying why.
 * A failed installation is reported and does not stop the setup.
 */
function ensurePythonTorch() {
  const installed = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'python3-torch'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.includes('install ok installed')) return;
  const pythons = [process.env.ARCHSPACE_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  if (pythons.some((python) => succeeds(python, ['-c', 'import torch']))) return;
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (!asRoot || !succeeds('apt-get', ['--version'])) {
    console.log('setup: PyTorch is missing, so the PyTorch comparison test (packages/tfjs) will fail; install python3-torch (Debian) or torch (pip)');
    return;
  }
  console.log('setup: installing python3-torch with apt-get for the PyTorch comparison test (packages/tfjs): about 150 MB to download, 650 MB installed');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-torch'], { stdio: 'inherit', env }).status === 0;
  // A fresh machine may have no package lists yet.
  if (install() || (spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0 && install())) {
    console.log('setup: python3-torch installed');
  } else {
    console.log('setup: installing python3-torch failed; the PyTorch comparison test will fail until torch is installed');
  }
}

run(process.execPath, [join(here, 'pnpm.mjs'), 'install', '--frozen-lockfile', '--reporter=append-only']);
run(process.execPath, [join(here, 'pnpm.mjs'), 'exec', 'tsc', '-b']);
ensurePythonTorch();
