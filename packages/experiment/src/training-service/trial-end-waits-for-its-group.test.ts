/**
 * A trial is over once every process of its group is gone, not when the SIGKILL is sent: a child
 * that ignored SIGTERM takes a moment to die after it, and `stop()` promises that nothing is left.
 * (The manager's stop test saw such a child alive just after `stop()` resolved, on a loaded machine.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LocalTrainingService } from './local-training-service.js';
import { groupMembers } from './process-group.js';

const folder = mkdtempSync(join(tmpdir(), 'archspace-group-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// The trial leaves three children that ignore SIGTERM and busy the CPU, then exits by itself.
const LEAVES_CHILDREN = `node -e "
const { spawn } = require('child_process');
for (let i = 0; i < 3; i++) spawn(process.execPath, ['-e', 'process.on(\\'SIGTERM\\', () => {}); for (;;) {}'], { stdio: 'ignore' }).unref();
setTimeout(() => process.exit(0), 300);
"`;

it('a trial whose children outlive it ends only when none of them is left', async () => {
  const service = new LocalTrainingService();
  for (let round = 0; round < 3; round++) {
    const trial = service.start({ command: LEAVES_CHILDREN, cwd: folder, trialDir: folder, env: { ...process.env } });
    trial.release();
    const exit = await trial.exited;
    expect(exit.exitCode).toBe(0);
    expect(groupMembers(trial.pid!)).toEqual([]);
  }
}, 30_000);
