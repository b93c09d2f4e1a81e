/**
 * `GET /trials` follows the config's objectives: each row carries its objectives' values from the
 * final result (null where not reported), `sort=objective:<name>` sorts by one server-side with the
 * trials lacking it last in either order, and an unknown name is a 400 naming the allowed ones.
 * Objective names are data: `__proto__` and `constructor` work like any other. Without objectives,
 * rows carry no `objectives` and `objective:<name>` is refused.
 */
import { Random } from '@archspace/strategies';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentManager } from '../manager/experiment-manager.js';
import type { ExperimentObjectives } from '../manager/objective-outcome.js';
import { managerFixture } from '../manager/test-support/manager-fixture.js';
import { createRestApp } from './rest-app.js';

const GOALS: ExperimentObjectives = {
  objectives: [
    { name: 'accuracy', direction: 'maximize' },
    { name: '__proto__', direction: 'minimize' },
    { name: 'constructor', direction: 'minimize' },
  ],
  constraints: [],
};

/** Final results by trial, in sequence order: `tC` lacks `__proto__`, `tD` reports a plain number, `tE` none. */
const FINALS: readonly (readonly [string, string | undefined])[] = [
  ['tA', '{"default":0.9,"accuracy":0.9,"__proto__":30,"constructor":2}'],
  ['tB', '{"default":0.7,"accuracy":0.7,"__proto__":10,"constructor":3}'],
  ['tC', '{"default":0.8,"accuracy":0.8,"constructor":1}'],
  ['tD', '0.95'],
  ['tE', undefined],
];

function appWith(goals: ExperimentObjectives | undefined) {
  const fixture = managerFixture('', { sqlite: true, settings: { maxTrialNumber: 20, ...(goals ? { goals } : {}) } });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new Random() });
  FINALS.forEach(([id, final], i) => {
    fixture.store.insertTrial({ trialJobId: id, sequenceId: i, status: final === undefined ? 'RUNNING' : 'SUCCEEDED', parameterId: i, parameters: { x: 1 }, sample: { x: 1 } });
    if (final !== undefined) fixture.store.insertMetric({ trialJobId: id, parameterId: i, type: 'FINAL', sequence: 0, timestamp: 1, data: final });
  });
  const app = createRestApp(manager, { publicReads: true, onError: (e) => { throw e; } });
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const res = await app.request(`/api/v1/archspace${path}`);
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return { get, close: () => manager.close() };
}

const withGoals = appWith(GOALS);
const without = appWith(undefined);
afterAll(() => {
  withGoals.close();
  without.close();
});

const ids = async (q: string) => ((await withGoals.get(`/trials?${q}`)).body.trials as { trialJobId: string }[]).map((t) => t.trialJobId);

describe('GET /trials when the config names objectives', () => {
  it("gives each row its objectives' values in the config's order, null where not reported", async () => {
    const { body } = await withGoals.get('/trials');
    expect(body.trials.map((t: { objectives: unknown }) => t.objectives)).toEqual([
      [0.9, 30, 2],
      [0.7, 10, 3],
      [0.8, null, 1],
      [null, null, null],
      [null, null, null],
    ]);
    expect(body.trials[0].metric).toBe(0.9);
  });

  it('sorts by any objective, trials without its value last in either order', async () => {
    expect(await ids('sort=objective:accuracy&order=desc')).toEqual(['tA', 'tC', 'tB', 'tD', 'tE']);
    expect(await ids('sort=objective:accuracy&order=asc')).toEqual(['tB', 'tC', 'tA', 'tD', 'tE']);
    expect(await ids('sort=objective:__proto__&order=asc')).toEqual(['tB', 'tA', 'tC', 'tD', 'tE']);
    expect(await ids('sort=objective:__proto__&order=desc')).toEqual(['tA', 'tB', 'tC', 'tD', 'tE']);
    expect(await ids('sort=objective:constructor')).toEqual(['tC', 'tA', 'tB', 'tD', 'tE']);
  });

  it('pages a sorted listing across the trials without a value', async () => {
    expect(await ids('sort=objective:__proto__&order=desc&offset=1&limit=2')).toEqual(['tB', 'tC']);
    expect(await ids('sort=objective:__proto__&offset=3&limit=5')).toEqual(['tD', 'tE']);
  });

  it('refuses an unknown objective with a 400 naming the allowed ones', async () => {
    for (const name of ['flops', 'default', 'toString', '']) {
      const { status, body } = await withGoals.get(`/trials?sort=objective:${encodeURIComponent(name)}`);
      expect(status, name).toBe(400);
      expect(body.error.path).toEqual(['query', 'sort']);
      expect(body.error.message).toContain('"sort"');
      expect(body.error.message).toContain('objective:<name>');
      expect(body.error.expected).toContain('"accuracy", "__proto__", "constructor"');
    }
  });
});

describe('GET /trials when the config names no objectives', () => {
  it('gives rows as before, without objectives', async () => {
    const { body } = await without.get('/trials?sort=metric&order=desc');
    expect(body.trials.map((t: { trialJobId: string }) => t.trialJobId)).toEqual(['tD', 'tA', 'tC', 'tB', 'tE']);
    for (const trial of body.trials) expect(Object.hasOwn(trial, 'objectives')).toBe(false);
  });

  it('refuses objective:<name>, saying the config names none', async () => {
    const { status, body } = await without.get('/trials?sort=objective:accuracy');
    expect(status).toBe(400);
    expect(body.error.path).toEqual(['query', 'sort']);
    expect(body.error.message).toMatch(/names none/);
  });
});

describe('GET /overview', () => {
  it('names the objectives only when the config does', async () => {
    expect((await withGoals.get('/overview')).body.objectives).toEqual(GOALS.objectives);
    expect(Object.hasOwn((await without.get('/overview')).body, 'objectives')).toBe(false);
  });
});
