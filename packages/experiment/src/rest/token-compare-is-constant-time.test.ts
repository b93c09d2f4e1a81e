import * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let server: RestServer;
beforeAll(async () => {
  server = await startRestServer(new FakeManager(), { token: 'the-real-token' });
});
afterAll(() => server.close());

describe('the token check', () => {
  it.each(['Bearer x', 'Bearer the-real-token-but-much-longer-than-the-real-one', 'Bearer the-real-token'])(
    'compares %j through timingSafeEqual on two equal-length digests, never with ===',
    async (authorization) => {
      const compare = vi.mocked(crypto.timingSafeEqual);
      compare.mockClear();
      await fetch(`${server.url}/api/v1/nni/experiment`, { method: 'DELETE', headers: { authorization } });
      expect(compare).toHaveBeenCalledTimes(1);
      const [given, expected] = compare.mock.calls[0]! as [Buffer, Buffer];
      expect(given.length).toBe(32);
      expect(expected.length).toBe(32);
    },
  );
});
