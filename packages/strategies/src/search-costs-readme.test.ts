// Runs the cost-pruning example of packages/strategies/README.md, so that it keeps working.
import { expect, it } from 'vitest';
import { Categorical, MutableDict, NasBench201Space, modelCosts } from '@archspace/mutables';
import { LocalSearch } from './local-search.js';
import { NasBench201Benchmark } from './nasbench201-benchmark.js';
import { search } from './search.js';
import { sharedData } from './test-data.js';

const nb201 = sharedData('nasbench201/nb201.csv');

it.skipIf(!nb201.present)('runs the cost-pruning example (skipped when ../shared/data/nasbench201 is absent)', async () => {
  const space = NasBench201Space.create();
  const bench = NasBench201Benchmark.fromCsv(nb201.path);
  const result = await search(space, (sample) => ({ signal: bench.query(sample).signal }), new LocalSearch(), { maxTrials: 50 }, {
    progress: false,
    objectives: [{ name: 'signal', direction: 'maximize' }],
    constraints: [{ name: 'flops', max: 50e6 }],
    costs: modelCosts(space, [[null, 3, 32, 32]]),
  });
  const pruned = result.trials.filter((t) => t.outcome.status === 'pruned');
  expect(result.trials.length - pruned.length).toBe(50);
  expect(pruned.length).toBeGreaterThan(10);
  for (const trial of pruned) expect(bench.query(trial.sample).flopsM.cifar10).toBeGreaterThan(50);
  expect(bench.query(result.best!.sample).flopsM.cifar10).toBeLessThanOrEqual(50);
});

it('runs the "strategies that see the costs" example: the best sample uses the bound', async () => {
  const space = new MutableDict({ width: new Categorical([8, 16, 32, 64, 128], { label: 'width' }), depth: new Categorical([1, 2, 3, 4], { label: 'depth' }) });
  const size = (s: Record<string, unknown>) => (s['width'] as number) * (s['depth'] as number);
  const result = await search(space, (s) => ({ accuracy: Math.log(size(s)) }), new LocalSearch({ initialSamples: 6 }), { maxTrials: 12 }, {
    progress: false,
    objectives: [{ name: 'accuracy', direction: 'maximize' }],
    constraints: [{ name: 'size', max: 200 }],
    costs: (s) => ({ size: size(s) }),
  });
  expect(size(result.best!.sample)).toBeLessThanOrEqual(200);
  expect(size(result.best!.sample)).toBe(192); // 64 × 3, the largest size within the bound
});
