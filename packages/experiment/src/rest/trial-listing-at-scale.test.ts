/**
 * `GET /trial-jobs` of many trials over real HTTP gives exactly the manager's listing, whichever way
 * the manager hands it over: fresh objects, frozen objects (whose JSON the REST layer may keep) or
 * ready JSON texts. Its speed is measured by the dashboard benchmark (`npm run bench -- dashboard`),
 * not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrialJobInfo } from '../records.js';
import { startRestServer, type RestServer } from './rest-server.js';
import { FakeManager, manyTrialJobs } from './test-support/fake-manager.js';

const COUNT = 20_000;

class ManyTrials extends FakeManager {
  constructor(readonly trials: readonly TrialJobInfo[]) {
    super();
  }
  override listTrialJobs(): readonly TrialJobInfo[] {
    return this.trials;
  }
}

/** A manager whose store keeps each trial's `TrialJobInfo` as JSON text (the optional fast path). */
class ManyTrialTexts extends ManyTrials {
  readonly texts: readonly string[];
  constructor(trials: readonly TrialJobInfo[]) {
    super(trials);
    this.texts = trials.map((t) => JSON.stringify(t));
  }
  listTrialJobsJson(): readonly string[] {
    return this.texts;
  }
}

const trials = manyTrialJobs(COUNT);
const frozenTrials = manyTrialJobs(COUNT, true);
const servers: Record<string, RestServer> = {};
beforeAll(async () => {
  servers['fresh objects'] = await startRestServer(new ManyTrials(trials));
  servers['frozen objects'] = await startRestServer(new ManyTrials(frozenTrials));
  servers['JSON texts'] = await startRestServer(new ManyTrialTexts(trials));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe(`GET /trial-jobs with ${COUNT.toLocaleString('en')} trials`, () => {
  for (const name of ['fresh objects', 'frozen objects', 'JSON texts']) {
    it(`gives exactly the listing, from ${name}, twice`, async () => {
      const expected = JSON.stringify(name === 'frozen objects' ? frozenTrials : trials);
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${servers[name]!.url}/api/v1/nni/trial-jobs`);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const text = await response.text();
        expect(text.length).toBe(expected.length);
        expect(text === expected).toBe(true);
      }
    });
  }
});
