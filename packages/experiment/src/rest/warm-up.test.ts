/**
 * A server started with `warmUp` has answered its warm-up reads through its own socket before
 * `startRestServer` resolves (with the token where reads need one), and one started without it has
 * answered nothing.
 */
import { describe, expect, it } from 'vitest';
import { startRestServer } from './rest-server.js';
import { FakeManager } from './test-support/fake-manager.js';

/** A fake manager that counts `status()` calls (what `GET /check-status` asks). */
class CountingManager extends FakeManager {
  statusCalls = 0;
  override status() {
    this.statusCalls++;
    return super.status();
  }
}

describe('startRestServer warm-up', () => {
  it('answers the warm-up reads before it resolves, and only when asked to', async () => {
    const warmed = new CountingManager();
    const server = await startRestServer(warmed, { warmUp: true });
    expect(warmed.statusCalls).toBe(1);
    await server.close();

    const cold = new CountingManager();
    const plain = await startRestServer(cold);
    expect(cold.statusCalls).toBe(0);
    await plain.close();
  });

  it('sends the token when reads need it', async () => {
    const manager = new CountingManager();
    const server = await startRestServer(manager, { warmUp: true, token: 'warm-token', publicReads: false });
    expect(manager.statusCalls).toBe(1);
    await server.close();
  });
});
