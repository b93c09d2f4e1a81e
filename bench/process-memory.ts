/**
 * The resident memory of another process on Linux, from `/proc/<pid>/status`: now (`VmRSS`) and at
 * its peak (`VmHWM`), and a reset of that peak so that one phase of a benchmark can be measured alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const MB = 1024;

function statusFieldKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]);
}

/** The resident memory of process `pid` now, in MB. */
export const residentMb = (pid: number): number => statusFieldKb(pid, 'VmRSS') / MB;

/** The highest resident memory of process `pid` since it started or since `resetPeakResident(pid)`, in MB. */
export const peakResidentMb = (pid: number): number => statusFieldKb(pid, 'VmHWM') / MB;

/** Restarts the peak `peakResidentMb` reports from the current resident memory (Linux ≥ 4.0). */
export function resetPeakResident(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
