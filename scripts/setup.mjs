#!/usr/bin/env node
// Installs the workspace with the pinned pnpm (frozen lockfile), compiles every package and builds the
// web dashboard, so that `npm run main`, `npm test` and `npm run bench` work on a machine that has only
// Node 20 and npm. As root on Debian and with `--for-tests`, it also installs what the tests need from
// Debian when it is missing: python3-torch (the PyTorch comparison test), chromium (the dashboard's
// browser tests), redis-server (the distributed-trial tests) and dataset-fashion-mnist (the real-data
// tests of packages/tfjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
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

/** Whether the Debian package `name` is installed. */
function debianPackageInstalled(name) {
  const installed = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return installed.status === 0 && installed.stdout.includes('install ok installed');
}

/**
 * What the tests need from Debian and what is missing here: python3-torch for the PyTorch comparison
 * test of packages/tfjs (unless some python3 already imports torch), chromium for the dashboard's
 * browser tests (unless `$ARCHSPACE_CHROMIUM` or a chromium on the PATH exists), redis-server for the
 * distributed-trial tests (unless `$ARCHSPACE_REDIS_SERVER` or one on the PATH exists),
 * dataset-fashion-mnist for the real-data tests of packages/tfjs (unless `$ARCHSPACE_FASHION_MNIST`
 * names a folder that exists).
 */
function missingTestPackages() {
  const missing = [];
  const pythons = [process.env.ARCHSPACE_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  if (!debianPackageInstalled('python3-torch') && !pythons.some((python) => succeeds(python, ['-c', 'import torch']))) {
    missing.push({ name: 'python3-torch', why: 'the PyTorch comparison test (packages/tfjs)', size: 'about 150 MB to download, 650 MB installed' });
  }
  const chromiumNamed = process.env.ARCHSPACE_CHROMIUM;
  if (!debianPackageInstalled('chromium') && !(chromiumNamed && existsSync(chromiumNamed)) && !succeeds('sh', ['-c', 'command -v chromium || command -v chromium-browser'])) {
    missing.push({ name: 'chromium', why: 'the dashboard tests in a real browser (test/dashboard-*.test.ts)', size: 'about 100 MB to download, 350 MB installed' });
  }
  const redisNamed = process.env.ARCHSPACE_REDIS_SERVER;
  if (!debianPackageInstalled('redis-server') && !(redisNamed && existsSync(redisNamed)) && !succeeds('sh', ['-c', 'command -v redis-server'])) {
    missing.push({ name: 'redis-server', why: 'the distributed-trial tests (a private Redis server on loopback)', size: 'about 1.5 MB to download, 6 MB installed' });
  }
  const fashionNamed = process.env.ARCHSPACE_FASHION_MNIST;
  if (!debianPackageInstalled('dataset-fashion-mnist') && !(fashionNamed && existsSync(fashionNamed))) {
    missing.push({ name: 'dataset-fashion-mnist', why: 'the Fashion-MNIST tests (packages/tfjs/src/data/fashion-mnist.test.ts)', size: 'about 31 MB to download, 30 MB installed' });
  }
  return missing;
}

/**
 * With `--for-tests`, as root on Debian, installs the Debian packages the tests need and lack, in one
 * apt-get run in the background while the workspace installs and compiles (its output goes to a log
 * file); elsewhere the tests that need them fail, saying why. A failed installation is reported and
 * does not stop the setup. Resolves when it is done.
 */
function startTestPackagesInstall() {
  const missing = missingTestPackages();
  if (missing.length === 0) return undefined;
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (!asRoot || !succeeds('apt-get', ['--version'])) {
    for (const { name, why } of missing) console.log(`setup: ${name} is missing, so ${why} will fail; install it with apt-get (Debian) as root`);
    return undefined;
  }
  const names = missing.map(({ name }) => name).join(' ');
  const log = join(tmpdir(), 'archspace-test-packages-install.log');
  for (const { name, why, size } of missing) console.log(`setup: installing ${name} with apt-get in the background for ${why} (${size}; log: ${log})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine may have no package lists yet: update once, then try again.
  const install = `apt-get install -y --no-install-recommends ${names}`;
  const child = spawn('/bin/sh', ['-c', `${install} || (apt-get update && ${install})`], { env, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });
  return new Promise((resolve) => {
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  }).then((ok) => console.log(ok ? `setup: ${names} installed` : `setup: installing ${names} failed (see ${log}); the tests that need them will fail until they are installed`));
}

const testPackagesInstall = process.argv.includes('--for-tests') ? startTestPackagesInstall() : undefined;
run(process.execPath, [join(here, 'pnpm.mjs'), 'install', '--frozen-lockfile', '--reporter=append-only']);
run(process.execPath, [join(here, 'pnpm.mjs'), 'exec', 'tsc', '-b']);
// The web dashboard (packages/dashboard) is built by vite, not tsc: its dist/ is what the experiment
// server serves.
const dashboardStart = performance.now();
run(process.execPath, [join(here, 'pnpm.mjs'), '--silent', '--filter', '@archspace/dashboard', 'run', 'build', '--logLevel', 'warn']);
console.log(`setup: dashboard built in ${((performance.now() - dashboardStart) / 1000).toFixed(1)} s`);
await testPackagesInstall;
