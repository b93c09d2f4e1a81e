/**
 * Process groups: every trial runs in a group of its own (its shell and everything it starts), so a
 * trial is stopped, or found to be over, as a whole.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sends `signal` to the process group `pgid`, ignoring a group that is already gone. */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone (ESRCH), or not ours to signal (EPERM).
  }
}

/** One process of a group, as `/proc` shows it. */
export interface GroupMember {
  readonly pid: number;
  /** The environment the process started with (empty when it cannot be read). */
  readonly environment: readonly string[];
}

function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * The live (not zombie) processes of group `pgid`, read from `/proc`; `undefined` on systems without
 * `/proc`, where only {@link isGroupAlive}'s answer is available.
 */
export function groupMembers(pgid: number): GroupMember[] | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const members: GroupMember[] = [];
  for (const pid of pids) {
    const fields = statFields(pid);
    // After the name: state (0), ppid (1), pgrp (2).
    if (fields === undefined || fields[0] === 'Z' || fields[0] === 'X' || Number(fields[2]) !== pgid) continue;
    let environment: string[] = [];
    try {
      environment = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    } catch {
      // Not ours to read.
    }
    members.push({ pid: Number(pid), environment });
  }
  return members;
}

/** Whether any live process is left in group `pgid` (zombies awaiting their parent do not count). */
export function isGroupAlive(pgid: number): boolean {
  const members = groupMembers(pgid);
  if (members !== undefined) return members.length > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the group has no process at all, zombies included (a cheap check before reading `/proc`). */
function groupIsEmpty(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Resolves once no live process is left in group `pgid`, or after `timeoutMs` (a process stuck in an
 * uninterruptible sleep can outlast a SIGKILL). A SIGKILLed process dies a moment after the signal is
 * sent, so whoever promises "every process is gone" waits here after sending it.
 */
export async function waitUntilGroupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!groupIsEmpty(pgid) && isGroupAlive(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
