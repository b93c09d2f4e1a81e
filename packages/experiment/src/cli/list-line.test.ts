import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { STORE_FILE } from '../launch/launch-experiment.js';
import { acquireManagerLock } from '../manager/manager-lock.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { listLine } from './list-line.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-list-line-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('lists a store without an experiment as STARTING while a manager holds it, UNREADABLE otherwise', () => {
  const dir = join(root, 'starting');
  SqliteStore.open(join(dir, STORE_FILE)).close();
  expect(listLine('starting', dir)).toBe('starting  UNREADABLE  (the store holds no experiment)');
  const lock = acquireManagerLock(dir);
  try {
    expect(listLine('starting', dir)).toBe('starting  STARTING  (its manager is creating it)');
  } finally {
    lock.release();
  }
  expect(listLine('starting', dir)).toBe('starting  UNREADABLE  (the store holds no experiment)');
});
