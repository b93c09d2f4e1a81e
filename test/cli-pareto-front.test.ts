/**
 * The archspace command with two objectives: `create` shows the front's size on the progress line and
 * lists the front with every objective value when the experiment ends; `front` (text and `--json`)
 * prints the brute-force non-dominated set of the exported succeeded trials, never the failed ones.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../packages/experiment/bin/archspace.mjs', import.meta.url));

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env }, timeout: 100_000 });
}

interface Exported {
  readonly trialJobId: string;
  readonly status: string;
  readonly metric: { readonly default: number; readonly x: number } | null;
}

it('shows the Pareto front of a two-objective experiment while it runs, when it ends and on request', () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-cli-front-'));
  const config = join(workingDirectory, 'front.yml');
  // hpo-trial.mjs reports { default: -((x - 5) ** 2) + y, x } and crashes for x = 7.
  writeFileSync(
    config,
    [
      'experimentName: front',
      'searchSpace:',
      '  x: { _type: choice, _value: [3, 5, 7, 8] }',
      '  y: { _type: uniform, _value: [0, 1] }',
      'trialCommand: node hpo-trial.mjs',
      `trialCodeDirectory: ${JSON.stringify(fixtures)}`,
      'trialConcurrency: 4',
      'maxTrialNumber: 10',
      'tuner: { name: Random }',
      'objectives:',
      '  - { name: default, direction: maximize }',
      '  - { name: x, direction: minimize }',
      'seed: 3',
    ].join('\n'),
  );
  const created = run(['create', '--config', config, '--id', 'front', '-w', workingDirectory]);
  expect(created.status).toBe(0);
  expect(created.stderr).toMatch(/front (RUNNING|DONE): \d+\/10 done, .* \| front \d+ trials? \|/);
  expect(created.stderr).not.toMatch(/\| best /);

  const exported = JSON.parse(run(['export', 'front', '-w', workingDirectory]).stdout) as Exported[];
  const succeeded = exported.filter((t) => t.status === 'SUCCEEDED' && t.metric !== null);
  expect(exported.some((t) => t.status === 'FAILED')).toBe(true);
  const dominates = (a: Exported, b: Exported) =>
    a.metric!.default >= b.metric!.default && a.metric!.x <= b.metric!.x && (a.metric!.default > b.metric!.default || a.metric!.x < b.metric!.x);
  const expected = succeeded.filter((t) => !succeeded.some((s) => dominates(s, t))).map((t) => t.trialJobId).sort();
  expect(expected.length).toBeGreaterThan(0);

  const summary = created.stdout.slice(created.stdout.indexOf('experiment front ended'));
  expect(summary).toMatch(new RegExp(`^Pareto front: ${expected.length} trials? by default ↑, x ↓:$`, 'm'));
  const listed = (text: string) => [...text.matchAll(/^ {2}#\d+ {2}(\S+) {2}default=\S+ {2}x=\S+$/gm)].map((m) => m[1]!).sort();
  expect(listed(summary)).toEqual(expected);

  const text = run(['front', 'front', '-w', workingDirectory]);
  expect(text.status).toBe(0);
  expect(listed(text.stdout)).toEqual(expected);
  const json = JSON.parse(run(['front', 'front', '-w', workingDirectory, '--json']).stdout) as { configured: boolean; objectives: unknown; trials: { trialJobId: string; values: number[] }[] };
  expect(json.configured).toBe(true);
  expect(json.objectives).toEqual([
    { name: 'default', direction: 'maximize' },
    { name: 'x', direction: 'minimize' },
  ]);
  expect(json.trials.map((t) => t.trialJobId).sort()).toEqual(expected);
  for (const t of json.trials) {
    const metric = exported.find((e) => e.trialJobId === t.trialJobId)!.metric!;
    expect(t.values).toEqual([metric.default, metric.x]);
  }

  const missing = run(['front', 'nope', '-w', workingDirectory]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/there is no experiment nope/);
  rmSync(workingDirectory, { recursive: true, force: true });
}, 120_000);
