/**
 * Keeps `experimentWorkingDirectory` off the kernel's pseudo-filesystems. Under `/proc`, `mkdir` of a
 * new name fails with ENOENT although its parent exists, and Node's `mkdir(path, { recursive: true })`
 * takes ENOENT to mean "create the parent first": it creates nothing, gets EEXIST for the parent and
 * retries the child, forever, at full CPU (the synchronous call freezes the process; the promise never
 * settles). Under `/sys` and `/dev` a folder is, at best, a device or kernel object, not storage.
 */
import { realpathSync, statfsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from './config-error.js';

/** Folders that are the kernel's, not storage. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** `statfs` magic numbers of the kernel's pseudo-filesystems, wherever they are mounted (Linux). */
const PSEUDO_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false; // Missing, or not reachable (ENOTDIR, EACCES): creating the folder will say why.
  }
}

/** The deepest part of `path` (absolute) that exists — following symbolic links — or the root. */
function existingAncestor(path: string): string {
  let folder = path;
  while (!exists(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** The name of the kernel pseudo-filesystem `path` is on, if it is on one. */
function pseudoFilesystemOf(path: string): string | undefined {
  try {
    return PSEUDO_FILESYSTEMS.get(Number(statfsSync(path).type));
  } catch {
    return undefined;
  }
}

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function refuse(path: string, why: string): never {
  throw new ConfigError({
    code: 'invalid-working-directory',
    path: ['experimentWorkingDirectory'],
    expected: 'a folder on a disk (not under /proc, /sys or /dev, nor on another kernel pseudo-filesystem)',
    received: path,
    message: `experimentWorkingDirectory "${path}" ${why}: experiments need a folder on a disk (not under /proc, /sys or /dev)`,
  });
}

/**
 * `path` made absolute, after checking that it is not on a kernel pseudo-filesystem: not under
 * `/proc`, `/sys` or `/dev` once the symbolic links of its existing part are resolved, and its
 * existing part not on proc, sysfs, cgroup or the like however mounted. Throws {@link ConfigError}
 * (code `"invalid-working-directory"`, path `['experimentWorkingDirectory']`).
 *
 * @example
 * ```ts
 * checkWorkingDirectory('/home/me/experiments'); // '/home/me/experiments'
 * checkWorkingDirectory('/proc/x');              // throws: a folder under /proc
 * ```
 */
export function checkWorkingDirectory(path: string): string {
  const absolute = resolve(path);
  const existing = existingAncestor(absolute);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    return absolute; // It vanished meanwhile: creating the folder will say why.
  }
  const target = join(real, relative(existing, absolute));
  const root = PSEUDO_ROOTS.find((candidate) => under(target, candidate));
  if (root !== undefined) refuse(absolute, target === absolute ? `is under ${root}` : `is ${target}, under ${root}`);
  const filesystem = pseudoFilesystemOf(real);
  if (filesystem !== undefined) refuse(absolute, `is on the kernel's ${filesystem} filesystem`);
  return absolute;
}
