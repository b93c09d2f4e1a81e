/**
 * Which archive member Pareto local search explores (`explore`): by default the one with the largest
 * exclusive hypervolume contribution against a reference point `referenceMargin` ranges beyond the
 * worst told values; with a canonical key it never proposes one network twice, whichever member it
 * explores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { LocalSearch, type LocalSearchOptions } from './local-search.js';
import type { ParetoLocalSearchSession } from './pareto-local-search.js';
import type { Direction } from './strategy.js';

const DIRECTIONS: Direction[] = ['maximize', 'minimize'];
const space = new MutableDict(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3], { label: `d${i}` })])));
const values = (s: Sample) => Object.values(s) as number[];
const objectives = (s: Sample): [number, number] => {
  const v = values(s);
  return [v.reduce((a, x, i) => a + Math.sqrt(x) * (1 + (i % 2)), 0), v.reduce((a, x, i) => a + x * (i < 2 ? 1 : 2), 0)];
};
const start = (options: LocalSearchOptions, seed: number) =>
  new LocalSearch(options).start({ space, rng: createRng(seed), direction: 'maximize', objectives: DIRECTIONS }) as ParetoLocalSearchSession;
const differences = (a: Sample, b: Sample) => Object.keys(a).filter((k) => a[k] !== b[k]).length;

describe('LocalSearch explore (several objectives)', () => {
  it('measures each member against a reference point referenceMargin told ranges beyond the worst values', () => {
    const a = { d0: 0, d1: 0, d2: 0, d3: 0, d4: 1 };
    const b = { d0: 0, d1: 0, d2: 0, d3: 0, d4: 2 };
    const c = { d0: 0, d1: 0, d2: 0, d3: 0, d4: 3 };
    const told = [[a, 1, 1], [b, 2, 2], [c, 0, 5]] as const;
    const session = (margin: number) => {
      const s = start({ referenceMargin: margin }, 0);
      s.restore(told.map(([sample, x, y]) => ({ sample, outcome: { status: 'succeeded', value: x, objectives: [x, y] } })));
      return s;
    };
    // Ranges 0–2 and 1–5: the reference (−2, 9) with margin 1; boxes 3·8 and 4·7 overlap in 3·7.
    expect(session(1).archive).toEqual([a, b]);
    expect(session(1).contributions).toEqual([3, 7]);
    // With margin 0 the reference is the worst told values (0, 5): boxes 1·4 and 2·3 overlap in 1·3.
    expect(session(0).contributions!.map((v) => Number(v.toFixed(6)))).toEqual([1, 3]);
  });

  it('with exploreDecay 0, proposes a neighbour of the member with the largest contribution (the oldest among equals) while it has untried ones', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 10, max: 60 }), (seed, told) => {
        const session = start({ exploreDecay: 0 }, seed);
        for (let i = 0; i < told; i++) {
          const p = session.ask()!;
          const o = objectives(p.sample);
          session.tell(p.id, { status: 'succeeded', value: o[0], objectives: o });
        }
        const contributions = session.contributions!;
        const member = session.archive[contributions.indexOf(Math.max(...contributions))]!;
        const proposed = new Set(session.trials.map((t) => JSON.stringify(t.proposal.sample)));
        const untried = [...space.grid()].filter((s) => differences(s, member) === 1 && !proposed.has(JSON.stringify(s)));
        const next = session.ask()!;
        if (untried.length > 0) expect(differences(next.sample, member)).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('by default (the share discounted by the neighbours proposed from a member), proposes a neighbour of some member while one has untried ones, and not always of the largest share', () => {
    let elsewhere = 0;
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 10, max: 60 }), (seed, told) => {
        const session = start({}, seed);
        for (let i = 0; i < told; i++) {
          const p = session.ask()!;
          const o = objectives(p.sample);
          session.tell(p.id, { status: 'succeeded', value: o[0], objectives: o });
        }
        const contributions = session.contributions!;
        const largest = session.archive[contributions.indexOf(Math.max(...contributions))]!;
        const proposed = new Set(session.trials.map((t) => JSON.stringify(t.proposal.sample)));
        const open = session.archive.filter((m) => [...space.grid()].some((s) => differences(s, m) === 1 && !proposed.has(JSON.stringify(s))));
        const next = session.ask()!;
        if (open.length > 0) expect(session.archive.some((m) => differences(next.sample, m) === 1)).toBe(true);
        const largestOpen = [...space.grid()].some((s) => differences(s, largest) === 1 && !proposed.has(JSON.stringify(s)));
        if (largestOpen && differences(next.sample, largest) !== 1) elsewhere++;
      }),
      { numRuns: 60, seed: 7 },
    );
    // The discount sends some picks past the member with the largest share while it has untried neighbours.
    expect(elsewhere).toBeGreaterThan(0);
  });

  it('never proposes two samples with the same canonical key, exploring by contribution or at random', () => {
    // Key: the multiset of values (samples that permute them are "the same network").
    const canonicalKey = (s: Sample) => values(s).sort().join(',');
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom<'contribution' | 'uniform'>('contribution', 'uniform'), fc.integer({ min: 1, max: 60 }), (seed, explore, trials) => {
        const session = start({ initialSamples: 3, explore, canonicalKey }, seed);
        const keys: string[] = [];
        for (let i = 0; i < trials; i++) {
          const p = session.ask();
          if (p === undefined) break;
          keys.push(canonicalKey(p.sample));
          const o = objectives(p.sample);
          session.tell(p.id, { status: 'succeeded', value: o[0], objectives: o });
        }
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 80 },
    );
  });

  it('has no contributions to go by while the archive holds only infeasible trials', () => {
    const session = start({}, 0);
    const p = session.ask()!;
    session.tell(p.id, { status: 'succeeded', value: 1, objectives: [1, 2], violation: 3 });
    expect(session.contributions).toBeUndefined();
  });
});
