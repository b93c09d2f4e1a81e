/**
 * How many file descriptors of this process have a given file open, read from `/proc/self/fd`
 * (Linux): what the trial-file tests use to prove that a download closes its file. Test-only.
 */
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';

/** Whether `/proc/self/fd` can be read here (Linux). */
export const canCountOpenFiles = existsSync('/proc/self/fd');

/** How many descriptors of this process are open on the file at `path`. */
export function openDescriptorsOn(path: string): number {
  const target = realpathSync(path);
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === target) count++;
    } catch {
      // The descriptor closed while we looked (the directory listing's own, say).
    }
  }
  return count;
}
