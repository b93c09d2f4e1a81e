/**
 * Pareto local search's `modelCandidates`: with known costs holding every objective but one and the
 * additive model on, each step also scores random samples not proposed yet by the model and proposes
 * the best when it beats the explored member's best neighbour. Such proposals can lie far from every
 * earlier trial (a neighbour is one decision away, a swap two); with the option at 0 none does before
 * a kick. Where local moves alone already find nearly the whole front (the toy score here), they
 * cost a bounded share of the hypervolume; their gain is measured on NAS-Bench-201 by the benches.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample } from '@archspace/mutables';
import { hypervolume } from './hypervolume.js';
import { LocalSearch, type LocalSearchOptions } from './local-search.js';
import { sampleKey } from './sample-key.js';
import { search } from './search.js';
import type { Direction } from './strategy.js';

const DIRECTIONS: Direction[] = ['maximize', 'minimize'];
const space = new MutableDict(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4], { label: `d${i}` })])));
const values = (s: Sample) => Object.values(s) as number[];
/** A cost that grows with the values, and an accuracy that grows with them unevenly with a penalty for 0s (additive), plus an interaction of two decisions. */
const cost = (s: Sample) => values(s).reduce((a, x, i) => a + x * (1 + (i % 3)), 0);
const additiveAccuracy = (s: Sample) => values(s).reduce((a, x, i) => a + Math.sqrt(x) * (1 + ((i * 7) % 4)) - (x === 0 ? 2 : 0), 0);
const accuracy = (s: Sample) => additiveAccuracy(s) + ((values(s)[0]! * 13 + values(s)[3]! * 5) % 7) / 3;
const objectives = [{ name: 'accuracy', direction: 'maximize' as const }, { name: 'cost', direction: 'minimize' as const }];
const knownCost = (s: Sample) => ({ cost: Object.keys(s).length > 0 ? cost(s) : 0 });

async function run(seed: number, trials: number, options: LocalSearchOptions, score = accuracy): Promise<Sample[]> {
  const result = await search(space, (s) => ({ accuracy: score(s) }), new LocalSearch(options), { maxTrials: trials }, { seed, progress: false, objectives, costs: knownCost });
  return result.trials.map((t) => t.sample);
}

const distance = (a: Sample, b: Sample) => Object.keys(a).filter((label) => a[label] !== b[label]).length;
/** Proposals after the initial ten that lie three or more decisions from every earlier trial. */
const farProposals = (samples: readonly Sample[]) => samples.slice(10).filter((s, i) => Math.min(...samples.slice(0, i + 10).map((t) => distance(s, t))) >= 3).length;

describe('LocalSearch modelCandidates (several objectives, known costs)', () => {
  it('defaults to 100, accepts 0, and refuses anything but an integer ≥ 0, naming it', () => {
    expect(new LocalSearch().options.modelCandidates).toBe(100);
    expect(new LocalSearch({ modelCandidates: 0 }).options.modelCandidates).toBe(0);
    for (const bad of [-1, 1.5, Number.NaN, '3']) {
      expect(() => new LocalSearch({ modelCandidates: bad as never })).toThrow(/modelCandidates must be an integer ≥ 0, got/);
    }
  });

  it('proposes samples far from every earlier trial only when on, never one twice, and repeats under a seed', async () => {
    let on = 0;
    let off = 0;
    for (const seed of [1, 2, 3, 4]) {
      const samples = await run(seed, 80, {});
      on += farProposals(samples);
      off += farProposals(await run(seed, 80, { modelCandidates: 0 }));
      const keys = samples.map(sampleKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect((await run(seed, 80, {})).map(sampleKey)).toEqual(keys);
    }
    // Measured over these 4 seeds: 21 far proposals with the default; none without (no run kicks within 80 trials).
    expect(off).toBe(0);
    expect(on).toBeGreaterThanOrEqual(10);
  });

  it('costs a bounded share of the hypervolume where local moves alone find nearly the whole front (10 seeds, 100 of 15,625 samples)', async () => {
    const reference = [0, 60];
    const volume = (samples: readonly Sample[]) => hypervolume(samples.map((s) => [additiveAccuracy(s), cost(s)]), reference, DIRECTIONS);
    const best = volume([...space.grid()]);
    const gap = async (modelCandidates: number) => {
      let sum = 0;
      for (let seed = 0; seed < 10; seed++) sum += best - volume(await run(seed, 100, { modelCandidates }, additiveAccuracy));
      return sum / 10;
    };
    // Measured: 51.4 of 1,286.1 left with 100 model candidates, 42.3 with neighbours only (over 20
    // seeds 54.9 and 43.0; more candidates leave more: 30 left 51.5, 300 left 60.8, bench/quality-model-candidates-toy.ts). On NAS-Bench-201 they are a gain
    // (bench/quality-pareto-model.ts); here they are the price of leaving the neighbourhoods.
    const [withModel, neighboursOnly] = [await gap(100), await gap(0)];
    expect(withModel).toBeLessThan(1.4 * neighboursOnly);
  });
});
