/** What /proc says about the processes a test left: live (not zombie) members of a group, or of an experiment. */
import { readdirSync, readFileSync } from 'node:fs';

function live(): { pid: number; pgrp: number }[] {
  const out: { pid: number; pgrp: number }[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && fields[0] !== 'X') out.push({ pid: Number(pid), pgrp: Number(fields[2]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** The live processes of process group `pgid` (a zombie awaiting its parent is not live). */
export function liveMembersOfGroup(pgid: number): number[] {
  return live()
    .filter((p) => p.pgrp === pgid)
    .map((p) => p.pid);
}

/** The live processes whose environment says they belong to experiment `id` and mentions `marker` (a folder). */
export function processesOfExperiment(id: string, marker: string): number[] {
  return live()
    .map((p) => p.pid)
    .filter((pid) => {
      try {
        const environment = readFileSync(`/proc/${pid}/environ`, 'latin1');
        return environment.includes(`ARCHSPACE_EXPERIMENT_ID=${id}\0`) && environment.includes(marker);
      } catch {
        return false;
      }
    });
}
