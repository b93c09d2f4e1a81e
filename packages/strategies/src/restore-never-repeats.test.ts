import { expect, it } from 'vitest';
import { Categorical, MutableDict, createRng } from '@archspace/mutables';
import { Anneal } from './anneal.js';
import { GridSearch } from './grid-search.js';
import { NaiveEvolution } from './naive-evolution.js';
import { PolicyBasedRL } from './policy-based-rl.js';
import { Random } from './random.js';
import { LocalSearch } from './local-search.js';
import { NSGA2 } from './nsga2.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import { sampleKey } from './sample-key.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const space = new MutableDict({ a: new Categorical([0, 1, 2, 3], { label: 'a' }), b: new Categorical([0, 1, 2, 3, 4], { label: 'b' }) });
const value = (s: Record<string, unknown>) => (s['a'] as number) * 10 + (s['b'] as number);

it.each([
  ['Random', () => new Random()],
  ['GridSearch', () => new GridSearch()],
  ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 2, mutationProb: 0.5 })],
  ['LocalSearch', () => new LocalSearch({ initialSamples: 2 })],
  ['LocalSearch with restarts', () => new LocalSearch({ initialSamples: 2, restartDistance: 2 })],
  ['LocalSearch with a balanced start', () => new LocalSearch({ initialSamples: 5, balancedStart: true })],
  ['NSGA2', () => new NSGA2({ populationSize: 3 })],
  ['TPE', () => new TPE({ nStartupJobs: 3 })],
  ['PolicyBasedRL', () => new PolicyBasedRL()],
  ['Anneal', () => new Anneal()],
  ['NaiveEvolution', () => new NaiveEvolution({ populationSize: 4 })],
] as [string, () => Strategy][])('%s, resumed from restored trials, never proposes a restored sample again and exhausts the rest', (_name, make) => {
  const first = make().start({ space, rng: createRng(1), direction: 'maximize' });
  const history = [];
  for (let i = 0; i < 8; i++) {
    const p = first.ask()!;
    const outcome = { status: 'succeeded' as const, value: value(p.sample) };
    first.tell(p.id, outcome);
    history.push({ sample: p.sample, outcome });
  }
  const resumed = make().start({ space, rng: createRng(2), direction: 'maximize' });
  resumed.restore(history);
  expect(resumed.trials).toHaveLength(8);
  const restored = new Set(history.map((h) => sampleKey(h.sample)));
  const fresh: string[] = [];
  for (let p = resumed.ask(); p !== undefined; p = resumed.ask()) {
    const key = sampleKey(p.sample);
    expect(restored.has(key)).toBe(false);
    fresh.push(key);
    resumed.tell(p.id, { status: 'succeeded', value: value(p.sample) });
  }
  expect(new Set(fresh).size).toBe(fresh.length);
  expect(fresh.length + restored.size).toBe(space.size);
});

it.each([
  ['Random', () => new Random()],
  ['GridSearch', () => new GridSearch()],
  ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 2, mutationProb: 0.5 })],
  ['LocalSearch', () => new LocalSearch({ initialSamples: 2 })],
  ['LocalSearch with restarts', () => new LocalSearch({ initialSamples: 2, restartDistance: 2 })],
  ['LocalSearch with a balanced start', () => new LocalSearch({ initialSamples: 5, balancedStart: true })],
  ['TPE', () => new TPE({ nStartupJobs: 3 })],
  ['PolicyBasedRL', () => new PolicyBasedRL()],
  ['Anneal', () => new Anneal()],
  ['NaiveEvolution', () => new NaiveEvolution({ populationSize: 4 })],
] as [string, () => Strategy][])('%s: a restored trial without an outcome stays pending, is never re-proposed, and takes its outcome later exactly once', (_name, make) => {
  const first = make().start({ space, rng: createRng(3), direction: 'maximize' });
  const done = first.ask()!;
  const unfinished = first.ask()!;
  const resumed = make().start({ space, rng: createRng(4), direction: 'maximize' });
  const proposals = resumed.restore([
    { sample: done.sample, outcome: { status: 'succeeded', value: 1 } },
    { sample: unfinished.sample },
  ]);
  expect(proposals.map((p) => p.sample)).toEqual([done.sample, unfinished.sample]);
  expect(resumed.pending()).toEqual([proposals[1]]);
  const next = resumed.ask();
  if (next !== undefined) expect([sampleKey(done.sample), sampleKey(unfinished.sample)]).not.toContain(sampleKey(next.sample));
  resumed.tell(proposals[1]!.id, { status: 'succeeded', value: 2 });
  expect(() => resumed.tell(proposals[1]!.id, { status: 'succeeded', value: 2 })).toThrow(/already has an outcome/);
  expect(() => resumed.tell(proposals[0]!.id, { status: 'succeeded', value: 1 })).toThrow(/already has an outcome/);
});
