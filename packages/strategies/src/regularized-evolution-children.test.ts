/**
 * How regularized evolution makes a child, pinned with scripted coin flips: the tournament's winner is
 * the best member drawn (the oldest on a tie), each decision is redrawn when its flip is below
 * `mutationProb`, `alwaysMutate` redraws exactly one decision when no flip did, and crossover takes a
 * decision from the second parent when its flip is below 0.5. Categorical draws use `rng.int`, so
 * replacing `rng.next` scripts only those flips.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Rng, type Sample, createRng } from '@archspace/mutables';
import { RegularizedEvolution, type RegularizedEvolutionOptions } from './regularized-evolution.js';
import type { StrategySession } from './strategy.js';

const LABELS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];

function space(): MutableDict {
  return new MutableDict(Object.fromEntries(LABELS.map((l) => [l, new Categorical(Array.from({ length: 50 }, (_, v) => v), { label: l })])));
}

/** An rng whose `next()` cycles through `flips` (everything else stays seeded). */
function scripted(seed: number, flips: readonly number[]): Rng {
  const rng = createRng(seed);
  let i = 0;
  rng.next = () => flips[i++ % flips.length]!;
  return rng;
}

/** The memos `space.random` is called with by the session (the decisions a child keeps). */
function spyMemos(s: MutableDict): Sample[] {
  const memos: Sample[] = [];
  const random = s.random.bind(s);
  s.random = (rng: Rng, memo?: Sample) => {
    if (memo !== undefined) memos.push({ ...memo });
    return random(rng, memo);
  };
  return memos;
}

/** Starts a session and tells the initial population the given scores, in order. */
function withPopulation(options: RegularizedEvolutionOptions, rng: Rng, scores: readonly number[], s = space()): { session: StrategySession; members: Sample[] } {
  const session = new RegularizedEvolution({ populationSize: scores.length, ...options }).start({ space: s, rng, direction: 'maximize' });
  const members: Sample[] = [];
  for (const score of scores) {
    const p = session.ask()!;
    members.push(p.sample);
    session.tell(p.id, { status: 'succeeded', value: score });
  }
  return { session, members };
}

function without(sample: Sample, labels: readonly string[]): Sample {
  return Object.fromEntries(Object.entries(sample).filter(([l]) => !labels.includes(l)));
}

function distance(a: Sample, b: Sample): number {
  return LABELS.filter((l) => a[l] !== b[l]).length;
}

describe('regularized evolution: mutation', () => {
  it('redraws exactly the decisions whose flip is below mutationProb (a flip equal to it keeps the decision)', () => {
    const s = space();
    const { session, members } = withPopulation({ sampleSize: 3, mutationProb: 0.5, dedup: false }, scripted(1, [0.5, 0.2, 0.9, 0.49, 0.7, 0.5]), [0.1, 0.9, 0.3], s);
    const memos = spyMemos(s);
    for (let i = 0; i < 8; i++) session.ask();
    expect(memos).toHaveLength(8);
    // The whole population is drawn, so the parent is the best member; d1 and d3 are redrawn.
    for (const memo of memos) expect(memo).toEqual(without(members[1]!, ['d1', 'd3']));
  });

  it('with alwaysMutate, redraws exactly one decision of a child no flip mutated, and none more when one did', () => {
    const s = space();
    const { session, members } = withPopulation({ sampleSize: 2, mutationProb: 0.5, alwaysMutate: true, dedup: false }, scripted(2, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.9, 0.9, 0.9, 0.9]), [0.8, 0.2], s);
    const memos = spyMemos(s);
    for (let i = 0; i < 10; i++) session.ask();
    const best = members[0]!;
    memos.forEach((memo, i) => {
      expect(Object.keys(memo)).toHaveLength(LABELS.length - 1);
      if (i % 2 === 1) expect(memo).toEqual(without(best, ['d1']));
      else for (const [label, value] of Object.entries(memo)) expect(value).toBe(best[label]);
    });
    // The one decision alwaysMutate redraws is not always the same.
    expect(new Set(memos.filter((_, i) => i % 2 === 0).map((m) => LABELS.find((l) => !(l in m)))).size).toBeGreaterThan(1);
  });

  it('without alwaysMutate, a child no flip mutated keeps every decision of its parent', () => {
    const s = space();
    const { session, members } = withPopulation({ sampleSize: 2, mutationProb: 0.5, dedup: false }, scripted(3, [0.9]), [0.2, 0.8], s);
    for (let i = 0; i < 5; i++) expect(session.ask()!.sample).toEqual(members[1]);
  });

  it('stores alwaysMutate and crossover as given', () => {
    expect(new RegularizedEvolution({ alwaysMutate: true, crossover: true }).options).toMatchObject({ alwaysMutate: true, crossover: true });
    expect(new RegularizedEvolution().options).toMatchObject({ alwaysMutate: false, crossover: false, dedup: true, populationSize: 100, sampleSize: 25, mutationProb: 0.05 });
  });
});

describe('regularized evolution: tournament', () => {
  it('picks the best of the drawn members, and the oldest of those tied for best', () => {
    const s = space();
    const { session, members } = withPopulation({ sampleSize: 4, mutationProb: 0, dedup: false }, createRng(4), [0.1, 0.7, 0.3, 0.7], s);
    for (let i = 0; i < 5; i++) expect(session.ask()!.sample).toEqual(members[1]);
    const min = withPopulation({ sampleSize: 3, mutationProb: 0, dedup: false }, createRng(4), [0.1, 0.7, 0.1], space());
    expect(min.session.ask()!.sample).toEqual(min.members[1]);
  });
});

describe('regularized evolution: crossover', () => {
  it('takes each decision from the second parent exactly when its flip is below 0.5', () => {
    // Flips: d0..d5 for crossover, then six for mutation (mutationProb 0 never mutates).
    const rng = scripted(5, [0.5, 0.49, 0, 0.99, 0.5, 0.2, 0, 0, 0, 0, 0, 0]);
    // Tournaments of one member: the first draws member 0 (the parent), the second member 1.
    let tournaments = 0;
    rng.sampleIndices = () => [tournaments++ % 2];
    const session = new RegularizedEvolution({ populationSize: 2, sampleSize: 1, mutationProb: 0, crossover: true, dedup: false }).start({ space: space(), rng, direction: 'maximize' });
    const parent: Sample = Object.fromEntries(LABELS.map((l) => [l, 0]));
    const other: Sample = Object.fromEntries(LABELS.map((l) => [l, 1]));
    session.restore([{ sample: parent, outcome: { status: 'succeeded', value: 0.5 } }, { sample: other, outcome: { status: 'succeeded', value: 0.6 } }]);
    for (let i = 0; i < 3; i++) expect(session.ask()!.sample).toEqual({ d0: 0, d1: 1, d2: 1, d3: 0, d4: 0, d5: 1 });
    expect(tournaments).toBe(6);
  });
});

describe('regularized evolution: deduplicated children', () => {
  it('proposes a child one decision away from the best member (mutationProb 0, alwaysMutate)', () => {
    const { session, members } = withPopulation({ sampleSize: 3, mutationProb: 0, alwaysMutate: true }, createRng(6), [0.2, 0.9, 0.4]);
    for (let i = 0; i < 4; i++) {
      const p = session.ask()!;
      expect(distance(p.sample, members[1]!)).toBe(1);
      session.tell(p.id, { status: 'failed' });
    }
  });

  it('tries 100 children before it falls back to an unseen random sample', () => {
    const s = space();
    const [seen, fresh, late] = [0, 1, 2].map((v) => Object.fromEntries(LABELS.map((l) => [l, v])) as Sample);
    let children = 0;
    // Children (drawn with a memo) repeat the one member 100 times, then would be new; plain draws are new.
    s.random = (_rng: Rng, memo?: Sample) => (memo === undefined ? fresh! : ++children <= 100 ? seen! : late!);
    const session = new RegularizedEvolution({ populationSize: 1, sampleSize: 1 }).start({ space: s, rng: createRng(8), direction: 'maximize' });
    session.restore([{ sample: seen!, outcome: { status: 'succeeded', value: 1 } }]);
    expect(session.ask()!.sample).toEqual(fresh);
    expect(children).toBe(100);
  });

  it('after the population, keeps proposing unseen random samples when every trial failed', () => {
    const session = new RegularizedEvolution({ populationSize: 2, sampleSize: 1 }).start({ space: space(), rng: createRng(7), direction: 'maximize' });
    for (let i = 0; i < 5; i++) {
      const p = session.ask();
      expect(p).toBeDefined();
      session.tell(p!.id, { status: 'failed', error: 'boom' });
    }
  });
});

describe('regularized evolution: options are refused with a RangeError naming them', () => {
  it.each([
    [{ populationSize: 0 }, 'populationSize must be an integer ≥ 1, got 0'],
    [{ populationSize: -2, sampleSize: 1 }, 'populationSize must be an integer ≥ 1, got -2'],
    [{ populationSize: 1.5, sampleSize: 1 }, 'populationSize must be an integer ≥ 1, got 1.5'],
    [{ populationSize: 10, sampleSize: 0 }, 'sampleSize must be an integer in [1, populationSize = 10], got 0'],
    [{ populationSize: 10, sampleSize: 2.5 }, 'sampleSize must be an integer in [1, populationSize = 10], got 2.5'],
    [{ populationSize: 10, sampleSize: 11 }, 'sampleSize must be an integer in [1, populationSize = 10], got 11'],
    [{ mutationProb: -0.01 }, 'mutationProb must be in [0, 1], got -0.01'],
    [{ mutationProb: 1.01 }, 'mutationProb must be in [0, 1], got 1.01'],
    [{ mutationProb: Number.NaN }, 'mutationProb must be in [0, 1], got NaN'],
  ] as const)('%o', (options, message) => {
    expect(() => new RegularizedEvolution(options)).toThrow(new RangeError(message));
  });

  it('accepts the bounds: sampleSize = populationSize, mutationProb 0 and 1', () => {
    expect(new RegularizedEvolution({ populationSize: 1, sampleSize: 1, mutationProb: 1 }).options).toMatchObject({ populationSize: 1, sampleSize: 1, mutationProb: 1 });
    expect(new RegularizedEvolution({ mutationProb: 0 }).options.mutationProb).toBe(0);
  });
});
