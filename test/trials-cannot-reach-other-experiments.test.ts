/**
 * Defect 8: a trial of one experiment could stop another experiment through its API (no token was
 * needed on loopback), and the token sat in a world-readable file and on the command line. Now every
 * manager has a token, written only to a file its owner can read; changes through the API need it,
 * on loopback too; a trial's environment carries no token; and the CLI takes none on its command line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { Experiment, startExperiment } from '@archspace/experiment';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

const config = (workingDirectory: string, trialCommand: string, maxTrialNumber: number) => ({
  experimentWorkingDirectory: workingDirectory,
  searchSpace: { x: { _type: 'choice', _value: [1, 2, 3, 4, 5, 6] }, y: { _type: 'uniform', _value: [0, 1] } },
  trialCommand,
  trialCodeDirectory: fixtures,
  trialConcurrency: 1,
  maxTrialNumber,
  tuner: { name: 'Random' },
});

it('a trial cannot stop another experiment, and sees no token', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-isolation-'));
  const previous = process.env['ARCHSPACE_TOKEN'];
  process.env['ARCHSPACE_TOKEN'] = 'the-owners-token';
  process.env['ARCHSPACE_TRIAL_SLEEP_MS'] = '1500';
  try {
    const victim = await startExperiment(config(workingDirectory, 'node hpo-trial.mjs', 3), { id: 'victim' });
    const address = join(victim.dir, 'manager.json');
    expect(statSync(address).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(address, 'utf8')).token).toBe(victim.token);
    process.env['VICTIM_URL'] = victim.server!.url;
    const meddler = await startExperiment(config(workingDirectory, 'node meddling-trial.mjs', 1), { id: 'meddler', noServer: true });
    expect(await meddler.done).toBe('DONE');
    const [trial] = meddler.manager.store.finalMetrics();
    expect(JSON.parse(trial!.data)).toEqual({ default: 401, tokenVisible: false });
    await meddler.close();
    // The victim ran on, to the end.
    const client = await Experiment.connect(victim.server!.url);
    expect(await client.getStatus()).toBe('RUNNING');
    expect(await victim.done).toBe('DONE');
    expect(victim.manager.store.countTrials('SUCCEEDED')).toBe(3);
    await victim.close();
  } finally {
    if (previous === undefined) delete process.env['ARCHSPACE_TOKEN'];
    else process.env['ARCHSPACE_TOKEN'] = previous;
    delete process.env['ARCHSPACE_TRIAL_SLEEP_MS'];
    delete process.env['VICTIM_URL'];
  }
}, 60_000);

it('the CLI takes no token on its command line', () => {
  const refused = spawnSync(process.execPath, [cli, 'create', '--config', 'x.yml', '--token', 'secret'], { encoding: 'utf8' });
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toMatch(/unknown option '--token'/);
  const help = spawnSync(process.execPath, [cli, 'create', '--help'], { encoding: 'utf8' });
  expect(help.stdout).toMatch(/--token-file <file>/);
});
