/**
 * Stops what is left of a trial whose manager died (SIGKILL, a crash, a closed terminal): its
 * processes keep running in their own group after the manager is gone. Only processes proven to be
 * that trial's are signalled: the group's leader when its identity (boot and start time) matches the
 * stored one, or, with the leader gone, the group's members whose environment names the trial. A
 * process that merely inherited the pid is never touched.
 */
import { isFromThisBoot, isSameProcess, processIdentity } from './process-identity.js';
import { groupMembers, isGroupAlive, killProcessGroup } from './process-group.js';
import { TRIAL_ENV } from '../trial/trial-env.js';

/** What a trial's stored process record says. */
export interface LeftoverTrial {
  readonly experimentId: string;
  readonly trialJobId: string;
  readonly pid: number | undefined;
  readonly processIdentity: string | undefined;
}

/** What became of a leftover trial's processes. */
export type LeftoverOutcome = 'stopped' | 'gone' | 'unverifiable';

const WAIT_STEP_MS = 20;
const WAIT_LIMIT_MS = 5000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function waitUntilGone(pgid: number, members?: readonly number[]): void {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  const alive = () => (members === undefined ? isGroupAlive(pgid) : (groupMembers(pgid) ?? []).some((m) => members.includes(m.pid)));
  while (alive() && Date.now() < deadline) sleepSync(WAIT_STEP_MS);
}

/**
 * SIGKILLs the processes a dead manager left running for one trial, and waits (up to 5 s) until they
 * are gone, so that nothing writes to the trial's files afterwards. Returns `'stopped'` when it
 * signalled something, `'gone'` when nothing of the trial was left, and `'unverifiable'` when a
 * process might be the trial's but could not be proven so (a store written before identities were
 * recorded, or a system without `/proc` whose group leader is gone): it is then left alone.
 */
export function stopLeftoverTrial(trial: LeftoverTrial): LeftoverOutcome {
  const { pid, processIdentity: identity } = trial;
  if (pid === undefined) return 'gone';
  if (identity === undefined) return isGroupAlive(pid) ? 'unverifiable' : 'gone';
  // Processes of an earlier boot are all gone.
  if (!isFromThisBoot(identity)) return 'gone';
  if (isSameProcess(pid, identity)) {
    // A leader that exited and awaits its reaper still shows its identity; with nothing else left in
    // its group, nothing of the trial runs.
    if (!isGroupAlive(pid)) return 'gone';
    killProcessGroup(pid, 'SIGKILL');
    waitUntilGone(pid);
    return 'stopped';
  }
  // The pid names another process now: the kernel reuses a pid only once no group is known by it,
  // so the trial's group is over.
  if (processIdentity(pid) !== undefined) return 'gone';
  if (!isGroupAlive(pid)) return 'gone';
  // The leader exited but members of its group live on: kill those that carry the trial's names.
  const members = groupMembers(pid);
  if (members === undefined) return 'unverifiable';
  const marks = [`${TRIAL_ENV.experimentId}=${trial.experimentId}`, `${TRIAL_ENV.trialJobId}=${trial.trialJobId}`];
  const ours = members.filter((m) => marks.every((mark) => m.environment.includes(mark))).map((m) => m.pid);
  if (ours.length === 0) return members.length > 0 ? 'unverifiable' : 'gone';
  for (const member of ours) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  waitUntilGone(pid, ours);
  return 'stopped';
}
