/** The archspace command: create (in the background here), update, stop, list, export and view. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { Experiment } from '@archspace/experiment';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env } });
}

it('creates, updates, stops, lists, exports and views an experiment', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-cli-'));
  const manager = spawn(process.execPath, [cli, 'create', '--config', join(fixtures, 'hpo-config.yml'), '--id', 'clitest', '-w', workingDirectory], {
    cwd: fixtures,
    env: { ...process.env, ARCHSPACE_TRIAL_SLEEP_MS: '3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  manager.stdout.on('data', (chunk) => (output += chunk));
  manager.stderr.on('data', (chunk) => (output += chunk));
  const addressFile = join(workingDirectory, 'clitest', 'manager.json');
  for (let i = 0; i < 200 && !existsSync(addressFile); i++) await new Promise((r) => setTimeout(r, 50));
  const { url } = JSON.parse(readFileSync(addressFile, 'utf8')) as { url: string };

  const update = run(['update', 'clitest', '-w', workingDirectory, '--concurrency', '2', '--max-trial-number', '6']);
  expect(update.stderr).toBe('');
  expect(update.stdout).toMatch(/experiment clitest updated/);
  const { token } = JSON.parse(readFileSync(addressFile, 'utf8')) as { token: string };
  // The address file holds the API's token, readable by its owner only.
  expect(statSync(addressFile).mode & 0o777).toBe(0o600);
  const client = await Experiment.connect(url, { token });
  expect((await client.getExperimentProfile()).params['trialConcurrency']).toBe(2);

  await new Promise((r) => setTimeout(r, 1000));
  const stop = run(['stop', 'clitest', '-w', workingDirectory]);
  expect(stop.stdout).toMatch(/stopping/);
  const code = await new Promise<number | null>((resolve) => manager.once('exit', resolve));
  expect(code).toBe(0);
  expect(output).toMatch(/experiment clitest ended: STOPPED/);
  expect(output).toMatch(/clitest (RUNNING|STOPPING|STOPPED): \d+\/6 done/);

  const list = run(['list', '-w', workingDirectory]);
  expect(list.stdout).toMatch(/^clitest {2}STOPPED {2}e2e {2}trials: \d+ succeeded/m);

  const csv = run(['export', 'clitest', '-w', workingDirectory, '--format', 'csv']);
  const [header, ...rows] = csv.stdout.trim().split('\n');
  expect(header).toContain('parameters.x');
  expect(header).toContain('value');
  expect(rows.length).toBeGreaterThan(0);
  const json = JSON.parse(run(['export', 'clitest', '-w', workingDirectory, '--format', 'json']).stdout) as { status: string }[];
  expect(json).toHaveLength(rows.length);

  const viewer = spawn(process.execPath, [cli, 'view', 'clitest', '-w', workingDirectory], { cwd: fixtures, stdio: ['ignore', 'pipe', 'pipe'] });
  const viewUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    viewer.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /REST API at (http:\/\/[^/\s]+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    viewer.once('exit', () => reject(new Error(`view exited: ${text}`)));
  });
  const viewed = await Experiment.connect(viewUrl);
  expect(await viewed.getStatus()).toBe('VIEWED');
  expect(await viewed.listTrialJobs()).toHaveLength(json.length);
  // Reads need no token on loopback; a change does, and a viewed experiment has no token to give.
  await expect(viewed.updateConcurrency(3)).rejects.toThrow(/refused \(401\)/);
  viewer.kill('SIGINT');
  await new Promise((resolve) => viewer.once('exit', resolve));

  const missing = run(['stop', 'nope', '-w', workingDirectory]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/there is no experiment nope/);
}, 120_000);
