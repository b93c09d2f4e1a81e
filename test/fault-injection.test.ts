/**
 * Fault injection: a 200-trial experiment run by the `archspace` CLI whose manager is SIGKILLed at
 * 20+ random moments, SIGHUPed (a closed terminal) twice, and resumed a second time while it still
 * runs. It must end DONE with exactly 200 trials, each once; every final result that reached a
 * trial's metrics file kept; no trial RUNNING; and no process of the experiment left anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SqliteStore } from '@archspace/experiment';
import { CLI as cli, type CliProcess, exited, startCli, waitFor } from './support/cli-process.js';
import { expectEachTrialOnce, faultRandom, FIXTURES as fixtures, writeFaultExperiment } from './support/fault-experiment.js';
import { liveMembersOfGroup, processesOfExperiment } from './support/processes.js';

const ID = 'faults';
const TRIALS = 200;
const KILLS = 22;
const SIGHUP_AT = new Set([6, 15]);
const SECOND_RESUME_AT = 10;

/** Final results present in the trials' metrics files right now: trial id → metric text. */
function finalsOnDisk(dir: string): Map<string, string> {
  const finals = new Map<string, string>();
  const trialsDir = join(dir, 'trials');
  if (!existsSync(trialsDir)) return finals;
  for (const id of readdirSync(trialsDir)) {
    let text = '';
    try {
      text = readFileSync(join(trialsDir, id, 'metrics.jsonl'), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.endsWith('}')) continue;
      const parsed = JSON.parse(line) as { type: string; value: string };
      if (parsed.type === 'FINAL') finals.set(id, parsed.value);
    }
  }
  return finals;
}

function managerProcess(command: 'create' | 'resume', configFile: string, workingDirectory: string): CliProcess {
  const args = command === 'create' ? ['create', '--config', configFile, '--id', ID, '-w', workingDirectory] : ['resume', ID, '-w', workingDirectory];
  return startCli(args, fixtures);
}

it(`a ${TRIALS}-trial experiment survives ${KILLS} SIGKILLs, SIGHUPs and a second resume, losing and repeating nothing`, async () => {
  const { workingDirectory, dir, configFile } = writeFaultExperiment(ID, { trials: TRIALS, concurrency: 4, seed: 11 });
  const { rng, context } = faultRandom();
  const keptFinals = new Map<string, string>();
  const pgids = new Set<number>();
  /** The store, read-only; `undefined` while the first manager is still creating it. */
  const openStore = (): SqliteStore | undefined => {
    try {
      return SqliteStore.open(join(dir, 'experiment.db'), { readonly: true });
    } catch {
      return undefined;
    }
  };
  const recordGroups = () => {
    const store = openStore();
    if (store === undefined) return;
    try {
      for (const t of store.listTrials()) if (t.pid !== undefined) pgids.add(t.pid);
    } finally {
      store.close();
    }
  };
  const dbSucceeded = () => {
    const store = openStore();
    if (store === undefined) return 0;
    try {
      return store.countTrials('SUCCEEDED');
    } finally {
      store.close();
    }
  };

  let interruptions = 0;
  for (let cycle = 0; interruptions < KILLS + SIGHUP_AT.size; cycle++) {
    const manager = managerProcess(cycle === 0 ? 'create' : 'resume', configFile, workingDirectory);
    await waitFor(() => /REST API at/.test(manager.output()) || manager.exitCode !== null, `manager ${cycle} to start ${context}`);
    expect(manager.exitCode, `${manager.output()} ${context}`).toBeNull();
    if (cycle === SECOND_RESUME_AT) {
      const second = spawnSync(process.execPath, [cli, 'resume', ID, '-w', workingDirectory], { cwd: fixtures, encoding: 'utf8' });
      expect(second.status, context).toBe(1);
      expect(second.stderr).toMatch(/another manager is running it/);
      const list = spawnSync(process.execPath, [cli, 'list', '-w', workingDirectory], { encoding: 'utf8' });
      expect(list.stdout).toMatch(new RegExp(`^${ID} {2}RUNNING`, 'm'));
    }
    // Interrupt at a random moment, but before the run has done more than its share of the trials:
    // on a fast, idle machine 24 random waits alone can let all 200 trials finish first.
    const killAt = Date.now() + 150 + rng.int(1200);
    const shareDone = Math.floor((TRIALS * 0.8 * (interruptions + 1)) / (KILLS + SIGHUP_AT.size));
    while (Date.now() < killAt && manager.exitCode === null && dbSucceeded() < shareDone) await new Promise((r) => setTimeout(r, 25));
    if (manager.exitCode !== null) break; // finished before its kill point
    recordGroups();
    if (SIGHUP_AT.has(interruptions)) {
      // The terminal closes: the manager's output goes nowhere from now on, and it gets SIGHUP.
      const closeTerminal = interruptions === Math.max(...SIGHUP_AT);
      if (closeTerminal) {
        manager.stdout!.destroy();
        manager.stderr!.destroy();
      }
      manager.kill('SIGHUP');
      expect(await exited(manager), `${manager.output()} ${context}`).toBe(0);
      if (!closeTerminal) expect(manager.output()).toMatch(new RegExp(`experiment ${ID} ended: STOPPED`));
      const store = openStore();
      expect(store?.getExperiment()?.status, context).toBe('STOPPED');
      store?.close();
      // A graceful stop leaves nothing running.
      expect(processesOfExperiment(ID, workingDirectory), context).toEqual([]);
    } else {
      manager.kill('SIGKILL');
      await exited(manager);
    }
    interruptions++;
    for (const [id, value] of finalsOnDisk(dir)) keptFinals.set(id, value);
    if (interruptions === 3) {
      const list = spawnSync(process.execPath, [cli, 'list', '-w', workingDirectory], { encoding: 'utf8' });
      if (!SIGHUP_AT.has(interruptions - 1)) expect(list.stdout).toMatch(new RegExp(`^${ID} {2}INTERRUPTED`, 'm'));
    }
  }
  expect(interruptions, context).toBeGreaterThanOrEqual(20);
  expect(dbSucceeded(), `progress across the interruptions ${context}`).toBeGreaterThan(0);

  // The last resume runs to the end.
  const last = managerProcess('resume', configFile, workingDirectory);
  expect(await exited(last), `${last.output()} ${context}`).toBe(0);
  expect(last.output()).toMatch(new RegExp(`experiment ${ID} ended: DONE`));
  recordGroups();

  const store = SqliteStore.open(join(dir, 'experiment.db'), { readonly: true });
  try {
    const trials = store.listTrials();
    expectEachTrialOnce(trials, TRIALS, context);
    expect(new Set(trials.map((t) => JSON.stringify(t.sample))).size, `each sample once ${context}`).toBe(TRIALS);
    expect(trials.filter((t) => t.status !== 'SUCCEEDED').map((t) => [t.trialJobId, t.status, t.message]), context).toEqual([]);
    expect(store.getExperiment()?.status).toBe('DONE');
    const finals = new Map(store.finalMetrics().map((m) => [m.trialJobId, m.data]));
    expect(store.listMetrics({ type: 'FINAL' })).toHaveLength(TRIALS);
    // Every final result that had reached disk at an interruption is the one stored.
    for (const [id, value] of keptFinals) expect(finals.get(id), `trial ${id} ${context}`).toBe(value);
    expect(keptFinals.size).toBeGreaterThan(0);
  } finally {
    store.close();
  }
  expect(processesOfExperiment(ID, workingDirectory), context).toEqual([]);
  for (const pgid of pgids) expect(liveMembersOfGroup(pgid), `process group ${pgid} ${context}`).toEqual([]);
}, 400_000);
