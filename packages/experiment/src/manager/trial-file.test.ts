import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canCountOpenFiles, openDescriptorsOn } from '../rest/test-support/open-file-descriptors.js';
import { openTrialFile, TRIAL_FILE_CHUNK_BYTES } from './trial-file.js';

/** A fresh trial folder holding `files`, and the row that names it. */
function trialWith(files: Record<string, string | Buffer> = {}, trialJobId = 'tA1'): { logPath: string; trialJobId: string } {
  const root = mkdtempSync(join(tmpdir(), 'archspace-trial-file-'));
  const logPath = join(root, 'trials', trialJobId);
  mkdirSync(logPath, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(logPath, name), content);
  return { logPath, trialJobId };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; chunks: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return { bytes: Buffer.concat(parts), chunks: parts.map((p) => p.length) };
}

const refusal = async (promise: Promise<unknown>): Promise<{ code: string; path: readonly (string | number)[] }> => {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as { code: string; path: readonly (string | number)[] } | undefined;
  if (error === undefined) throw new Error('expected a refusal');
  return error;
};

describe('openTrialFile', () => {
  it('streams exactly the bytes of the file, in chunks no larger than TRIAL_FILE_CHUNK_BYTES', async () => {
    const content = Buffer.alloc(3 * TRIAL_FILE_CHUNK_BYTES + 17);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;
    const file = await openTrialFile(trialWith({ stdout: content }), 'stdout');
    expect(file.size).toBe(content.length);
    const { bytes, chunks } = await readAll(file.stream());
    expect(bytes.equals(content)).toBe(true);
    expect(chunks).toEqual([TRIAL_FILE_CHUNK_BYTES, TRIAL_FILE_CHUNK_BYTES, TRIAL_FILE_CHUNK_BYTES, 17]);
  });

  it('an empty file is an empty stream', async () => {
    const file = await openTrialFile(trialWith({ stderr: '' }), 'stderr');
    expect(file.size).toBe(0);
    expect((await readAll(file.stream())).bytes.length).toBe(0);
  });

  it('gives the bytes the file held when opened, even while the trial keeps writing', async () => {
    const trial = trialWith({ 'metrics.jsonl': '{"a":1}\n' });
    const file = await openTrialFile(trial, 'metrics.jsonl');
    appendFileSync(join(trial.logPath, 'metrics.jsonl'), '{"a":2}\n');
    expect((await readAll(file.stream())).bytes.toString()).toBe('{"a":1}\n');
  });

  it('a file cut short after it was opened fails the stream instead of ending it early', async () => {
    const trial = trialWith({ stdout: Buffer.alloc(2 * TRIAL_FILE_CHUNK_BYTES) });
    const file = await openTrialFile(trial, 'stdout');
    truncateSync(join(trial.logPath, 'stdout'), 10);
    await expect(readAll(file.stream())).rejects.toMatchObject({ code: 'file-shrank' });
  });

  it('serves the four files of the trial protocol and refuses any other name', async () => {
    const trial = trialWith({ stdout: 'o', stderr: 'e', 'metrics.jsonl': 'm', 'parameters.json': '{}', 'trial.log': 'x' });
    for (const name of ['stdout', 'stderr', 'metrics.jsonl', 'parameters.json']) await (await openTrialFile(trial, name)).close();
    for (const name of ['trial.log', '../stdout', 'STDOUT', '', '__proto__', 'constructor', 'toString']) {
      expect(await refusal(openTrialFile(trial, name))).toMatchObject({ code: 'invalid-filename', path: ['filename'] });
    }
  });

  it('a missing file, a missing folder and a trial without a folder are "file-not-found"', async () => {
    const trial = trialWith();
    expect(await refusal(openTrialFile(trial, 'stdout'))).toMatchObject({ code: 'file-not-found' });
    expect(await refusal(openTrialFile({ ...trial, logPath: join(trial.logPath, 'gone') }, 'stdout'))).toMatchObject({ code: 'file-not-found' });
    expect(await refusal(openTrialFile({ trialJobId: 'x' }, 'stdout'))).toMatchObject({ code: 'file-not-found' });
  });

  it('a trial id such as __proto__ is only data', async () => {
    const file = await openTrialFile(trialWith({ stdout: 'hi' }, '__proto__'), 'stdout');
    expect((await readAll(file.stream())).bytes.toString()).toBe('hi');
  });

  it('refuses a symbolic link that leads out of the trial folder, and serves one that stays inside', async () => {
    const secret = trialWith({ 'parameters.json': 'secret' }, 'other');
    const trial = trialWith({ 'real-output.txt': 'inside' });
    symlinkSync(join(secret.logPath, 'parameters.json'), join(trial.logPath, 'stdout'));
    symlinkSync('../tA1/../../trials/tA1/real-output.txt', join(trial.logPath, 'stderr'));
    expect(await refusal(openTrialFile(trial, 'stdout'))).toMatchObject({ code: 'file-outside-trial-folder', path: ['filename'] });
    if (canCountOpenFiles) expect(openDescriptorsOn(join(secret.logPath, 'parameters.json'))).toBe(0);
    expect((await readAll((await openTrialFile(trial, 'stderr')).stream())).bytes.toString()).toBe('inside');
  });

  it('refuses a trial folder that is itself a symbolic link', async () => {
    const elsewhere = trialWith({ stdout: 'not the trial' }, 'elsewhere');
    const linked = join(elsewhere.logPath, '..', 'linked');
    symlinkSync(elsewhere.logPath, linked);
    expect(await refusal(openTrialFile({ trialJobId: 'linked', logPath: linked }, 'stdout'))).toMatchObject({ code: 'file-outside-trial-folder' });
  });

  it('refuses a folder or a FIFO in place of a file, without hanging on the FIFO', async () => {
    const trial = trialWith();
    mkdirSync(join(trial.logPath, 'stdout'));
    expect(await refusal(openTrialFile(trial, 'stdout'))).toMatchObject({ code: 'not-a-regular-file' });
    execFileSync('mkfifo', [join(trial.logPath, 'stderr')]);
    expect(await refusal(openTrialFile(trial, 'stderr'))).toMatchObject({ code: 'not-a-regular-file' });
  });

  it('refuses to stream the same opened file twice', async () => {
    const file = await openTrialFile(trialWith({ stdout: 'x' }), 'stdout');
    await readAll(file.stream());
    expect(() => file.stream()).toThrow(expect.objectContaining({ code: 'stream-taken' }));
  });
});

describe.runIf(canCountOpenFiles)('openTrialFile releases the file descriptor', () => {
  const big = (): { logPath: string; trialJobId: string } => trialWith({ stdout: Buffer.alloc(8 * TRIAL_FILE_CHUNK_BYTES) });

  it('when the stream is read to its end', async () => {
    const trial = big();
    const path = join(trial.logPath, 'stdout');
    const file = await openTrialFile(trial, 'stdout');
    expect(openDescriptorsOn(path)).toBe(1);
    await readAll(file.stream());
    expect(openDescriptorsOn(path)).toBe(0);
  });

  it('when the reader cancels after the first chunk', async () => {
    const trial = big();
    const path = join(trial.logPath, 'stdout');
    const reader = (await openTrialFile(trial, 'stdout')).stream().getReader();
    expect((await reader.read()).value?.length).toBe(TRIAL_FILE_CHUNK_BYTES);
    await reader.cancel();
    expect(openDescriptorsOn(path)).toBe(0);
  });

  it('when it is closed without being streamed, twice', async () => {
    const trial = big();
    const file = await openTrialFile(trial, 'stdout');
    await file.close();
    await file.close();
    expect(openDescriptorsOn(join(trial.logPath, 'stdout'))).toBe(0);
  });
});
