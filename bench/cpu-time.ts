/**
 * CPU time on Linux from `/proc`: the whole machine's (busy and idle) and one process's (with the
 * children it has reaped), so that a benchmark can say how much of the machine it had to itself.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc` figures (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Seconds the machine's cores have spent busy and in all, summed over cores. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/** Seconds of CPU process `pid` has used itself and its reaped children have used. */
export function processCpuSplit(pid: number): { self: number; children: number } {
  const afterName = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields 14-17 of proc(5) (utime, stime, cutime, cstime), counted from the state field (3).
  const ticks = afterName.slice(11, 15).map(Number);
  return { self: (ticks[0]! + ticks[1]!) / TICKS_PER_SECOND, children: (ticks[2]! + ticks[3]!) / TICKS_PER_SECOND };
}

/** Seconds of CPU process `pid` has used, its reaped children's included. */
export function processCpuSeconds(pid: number): number {
  const { self, children } = processCpuSplit(pid);
  return self + children;
}
