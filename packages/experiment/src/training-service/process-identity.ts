/**
 * Which process a stored process id meant. A pid alone is not an identity: after a reboot, or after
 * the pid counter wraps, the same number names an unrelated process. An identity is the machine's
 * boot plus the process's start time, so a manager that resumes an experiment stops the trials it
 * left behind and never a stranger that inherited their pid.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { uptime } from 'node:os';

/** This boot of the machine: Linux's boot id, elsewhere the boot time to the minute. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `boot@${Math.round((Date.now() / 1000 - uptime()) / 60)}`;
  }
}

let thisBoot: string | undefined;

/** The start time of `pid` in the kernel's clock ticks since boot (Linux), or `undefined`. */
function linuxStartTicks(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Field 22 (starttime) is the 20th after the name.
  return fields[19];
}

/** The start time `ps` prints for `pid` (systems without `/proc`), or `undefined`. */
function psStartTime(pid: number): string | undefined {
  try {
    const text = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * The identity of the running process `pid` (`"<boot>/<start time>"`), or `undefined` when no such
 * process runs. Two calls give the same text exactly when they see the same process.
 *
 * @example
 * ```ts
 * const identity = processIdentity(child.pid!); // store it beside the pid
 * // later, maybe in another manager process:
 * if (isSameProcess(pid, identity)) killProcessGroup(pid, 'SIGKILL');
 * ```
 */
export function processIdentity(pid: number): string | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  const started = process.platform === 'linux' ? linuxStartTicks(pid) : psStartTime(pid);
  if (started === undefined) return undefined;
  thisBoot ??= bootId();
  return `${thisBoot}/${started}`;
}

/** Whether `identity` was taken during this boot of the machine. */
export function isFromThisBoot(identity: string): boolean {
  thisBoot ??= bootId();
  return identity.startsWith(`${thisBoot}/`);
}

/** Whether `pid` still names the process whose identity was recorded. */
export function isSameProcess(pid: number, identity: string): boolean {
  return processIdentity(pid) === identity;
}
