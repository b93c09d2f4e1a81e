/**
 * Reads a config or search-space file without trusting it: only regular files (a FIFO, a device such
 * as `/dev/zero` or a socket is refused before it is read, so it cannot block or stream forever), and
 * at most `maxBytes + 1` bytes, in chunks — files under `/proc` report size 0 and may never end.
 * Internal: not exported from the package.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { ConfigError } from './config-error.js';
import { type ConfigLimits, raiseLimitHint } from './config-limits.js';

/** Which file is read; it names the file in errors and picks the code for an unreadable one. */
export type ConfigFileRole = 'config file' | 'search-space file';

const UNREADABLE_CODE: Readonly<Record<ConfigFileRole, string>> = { 'config file': 'config-file-not-found', 'search-space file': 'file-not-found' };
const CHUNK_BYTES = 64 * 1024;
/** Opening a FIFO for reading waits for a writer unless it is opened non-blocking. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseUnlessRegular(stats: Stats, file: string, role: ConfigFileRole): void {
  const kind = kindOf(stats);
  if (kind === undefined) return;
  throw new ConfigError({
    code: 'not-a-regular-file',
    expected: `a regular ${role}`,
    received: file,
    message: `the ${role} "${file}" is ${kind}, not a regular file`,
  });
}

function tooLarge(file: string, role: ConfigFileRole, size: string, limits: ConfigLimits): ConfigError {
  return new ConfigError({
    code: 'config-too-large',
    expected: `a ${role} of at most ${limits.maxBytes} bytes`,
    received: file,
    message: `the ${role} "${file}" holds ${size}, more than the limit: ${raiseLimitHint(limits, 'maxBytes')}`,
  });
}

/** The bytes of the open file `fd`, or `undefined` once there are more than `maxBytes`. */
function readAtMost(fd: number, maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) return undefined;
  }
}

/**
 * The UTF-8 text of `file`. Throws {@link ConfigError}: `"config-file-not-found"` or
 * `"file-not-found"` (by `role`) when it cannot be read, `"not-a-regular-file"`, or
 * `"config-too-large"` when it holds more than `limits.maxBytes` bytes.
 */
export function readConfigFile(file: string, role: ConfigFileRole, limits: ConfigLimits): string {
  let fd: number | undefined;
  try {
    refuseUnlessRegular(statSync(file), file, role);
    fd = openSync(file, OPEN_FLAGS);
    const stats = fstatSync(fd);
    refuseUnlessRegular(stats, file, role);
    if (stats.size > limits.maxBytes) throw tooLarge(file, role, `${stats.size} bytes`, limits);
    const bytes = readAtMost(fd, limits.maxBytes);
    if (bytes === undefined) throw tooLarge(file, role, `more than ${limits.maxBytes} bytes`, limits);
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError({
      code: UNREADABLE_CODE[role],
      expected: `a readable YAML or JSON ${role}`,
      received: file,
      message: `cannot read the ${role} "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
