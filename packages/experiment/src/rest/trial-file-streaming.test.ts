import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTrialFile } from '../manager/trial-file.js';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';
import { canCountOpenFiles, openDescriptorsOn } from './test-support/open-file-descriptors.js';

const MiB = 1024 * 1024;
const root = mkdtempSync(join(tmpdir(), 'archspace-rest-trial-file-'));
const folderOf = (id: string): string => join(root, 'trials', id);
const bigFile = join(folderOf('trialA'), 'stdout');
const bigContent = Buffer.alloc(32 * MiB);
for (let i = 0; i < bigContent.length; i += 4096) bigContent.write(`line ${i}\n`, i);

let server: RestServer;
beforeAll(async () => {
  mkdirSync(folderOf('trialA'), { recursive: true });
  mkdirSync(folderOf('trialB'), { recursive: true });
  writeFileSync(bigFile, bigContent);
  symlinkSync('/etc/hostname', join(folderOf('trialB'), 'stdout'));
  const manager = new FakeManager();
  // The manager's own trialFile, over real folders: find the trial, open its file.
  manager.trialFile = async (trialJobId, filename) => {
    manager.getTrialJob(trialJobId);
    return openTrialFile({ trialJobId, logPath: folderOf(trialJobId) }, filename);
  };
  server = await startRestServer(manager);
});
afterAll(() => server.close());

const fileUrl = (id: string, name: string): string => `${server.url}/api/v1/nni/trial-file/${id}/${name}`;

describe('GET /trial-file streams the file from disk', () => {
  it('with its length, byte for byte', async () => {
    const res = await fetch(fileUrl('trialA', 'stdout'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bigContent.length));
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bigContent)).toBe(true);
    if (canCountOpenFiles) await vi.waitFor(() => expect(openDescriptorsOn(bigFile)).toBe(0));
  });

  it('HEAD gives the length without the body and leaves no file open', async () => {
    const res = await fetch(fileUrl('trialA', 'stdout'), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bigContent.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    if (canCountOpenFiles) expect(openDescriptorsOn(bigFile)).toBe(0);
  });

  it('a missing file is 404, a link out of the trial folder 403, an unknown trial 404', async () => {
    const missing = await fetch(fileUrl('trialA', 'stderr'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'file-not-found' } });
    const outside = await fetch(fileUrl('trialB', 'stdout'));
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ error: { code: 'file-outside-trial-folder' } });
    expect((await fetch(fileUrl('nope', 'stdout'))).status).toBe(404);
  });

  it.runIf(canCountOpenFiles)('closes the file when the client hangs up mid-download', async () => {
    expect(openDescriptorsOn(bigFile)).toBe(0);
    const firstChunk = new Promise<{ destroy: () => void; received: number }>((resolve, reject) => {
      const req = request(fileUrl('trialA', 'stdout'), (res) => {
        res.once('data', (chunk: Buffer) => {
          res.pause();
          resolve({ destroy: () => req.destroy(), received: chunk.length });
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
      req.end();
    });
    const download = await firstChunk;
    expect(download.received).toBeLessThan(bigContent.length);
    expect(openDescriptorsOn(bigFile)).toBe(1);
    download.destroy();
    await vi.waitFor(() => expect(openDescriptorsOn(bigFile)).toBe(0));
  });

  it.runIf(canCountOpenFiles)('leaves no file open after many downloads cut at once', async () => {
    const cuts = Array.from({ length: 20 }, () =>
      new Promise<void>((resolve) => {
        const req = request(fileUrl('trialA', 'stdout'), (res) => res.once('data', () => (req.destroy(), resolve())));
        req.on('error', () => undefined);
        req.end();
      }),
    );
    await Promise.all(cuts);
    await vi.waitFor(() => expect(openDescriptorsOn(bigFile)).toBe(0));
  });
});
