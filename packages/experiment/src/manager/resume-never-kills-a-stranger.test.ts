/**
 * Defect 4: `resume` killed whatever process had a trial's stored pid (after a reboot, an unrelated
 * one). A trial's process is now recognised by its identity (boot and start time): a stranger that
 * reused the pid, or any process of a store that recorded no identity, is left alone, while the
 * trial's own leftover processes are stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { processIdentity } from '../training-service/process-identity.js';
import { isGroupAlive } from '../training-service/process-group.js';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

const strangers: ChildProcess[] = [];
afterEach(() => {
  for (const s of strangers.splice(0)) s.kill('SIGKILL');
});

/** An unrelated long-running process in a group of its own (as any other program's would be). */
function stranger(): number {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  strangers.push(child);
  return child.pid!;
}

const alive = (pid: number) => processIdentity(pid) !== undefined;

it('leaves alone a process that reused a trial pid, or that no identity proves to be the trial', async () => {
  const fixture = managerFixture(`out('FINAL', 0, x);`, { xs: [1, 2, 3], settings: { trialConcurrency: 1 } });
  const { store } = fixture;
  const reused = stranger();
  const unproven = stranger();
  const identity = processIdentity(reused)!;
  store.saveExperiment({ id: 'fixture', config: {}, status: 'RUNNING', startTime: 1, execDuration: 0, nextSequenceId: 2, revision: 0, logDir: fixture.dir });
  // The pid now names a stranger whose start time differs from the one recorded for the trial.
  const [boot, ticks] = [identity.slice(0, identity.lastIndexOf('/')), Number(identity.slice(identity.lastIndexOf('/') + 1))];
  store.insertTrial({ trialJobId: 'a', sequenceId: 0, status: 'RUNNING', parameterId: 0, parameters: { x: 1 }, sample: { x: 1 }, pid: reused, processIdentity: `${boot}/${ticks - 7}`, logPath: `${fixture.dir}/trials/a` });
  // A store of an older archspace: a pid and no identity.
  store.insertTrial({ trialJobId: 'b', sequenceId: 1, status: 'RUNNING', parameterId: 1, parameters: { x: 2 }, sample: { x: 2 }, pid: unproven, logPath: `${fixture.dir}/trials/b` });
  const manager = ExperimentManager.open('resume', fixture.settings, { store, space: fixture.space, strategy: new GridSearch() });
  expect(manager.recovery).toMatchObject({ stoppedProcesses: [], unverifiable: ['b'], interrupted: ['a', 'b'] });
  expect(alive(reused) && alive(unproven)).toBe(true);
  expect(await manager.run()).toBe('DONE');
  manager.close();
  expect(alive(reused) && alive(unproven)).toBe(true);
  expect(store.listTrials().map((t) => [t.trialJobId, t.status])).toEqual([
    ['a', 'SUCCEEDED'],
    ['b', 'SUCCEEDED'],
    [expect.any(String), 'SUCCEEDED'],
  ]);
}, 30_000);

it('stops the leftover processes of a trial whose identity matches, including children left in its group', async () => {
  const fixture = managerFixture(`out('FINAL', 0, x);`, { xs: [1] });
  const { store } = fixture;
  // A trial as its killed manager left it: a shell leading its own group, with a child in the group.
  const leader = spawn('/bin/sh', ['-c', 'sleep 60 & sleep 60'], { detached: true, stdio: 'ignore' });
  const pid = leader.pid!;
  await new Promise((r) => setTimeout(r, 100));
  store.saveExperiment({ id: 'fixture', config: {}, status: 'RUNNING', startTime: 1, execDuration: 0, nextSequenceId: 1, revision: 0, logDir: fixture.dir });
  store.insertTrial({ trialJobId: 'a', sequenceId: 0, status: 'RUNNING', parameterId: 0, parameters: { x: 1 }, sample: { x: 1 }, pid, processIdentity: processIdentity(pid)!, logPath: `${fixture.dir}/trials/a` });
  const manager = ExperimentManager.open('resume', fixture.settings, { store, space: fixture.space, strategy: new GridSearch() });
  expect(manager.recovery?.stoppedProcesses).toEqual(['a']);
  expect(isGroupAlive(pid)).toBe(false);
  expect(await manager.run()).toBe('DONE');
  manager.close();
  expect(store.getTrial('a')?.status).toBe('SUCCEEDED');
}, 30_000);
