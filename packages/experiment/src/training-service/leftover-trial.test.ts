import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isGroupAlive } from './process-group.js';
import { processIdentity } from './process-identity.js';
import { stopLeftoverTrial } from './leftover-trial.js';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** Runs `script` in a shell and resolves with the first line it prints. */
function firstLine(script: string, detached = false): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn('/bin/sh', ['-c', script], { detached, stdio: ['ignore', 'pipe', 'ignore'] });
  started.push(child);
  return new Promise((resolve) => {
    let text = '';
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve({ child, line: text.slice(0, text.indexOf('\n')) });
    });
  });
}

const trial = (pid: number | undefined, identity: string | undefined) => ({ experimentId: 'e', trialJobId: 't', pid, processIdentity: identity });

describe.skipIf(process.platform !== 'linux')('stopLeftoverTrial', () => {
  it('stops a running trial group and reports it stopped', async () => {
    const { child } = await firstLine('echo up; exec sleep 60', true);
    const pid = child.pid!;
    expect(stopLeftoverTrial(trial(pid, processIdentity(pid)))).toBe('stopped');
    expect(isGroupAlive(pid)).toBe(false);
  });

  it('calls a group whose leader exited and awaits its reaper gone, not stopped', async () => {
    // The background `setsid` child leads a group of its own and exits at once; its parent execs
    // `sleep`, which never reaps it, so it stays a zombie that still shows its start time.
    const { line } = await firstLine('setsid sh -c "exit 0" & echo $!; exec sleep 60');
    const pid = Number(line);
    let identity: string | undefined;
    for (let i = 0; i < 100 && identity === undefined; i++) identity = processIdentity(pid);
    expect(identity).toBeDefined();
    while (isGroupAlive(pid)) await new Promise((r) => setTimeout(r, 10));
    expect(processIdentity(pid)).toBe(identity);
    expect(stopLeftoverTrial(trial(pid, identity))).toBe('gone');
  });

  it('leaves alone a live group it cannot prove is the trial', async () => {
    const { child } = await firstLine('echo up; exec sleep 60', true);
    expect(stopLeftoverTrial(trial(child.pid!, undefined))).toBe('unverifiable');
    expect(isGroupAlive(child.pid!)).toBe(true);
  });

  it('calls a trial with no process recorded gone', () => {
    expect(stopLeftoverTrial(trial(undefined, undefined))).toBe('gone');
  });
});
