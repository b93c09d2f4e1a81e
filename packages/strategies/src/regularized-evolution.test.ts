import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { RegularizedEvolution, type RegularizedEvolutionOptions } from './regularized-evolution.js';
import { sampleKey } from './sample-key.js';
import type { Direction, Outcome, StrategySession } from './strategy.js';

/** `labels` decisions of `values` values each: a small space whose random samples rarely repeat. */
function space(labels: number, values: number): MutableDict {
  const entries = Array.from({ length: labels }, (_, i) => [`d${i}`, new Categorical(Array.from({ length: values }, (_, v) => v), { label: `d${i}` })] as const);
  return new MutableDict(Object.fromEntries(entries));
}

/** A value per trial, distinct for distinct trials (a bijective hash of the id onto [0, 1)). */
function valueOf(id: number): number {
  return (Math.imul(id + 1, 0x9e3779b1) >>> 0) / 2 ** 32;
}

/** A member of the population as the test tracks it: what was told, in the order it was told. */
interface Member {
  readonly sample: Sample;
  readonly score: number;
}

/** How many labels two samples disagree on. */
function distance(a: Sample, b: Sample): number {
  return Object.keys(a).filter((label) => a[label] !== b[label]).length;
}

/** n choose k (0 when k > n), exactly enough for the small numbers here. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 0; i < k; i++) out = (out * (n - i)) / (i + 1);
  return out;
}

/**
 * The probability that a tournament of `size` distinct members drawn uniformly from `population`
 * has its best member (by score, scores distinct) among those whose sample is `key`.
 */
function parentProbability(population: readonly Member[], size: number, key: string): number {
  const k = Math.min(size, population.length);
  let p = 0;
  for (const member of population) {
    if (sampleKey(member.sample) !== key) continue;
    const below = population.filter((m) => m.score < member.score).length;
    p += choose(below, k - 1) / choose(population.length, k);
  }
  return p;
}

/**
 * Runs a session one trial at a time, telling `outcome(id)`, and keeps the population the test
 * expects: every succeeded trial in the order told, the oldest dropped beyond `populationSize`.
 * `check` sees each proposal after the initial population, with the population it was made from.
 */
function evolve(
  options: RegularizedEvolutionOptions & { populationSize: number },
  trials: number,
  outcome: (id: number) => Outcome,
  check: (sample: Sample, population: readonly Member[], session: StrategySession) => void,
  { seed = 1, direction = 'maximize' as Direction, labels = 3, values = 10 } = {},
): StrategySession {
  const session = new RegularizedEvolution(options).start({ space: space(labels, values), rng: createRng(seed), direction });
  const population: Member[] = [];
  for (let i = 0; i < trials; i++) {
    const proposal = session.ask();
    expect(proposal).toBeDefined();
    if (i >= options.populationSize && population.length > 0) check(proposal!.sample, population, session);
    const told = outcome(proposal!.id);
    session.tell(proposal!.id, told);
    if (told.status === 'succeeded') {
      population.push({ sample: proposal!.sample, score: direction === 'maximize' ? told.value : -told.value });
      if (population.length > options.populationSize) population.shift();
    }
  }
  return session;
}

const best = (population: readonly Member[]) => population.reduce((a, b) => (b.score > a.score ? b : a));

describe('RegularizedEvolution', () => {
  it('when the tournament is the whole population, every child copies its best member (aging FIFO, failures left out)', () => {
    for (const direction of ['maximize', 'minimize'] as const) {
      let children = 0;
      evolve(
        { populationSize: 6, sampleSize: 6, mutationProb: 0, dedup: false },
        300,
        (id) => (id % 7 === 3 ? { status: 'failed', error: 'boom' } : { status: 'succeeded', value: valueOf(id) }),
        (sample, population) => {
          expect(sampleKey(sample)).toBe(sampleKey(best(population).sample));
          children++;
        },
        { direction },
      );
      expect(children).toBe(294);
    }
  });

  it('the initial population is populationSize random samples; the oldest member leaves first, even the best', () => {
    // Three members scored 100, 1 and 2, then every child scores below all of them.
    const scores = [100, 1, 2, 0, -1, -2, -3];
    const session = new RegularizedEvolution({ populationSize: 3, sampleSize: 3, mutationProb: 0, dedup: false }).start({
      space: space(3, 10),
      rng: createRng(5),
      direction: 'maximize',
    });
    const proposals: Sample[] = [];
    for (const value of scores) {
      const p = session.ask()!;
      proposals.push(p.sample);
      session.tell(p.id, { status: 'succeeded', value });
    }
    const key = proposals.map(sampleKey);
    expect(new Set(key.slice(0, 3)).size).toBe(3);
    // Child 0: best of {100, 1, 2} is member 0. Then member 0 (score 100) ages out:
    expect(key[3]).toBe(key[0]);
    // child 1 from {1, 2, 0}: member 2; child 2 from {2, 0, -1}: member 2 again;
    expect(key[4]).toBe(key[2]);
    expect(key[5]).toBe(key[2]);
    // child 3 from {0, -1, -2}: child 0, a copy of member 0.
    expect(key[6]).toBe(key[0]);
  });

  it('a smaller tournament picks the best of the members it draws: never one of the sampleSize − 1 worst, the best as often as chance says', () => {
    const populationSize = 10;
    const sampleSize = 3;
    let children = 0;
    let parentIsBest = 0;
    let expectedBest = 0;
    let variance = 0;
    // Many short searches, so that every tournament draws from distinct random members (a long one
    // with mutationProb 0 fills up with copies of one sample).
    for (let seed = 0; seed < 200; seed++) {
      evolve(
        { populationSize, sampleSize, mutationProb: 0, dedup: false },
        populationSize + 5,
        (id) => ({ status: 'succeeded', value: valueOf(id * 7919 + seed) }),
        (sample, population) => {
          children++;
          // Possible only as the best of some sampleSize members.
          expect(parentProbability(population, sampleSize, sampleKey(sample))).toBeGreaterThan(0);
          const top = sampleKey(best(population).sample);
          const p = parentProbability(population, sampleSize, top);
          expectedBest += p;
          variance += p * (1 - p);
          if (sampleKey(sample) === top) parentIsBest++;
        },
        { seed },
      );
    }
    console.log(`REA tournament: parent was the population's best ${parentIsBest} times in ${children}, chance says ${expectedBest.toFixed(1)} ± ${Math.sqrt(variance).toFixed(1)}`);
    expect(Math.abs(parentIsBest - expectedBest)).toBeLessThan(4 * Math.sqrt(variance));
  });

  it('mutation starts from the best member: a child differs from it in about mutationProb of its decisions', () => {
    const labels = 20;
    const values = 5;
    const mutationProb = 0.1;
    const distances: number[] = [];
    evolve(
      { populationSize: 8, sampleSize: 8, mutationProb, dedup: false },
      400,
      (id) => ({ status: 'succeeded', value: valueOf(id) }),
      (sample, population) => {
        const d = distance(sample, best(population).sample);
        expect(d).toBeLessThanOrEqual(8);
        distances.push(d);
      },
      { seed: 3, labels, values },
    );
    // Each decision is redrawn with probability 0.1 and then differs with probability 4/5.
    const mean = distances.reduce((a, b) => a + b, 0) / distances.length;
    const expected = labels * mutationProb * (1 - 1 / values);
    console.log(`REA mutation: a child differs from the best member in ${mean.toFixed(2)} decisions on average (expected ${expected})`);
    expect(mean).toBeGreaterThan(expected * 0.6);
    expect(mean).toBeLessThan(expected * 1.4);
  });

  it('keeps exactly populationSize members: the parent is always the best of the last populationSize told', () => {
    for (const populationSize of [1, 2, 5, 9]) {
      evolve(
        { populationSize, sampleSize: populationSize, mutationProb: 0, dedup: false },
        200,
        (id) => ({ status: 'succeeded', value: valueOf(id) }),
        (sample, population) => {
          expect(population).toHaveLength(populationSize);
          expect(sampleKey(sample)).toBe(sampleKey(best(population).sample));
        },
        { seed: populationSize },
      );
    }
  });
});
