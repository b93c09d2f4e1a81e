/**
 * Opening a file of a trial's folder for `GET /trial-file`: only the files of the trial protocol
 * (`TRIAL_FILES`), only from inside the trial's folder (a symbolic link leading out of it is
 * refused), and read chunk by chunk as the client takes them, so that serving a 100 MB stdout to
 * many clients holds a chunk or two per client, never the file.
 */
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import type { TrialFile, TrialRow } from '../records.js';
import { TRIAL_FILES } from '../trial/trial-env.js';

/**
 * How many bytes one read of a streamed trial file takes: large enough that a download makes few
 * round trips through the event loop, small enough that 50 concurrent downloads hold tens of MB.
 */
export const TRIAL_FILE_CHUNK_BYTES = 256 * 1024;

const SERVED_FILES: readonly string[] = Object.values(TRIAL_FILES);

/** Error codes of a file system call that mean "there is no such file here". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

const isAbsent = (error: unknown): boolean => ABSENT.has((error as NodeJS.ErrnoException | null)?.code ?? '');

/** Whether `path` lies strictly inside the folder `folder` (both real, absolute paths). */
function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest !== '' && rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

/**
 * The real path of the file `handle` has open: the kernel's own answer on Linux (immune to a link
 * swapped after the open), else `realpath`; undefined when the file was deleted since.
 */
async function openedPath(handle: FileHandle, path: string): Promise<string | undefined> {
  let opened: string;
  try {
    opened = await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return realpath(path).catch(() => undefined);
  }
  return opened.endsWith(' (deleted)') ? undefined : opened;
}

/** Reads `handle` from 0 to `size` as a stream of chunks; the handle is closed once, whatever happens. */
function streamedFile(handle: FileHandle, size: number, what: string): TrialFile {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= handle.close().catch(() => undefined));
  let taken = false;
  return {
    size,
    close,
    stream() {
      if (taken) throw new ArchspaceError({ code: 'stream-taken', message: `${what} is already being streamed; open it again to read it twice` });
      taken = true;
      let position = 0;
      let cancelled = false;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const wanted = Math.min(TRIAL_FILE_CHUNK_BYTES, size - position);
            const chunk = Buffer.allocUnsafe(wanted);
            const { bytesRead } = wanted === 0 ? { bytesRead: 0 } : await handle.read(chunk, 0, wanted, position);
            if (cancelled) return;
            if (bytesRead === 0 && wanted > 0) {
              throw new ArchspaceError({ code: 'file-shrank', message: `${what} was ${size} bytes when opened but ends at ${position}` });
            }
            position += bytesRead;
            if (bytesRead > 0) controller.enqueue(bytesRead === wanted ? chunk : chunk.subarray(0, bytesRead));
            if (position >= size) {
              await close();
              controller.close();
            }
          } catch (error) {
            await close();
            if (!cancelled) controller.error(error);
          }
        },
        async cancel() {
          cancelled = true;
          await close();
        },
      });
    },
  };
}

/**
 * Opens `filename` of the folder of `trial` for streaming: its size now, and its bytes on demand.
 * What the manager's `trialFile` returns once it has found the trial's row.
 *
 * @throws `ArchspaceError` `invalid-filename` for a name other than those of `TRIAL_FILES`;
 * `file-not-found` when the trial has no folder or the file does not exist (yet);
 * `file-outside-trial-folder` when the folder or the file is a symbolic link leading out of the
 * trial's folder; `not-a-regular-file` for a directory, a FIFO or a device.
 *
 * @example
 * ```ts
 * const file = await openTrialFile(store.getTrial(id)!, 'stdout');
 * return new Response(file.stream(), { headers: { 'content-length': String(file.size) } });
 * ```
 */
export async function openTrialFile(trial: Pick<TrialRow, 'trialJobId' | 'logPath'>, filename: string): Promise<TrialFile> {
  if (!SERVED_FILES.includes(filename)) {
    throw new ArchspaceError({ code: 'invalid-filename', path: ['filename'], expected: `one of ${SERVED_FILES.join(', ')}`, received: filename });
  }
  const what = `${filename} of trial ${JSON.stringify(trial.trialJobId)}`;
  const notFound = (why: string): ArchspaceError => new ArchspaceError({ code: 'file-not-found', path: ['filename'], message: `There is no ${what} ${why}` });
  const outside = (): ArchspaceError =>
    new ArchspaceError({ code: 'file-outside-trial-folder', path: ['filename'], message: `The ${what} leads outside the trial's folder (a symbolic link); it is not served` });
  if (trial.logPath === undefined) throw notFound('(the trial has no folder yet)');

  let folder: string;
  try {
    const stats = await lstat(trial.logPath);
    if (stats.isSymbolicLink()) throw outside();
    if (!stats.isDirectory()) throw notFound(`(${trial.logPath} is not a folder)`);
    folder = await realpath(trial.logPath);
  } catch (error) {
    if (isAbsent(error)) throw notFound(`(the trial's folder ${trial.logPath} does not exist)`);
    throw error;
  }

  const path = join(trial.logPath, filename);
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO a trial made must not hang the server.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isAbsent(error)) throw notFound('(yet)');
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ArchspaceError({ code: 'not-a-regular-file', path: ['filename'], message: `The ${what} is not a regular file; it is not served` });
    const opened = await openedPath(handle, path);
    if (opened === undefined) throw notFound('(it was deleted)');
    if (!isInside(folder, opened)) throw outside();
    return streamedFile(handle, stats.size, `The ${what}`);
  } catch (error) {
    await handle.close();
    throw error;
  }
}
