/**
 * The kept `GET /metric-data/:job_id` body is always what the store holds: while a trial reports,
 * every look equals a fresh `metricData()`, for every type filter.
 */
import { expect, it } from 'vitest';
import { GridSearch } from '@archspace/strategies';
import { ExperimentManager } from './experiment-manager.js';
import { managerFixture } from './test-support/manager-fixture.js';

it('follows every metric a running trial adds', async () => {
  const fixture = managerFixture(`for (let i = 0; i < 15; i++) { out('PERIODICAL', i, i * x); await sleep(40); } out('FINAL', 0, x);`, { xs: [1, 2] });
  const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy: new GridSearch() });
  const done = manager.run();
  let looks = 0;
  const sizes = new Set<number>();
  const look = () => {
    for (const trial of fixture.store.listTrials()) {
      for (const type of [undefined, 'FINAL', 'PERIODICAL'] as const) {
        const options = { trialJobId: trial.trialJobId, ...(type !== undefined ? { type } : {}) };
        const kept = Buffer.from(manager.metricDataJson(options)).toString('utf8');
        expect(kept).toBe(JSON.stringify(manager.metricData(options)));
        if (type === undefined) sizes.add(manager.metricData(options).length);
        looks++;
      }
    }
  };
  const timer = setInterval(look, 15);
  expect(await done).toBe('DONE');
  clearInterval(timer);
  look();
  manager.close();
  expect(looks).toBeGreaterThan(20);
  // The looks saw the curves grow.
  expect(sizes.size).toBeGreaterThan(3);
}, 30_000);
