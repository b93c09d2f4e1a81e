/**
 * Children whose inherited decisions break a constraint are skipped, not thrown: crossing (1, 2)
 * with (2, 1) under `a ≠ b` can give (1, 1), which no redraw repairs when nothing is redrawn.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, ExpressionConstraint, MutableDict, createRng } from '@archspace/mutables';
import { NSGA2 } from './nsga2.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import type { Strategy } from './strategy.js';

function differentPair(): MutableDict {
  const a = new Categorical([1, 2, 3], { label: 'a' });
  const b = new Categorical([1, 2, 3], { label: 'b' });
  return new MutableDict({ a, b, rule: new ExpressionConstraint(a.ne(b), { label: 'rule' }) });
}

describe.each<[string, () => Strategy]>([
  ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 1, mutationProb: 0, crossover: true })],
  ['RegularizedEvolution without dedup', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 1, mutationProb: 0, crossover: true, dedup: false })],
  ['NSGA2', () => new NSGA2({ populationSize: 4, crossoverProb: 1, mutationProb: 0 })],
])('%s with crossover under a constraint', (_name, make) => {
  it('proposes only valid samples and never throws', () => {
    const space = differentPair();
    for (let seed = 0; seed < 30; seed++) {
      const session = make().start({ space, rng: createRng(seed), direction: 'maximize' });
      for (let i = 0; i < 12; i++) {
        const p = session.ask();
        if (p === undefined) break;
        expect(space.contains(p.sample)).toBe(true);
        session.tell(p.id, { status: 'succeeded', value: (p.sample['a'] as number) * 10 + (p.sample['b'] as number) });
      }
    }
  });
});

describe('RegularizedEvolution with a canonical key', () => {
  it('proposes one sample per key, and refuses a key that is not a function', () => {
    const space = new MutableDict({ a: new Categorical([0, 1, 2, 3], { label: 'a' }), b: new Categorical([0, 1, 2, 3], { label: 'b' }) });
    const canonicalKey = (s: Record<string, unknown>) => String((s['a'] as number) + (s['b'] as number));
    for (let seed = 0; seed < 20; seed++) {
      const session = new RegularizedEvolution({ populationSize: 3, sampleSize: 2, canonicalKey }).start({ space, rng: createRng(seed), direction: 'maximize' });
      const keys: string[] = [];
      for (let p = session.ask(); p !== undefined; p = session.ask()) {
        keys.push(canonicalKey(p.sample));
        session.tell(p.id, { status: 'succeeded', value: Number(canonicalKey(p.sample)) });
      }
      expect(keys.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    }
    expect(() => new RegularizedEvolution({ canonicalKey: 'sum' as never })).toThrow('RegularizedEvolution: canonicalKey must be a function from a sample to a string, got string');
  });
});
